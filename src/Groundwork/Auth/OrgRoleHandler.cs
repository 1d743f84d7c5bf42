using System.Security.Claims;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Auth;

public sealed class OrgRoleHandler(OrgAccess access, IHttpContextAccessor http) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        foreach (var req in context.PendingRequirements.ToList())
        {
            if (req is InstanceAdminRequirement)
            {
                if (context.User.HasClaim(ClaimsFactory.InstanceAdminClaim, "true")) context.Succeed(req);
                continue;
            }
            if (req is not OrgRoleRequirement role) continue;
            var ctx = http.HttpContext;
            if (OrgAccess.RouteOrgId(ctx) is not { } orgId)
            {
                context.Fail(new AuthorizationFailureReason(this, "No organization in route."));
                continue;
            }
            var (org, membership) = await access.LoadAsync(orgId, ctx!.RequestAborted);
            if (org is not null && OrganizationPermissions.HasRole(membership, role.Minimum))
                context.Succeed(req);
            else
                context.Fail(new AuthorizationFailureReason(this,
                    OrganizationPermissions.IsActiveMember(membership) ? "role" : "hide"));
        }
    }
}
