using System.Security.Claims;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Auth;

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
        // A member (nearly every caller) gets the membership and the organization in one query; anyone else asks for the
        // organization alone.
        if (personId is not null && await MemberOf.For(db)(db, orgId, personId, ct) is { } both)
            (org, membership) = (both.Org, both.Membership);
        else
            (org, membership) = (await OrganizationById.For(db)(db, orgId, ct), null);
        loaded = true;
        return (org, membership);
    }

    sealed record OrgAndMembership(Organization Org, Membership Membership);

    // Every organization-scoped request runs one of these, so they are compiled (see CompiledPerModel).
    static readonly CompiledPerModel<Func<AppDbContext, int, CancellationToken, Task<Organization?>>> OrganizationById = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, int orgId, CancellationToken ct) =>
            db.Organizations.AsNoTracking().FirstOrDefault(o => o.Id == orgId)));

    static readonly CompiledPerModel<Func<AppDbContext, int, string, CancellationToken, Task<OrgAndMembership?>>> MemberOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, int orgId, string personId, CancellationToken ct) =>
            db.Memberships.AsNoTracking().Include(m => m.OrganizerScopes).Include(m => m.Placements)
                .Where(m => m.OrganizationId == orgId && m.PersonId == personId)
                .Join(db.Organizations.AsNoTracking(), m => m.OrganizationId, o => o.Id, (m, o) => new OrgAndMembership(o, m))
                .FirstOrDefault()));

    public static int? RouteOrgId(HttpContext? ctx) =>
        ctx?.GetRouteValue("orgId") is { } v && int.TryParse(v.ToString(), out var id) ? id : null;
}
