using System.Security.Claims;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Auth;

public static class Policies
{
    public const string SignedIn = nameof(SignedIn);
    public const string InstanceAdmin = nameof(InstanceAdmin);
    public const string OrgMember = nameof(OrgMember);
    public const string OrgOrganizer = nameof(OrgOrganizer);
    public const string OrgAdmin = nameof(OrgAdmin);

    /// The schemes every policy accepts: the browser cookie and personal access tokens.
    public static readonly string[] Schemes = [Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme, BearerTokenDefaults.Scheme];

    public static void Add(AuthorizationOptions o)
    {
        AuthorizationPolicy Signed(params IAuthorizationRequirement[] extra)
        {
            var p = new AuthorizationPolicyBuilder(Schemes).RequireAuthenticatedUser();
            foreach (var r in extra) p.AddRequirements(r);
            return p.Build();
        }
        o.AddPolicy(SignedIn, Signed());
        o.AddPolicy(InstanceAdmin, Signed(new InstanceAdminRequirement()));
        o.AddPolicy(OrgMember, Signed(new OrgRoleRequirement(Role.Member)));
        o.AddPolicy(OrgOrganizer, Signed(new OrgRoleRequirement(Role.Organizer)));
        o.AddPolicy(OrgAdmin, Signed(new OrgRoleRequirement(Role.Admin)));
        // Deny by default: an endpoint that declares nothing requires a signed-in user; public ones say AllowAnonymous.
        o.FallbackPolicy = Signed();
        o.DefaultPolicy = Signed();
    }

    public static string? PersonId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
