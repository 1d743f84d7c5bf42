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
