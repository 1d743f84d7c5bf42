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

public sealed record OrgRoleRequirement(Role Minimum) : IAuthorizationRequirement;

public sealed record InstanceAdminRequirement : IAuthorizationRequirement;

/// Why an organization-scoped check failed: a non-member must not learn that a secret organization exists,
/// so that case answers 404 rather than 403.
public sealed record OrgScopeFailure(bool Hide) : IAuthorizationRequirement;

/// The caller's standing in the organization named by the route's {orgId}, loaded once per request: the policy handler
/// loads it, and endpoints that need the caller's membership (its role, organizer scopes or unit placements) take this
/// scoped service and get the same rows without another query.
public sealed class OrgAccess(AppDbContext db, IHttpContextAccessor http)
{
    bool loaded;
    Organization? org;
    Membership? membership;

    // A member's organization and membership read by the bearer token handler in its own query (see Prime).
    (Organization Org, Membership Membership)? primed;

    /// The bearer token handler read the caller's membership of the route's organization with the token, in the same
    /// query and the same request: LoadAsync takes it for that organization and that person rather than ask again.
    public void Prime(Organization org, Membership membership) => primed = (org, membership);

    public async Task<(Organization? Org, Membership? Membership)> LoadAsync(int orgId, CancellationToken ct)
    {
        if (loaded && org?.Id == orgId) return (org, membership);
        var personId = http.HttpContext?.User.PersonId();
        if (primed is { } p && p.Org.Id == orgId && p.Membership.OrganizationId == orgId && personId is not null && p.Membership.PersonId == personId)
        {
            (org, membership, loaded) = (p.Org, p.Membership, true);
            return (org, membership);
        }
        var q = Queries.GetValue(db.Model, _ => new Compiled());
        // A member (nearly every caller) gets the membership and the organization in one query; anyone else asks for the
        // organization alone.
        if (personId is not null && await q.MemberOf(db, orgId, personId, ct) is { } both)
            (org, membership) = (both.Org, both.Membership);
        else
            (org, membership) = (await q.Organization(db, orgId, ct), null);
        loaded = true;
        return (org, membership);
    }

    sealed record OrgAndMembership(Organization Org, Membership Membership);

    // Every organization-scoped request runs one of these: compiled, they skip building the LINQ expressions and computing
    // EF's query cache key each time (the same SQL, read fresh). One set per model: each key ring has its own model
    // (CryptoModelCacheKeyFactory) and a compiled query is bound to one.
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Compiled> Queries = new();

    sealed class Compiled
    {
        public readonly Func<AppDbContext, int, CancellationToken, Task<Organization?>> Organization =
            EF.CompileAsyncQuery((AppDbContext db, int orgId, CancellationToken ct) =>
                db.Organizations.AsNoTracking().FirstOrDefault(o => o.Id == orgId));

        public readonly Func<AppDbContext, int, string, CancellationToken, Task<OrgAndMembership?>> MemberOf =
            EF.CompileAsyncQuery((AppDbContext db, int orgId, string personId, CancellationToken ct) =>
                db.Memberships.AsNoTracking().Include(m => m.OrganizerScopes).Include(m => m.Placements)
                    .Where(m => m.OrganizationId == orgId && m.PersonId == personId)
                    .Join(db.Organizations.AsNoTracking(), m => m.OrganizationId, o => o.Id, (m, o) => new OrgAndMembership(o, m))
                    .FirstOrDefault());
    }

    public static int? RouteOrgId(HttpContext? ctx) =>
        ctx?.GetRouteValue("orgId") is { } v && int.TryParse(v.ToString(), out var id) ? id : null;
}

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

/// Turns failures into problem details; a non-member gets 404 whatever the organization, so ids reveal nothing.
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.Request.Path.StartsWithSegments("/api"))
        {
            var hide = result.AuthorizationFailure?.FailureReasons.Any(r => r.Message == "hide") == true;
            var status = hide ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
            await Results.Problem(statusCode: status, title: hide ? "Not found." : "You may not do this.").ExecuteAsync(context);
            return;
        }
        if (result.Challenged && context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in or send a personal access token.").ExecuteAsync(context);
            return;
        }
        if (result.Challenged)
        {
            // Pages: the browser's sign-in redirect, not the bearer scheme's bare 401.
            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.ChallengeAsync(context, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            return;
        }
        if (result.Forbidden && result.AuthorizationFailure?.FailureReasons.Any(r => r.Message == "hide") == true)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await fallback.HandleAsync(next, context, policy, result);
    }
}
