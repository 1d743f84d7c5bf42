using Groundwork.Auth;
using Groundwork.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Audit;

public sealed record AuditEventView(long Id, DateTime AtUtc, string Action, string? ActorId, string? SubjectPersonId, int? OrganizationId, string? Detail);

public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/organizations/{orgId:int}/audit", ForOrganization).WithName("ListAuditEvents").WithTags("Audit")
            .RequireAuthorization(Policies.OrgAdmin);
        app.MapGet("/api/v1/me/audit", ForMe).WithName("ListMyAuditEvents").WithTags("Audit").RequireAuthorization(Policies.SignedIn);
    }

    /// Newest first, in pages keyed by id (stable under inserts).
    static async Task<Ok<List<AuditEventView>>> ForOrganization(int orgId, long? before, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Page(db.AuditEvents.Where(e => e.OrganizationId == orgId), before, ct));

    static async Task<Ok<List<AuditEventView>>> ForMe(long? before, AppDbContext db, HttpContext http, CancellationToken ct)
    {
        var me = http.User.PersonId()!;
        return TypedResults.Ok(await Page(db.AuditEvents.Where(e => e.SubjectPersonId == me || (e.ActorId == me && e.SubjectPersonId == null)), before, ct));
    }

    internal static Task<List<AuditEventView>> Page(IQueryable<AuditEvent> q, long? before, CancellationToken ct) =>
        q.AsNoTracking().Where(e => before == null || e.Id < before).OrderByDescending(e => e.Id).Take(100)
            .Select(e => new AuditEventView(e.Id, e.AtUtc, e.Action, e.ActorId, e.SubjectPersonId, e.OrganizationId, e.Detail))
            .ToListAsync(ct);
}
