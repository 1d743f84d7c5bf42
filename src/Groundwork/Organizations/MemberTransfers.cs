using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

public sealed record TransferInput(int ToOrganizationId, bool ShareHistory,
    [property: StringLength(1000, ErrorMessage = "Keep the note under 1,000 characters.")] string? Note);

public sealed record TransferView(int Id, string PersonId, string DisplayName, int FromOrganizationId, string FromName,
    int ToOrganizationId, string ToName, bool ShareHistory, RequestStatus Status, DateTime CreatedUtc, DateTime? JoinedFromUtc);

/// A member moves to another organization of the same federation, with the receiving organization's approval.
public static class MemberTransfers
{
    /// A member of the route's organization asks to move to another organization of the same federation.
    public static async Task<Outcome<TransferRequest>> RequestAsync(AppDbContext db, int fromOrgId, string personId, TransferInput input, DateTime now, CancellationToken ct)
    {
        if (input.ToOrganizationId == fromOrgId) return Failure.Invalid("Choose another organization.", "toOrganizationId");
        var to = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.ToOrganizationId, ct);
        if (to is null || to.Visibility == Visibility.Secret) return Failure.NotFound("That organization was not found.");
        if (await FederationTree.RootOfAsync(db, fromOrgId, ct) != await FederationTree.RootOfAsync(db, to.Id, ct))
            return Failure.Invalid("Transfers are possible only within the same federation.", "toOrganizationId");
        if (await db.Memberships.AnyAsync(m => m.OrganizationId == to.Id && m.PersonId == personId && m.Status == MembershipStatus.Active, ct))
            return Failure.Conflict("You are already a member there.");
        if (await db.TransferRequests.AnyAsync(t => t.PersonId == personId && t.FromOrganizationId == fromOrgId && t.Status == RequestStatus.Pending, ct))
            return Failure.Conflict("You already have a transfer waiting.");
        var req = new TransferRequest
        {
            PersonId = personId, FromOrganizationId = fromOrgId, ToOrganizationId = to.Id, ShareHistory = input.ShareHistory,
            Note = input.Note?.Trim() ?? "", CreatedUtc = now, Status = RequestStatus.Pending,
        };
        db.TransferRequests.Add(req);
        db.Record(now, AuditActions.TransferRequested, personId, fromOrgId, personId, $"to:{to.Id}");
        db.Record(now, AuditActions.TransferRequested, personId, to.Id, personId, $"from:{fromOrgId}");
        await db.SaveChangesAsync(ct);
        return req;
    }

    /// The receiving organization decides. On acceptance the membership moves: the old one ends as
    /// transferred-out, the new one starts with the old join date when the member consented to share it.
    public static async Task<Outcome<TransferRequest>> DecideAsync(AppDbContext db, int toOrgId, int requestId, string actorId, bool accept, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var req = await db.TransferRequests.FirstOrDefaultAsync(t => t.Id == requestId && t.ToOrganizationId == toOrgId, ct);
        if (req is null) return Failure.NotFound();
        // Claim the decision with a conditional update so two admins deciding at once cannot both act.
        var claimed = await db.TransferRequests.Where(t => t.Id == requestId && t.Status == RequestStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, accept ? RequestStatus.Accepted : RequestStatus.Rejected)
                .SetProperty(t => t.DecidedUtc, now).SetProperty(t => t.DecidedById, actorId), ct);
        if (claimed == 0) return Failure.Conflict("This transfer was already decided.");
        await db.Entry(req).ReloadAsync(ct);
        if (accept)
        {
            var from = await db.Memberships.FirstOrDefaultAsync(m => m.OrganizationId == req.FromOrganizationId && m.PersonId == req.PersonId, ct);
            if (from is null || !from.IsActive) return Failure.Conflict("The member no longer belongs to the organization they are leaving.");
            from.Status = MembershipStatus.TransferredOut;
            from.EndedUtc = now;
            db.MembershipEvents.Add(new MembershipEvent { MembershipId = from.Id, Kind = MembershipEventKind.TransferredOut, AtUtc = now, ActorId = actorId, OtherOrganizationId = toOrgId });
            var admitted = await MembershipLifecycle.AdmitAsync(db, toOrgId, req.PersonId, MembershipStatus.Active, Role.Member, now,
                req.ShareHistory ? from.JoinedUtc : now, AuditActions.MemberJoined, ct, MembershipEventKind.TransferredIn, req.FromOrganizationId);
            if (!admitted.Ok) return admitted.Failure!;
        }
        db.Record(now, AuditActions.TransferDecided, actorId, toOrgId, req.PersonId, accept ? "accepted" : "rejected");
        db.Record(now, AuditActions.TransferDecided, actorId, req.FromOrganizationId, req.PersonId, accept ? "accepted" : "rejected");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return req;
    }

    public static async Task<List<TransferView>> ListAsync(AppDbContext db, int orgId, CancellationToken ct)
    {
        var rows = await (from t in db.TransferRequests.AsNoTracking()
                          join p in db.Users on t.PersonId equals p.Id
                          join f in db.Organizations on t.FromOrganizationId equals f.Id
                          join to in db.Organizations on t.ToOrganizationId equals to.Id
                          where t.ToOrganizationId == orgId
                          orderby t.Id descending
                          select new { t, p.DisplayName, FromName = f.Name, ToName = to.Name }).Take(200).ToListAsync(ct);
        var joined = await db.Memberships.AsNoTracking()
            .Where(m => rows.Select(r => r.t.PersonId).Contains(m.PersonId))
            .Select(m => new { m.PersonId, m.OrganizationId, m.JoinedUtc }).ToListAsync(ct);
        return [.. rows.Select(r => new TransferView(r.t.Id, r.t.PersonId, r.DisplayName, r.t.FromOrganizationId, r.FromName,
            r.t.ToOrganizationId, r.ToName, r.t.ShareHistory, r.t.Status, r.t.CreatedUtc,
            // The receiving side sees the standing date only with the member's consent.
            r.t.ShareHistory ? joined.FirstOrDefault(j => j.PersonId == r.t.PersonId && j.OrganizationId == r.t.FromOrganizationId)?.JoinedUtc : null))];
    }
}
