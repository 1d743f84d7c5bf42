using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

/// Either side may open a request: an admin of the child asks to join a parent, or an admin of the parent
/// invites a child. The side that asks is approved by asking; the other side decides.
public sealed record AffiliationInput(int? ParentId, int? ChildId);

public sealed record DecisionInput([property: Required] bool? Accept);

public sealed record AffiliationView(int Id, int ChildId, string ChildName, int ParentId, string ParentName, RequestStatus Status,
    bool ChildApproved, bool ParentApproved, DateTime CreatedUtc);

public sealed record TransferInput(int ToOrganizationId, bool ShareHistory, [property: StringLength(1000)] string? Note);

public sealed record TransferView(int Id, string PersonId, string DisplayName, int FromOrganizationId, string FromName,
    int ToOrganizationId, string ToName, bool ShareHistory, RequestStatus Status, DateTime CreatedUtc, DateTime? JoinedFromUtc);

public static class FederationRules
{
    public static async Task<Outcome<AffiliationRequest>> RequestAffiliationAsync(AppDbContext db, int orgId, string actorId, AffiliationInput input, DateTime now, CancellationToken ct)
    {
        if ((input.ParentId is null) == (input.ChildId is null))
            return Failure.Invalid("Name either the parent to join (parentId) or the child to invite (childId).", "parentId");
        var asChild = input.ParentId is not null;
        var childId = asChild ? orgId : input.ChildId!.Value;
        var parentId = asChild ? input.ParentId!.Value : orgId;
        if (childId == parentId) return Failure.Invalid("An organization cannot be its own parent.", asChild ? "parentId" : "childId");
        var other = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == (asChild ? parentId : childId), ct);
        if (other is null || (other.Visibility == Visibility.Secret && !await db.Memberships.AnyAsync(m => m.OrganizationId == other.Id && m.PersonId == actorId && m.Status == MembershipStatus.Active, ct)))
            return Failure.NotFound("That organization was not found.");
        var child = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == childId, ct);
        if (child.ParentId == parentId) return Failure.Conflict("Already affiliated.");
        if (child.ParentId is not null) return Failure.Conflict("The child already belongs to another parent; it must leave first.");
        if (await OrganizationRules.WouldCycleAsync(db, childId, parentId, ct))
            return Failure.Invalid("That would make a cycle in the federation tree.", asChild ? "parentId" : "childId");
        if (await db.AffiliationRequests.AnyAsync(r => r.ChildId == childId && r.ParentId == parentId && r.Status == RequestStatus.Pending, ct))
            return Failure.Conflict("A request is already waiting.");
        var req = new AffiliationRequest
        {
            ChildId = childId, ParentId = parentId, RequestedById = actorId, CreatedUtc = now, Status = RequestStatus.Pending,
            ChildApprovedUtc = asChild ? now : null, ParentApprovedUtc = asChild ? null : now,
        };
        db.AffiliationRequests.Add(req);
        db.Record(now, AuditActions.AffiliationRequested, actorId, orgId, detail: $"child:{childId} parent:{parentId}");
        await db.SaveChangesAsync(ct);
        return req;
    }

    /// The deciding side is the one named by the route; it must be the side that has not approved yet.
    public static async Task<Outcome<AffiliationRequest>> DecideAffiliationAsync(AppDbContext db, int orgId, int requestId, string actorId, bool accept, DateTime now, CancellationToken ct)
    {
        var req = await db.AffiliationRequests.FirstOrDefaultAsync(r => r.Id == requestId && (r.ChildId == orgId || r.ParentId == orgId), ct);
        if (req is null) return Failure.NotFound();
        if (req.Status != RequestStatus.Pending) return Failure.Conflict("This request was already decided.");
        var deciderIsParent = req.ParentId == orgId;
        if (deciderIsParent ? req.ParentApprovedUtc is not null : req.ChildApprovedUtc is not null)
            return Failure.Conflict("Your side already approved; the other side decides.");
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        req.DecidedUtc = now;
        if (!accept)
            req.Status = RequestStatus.Rejected;
        else
        {
            if (deciderIsParent) req.ParentApprovedUtc = now; else req.ChildApprovedUtc = now;
            if (await OrganizationRules.WouldCycleAsync(db, req.ChildId, req.ParentId, ct))
                return Failure.Conflict("The federation tree changed: accepting now would make a cycle.");
            var child = await db.Organizations.FirstAsync(o => o.Id == req.ChildId, ct);
            if (child.ParentId is not null) return Failure.Conflict("The child already belongs to another parent.");
            child.ParentId = req.ParentId;
            req.Status = RequestStatus.Accepted;
        }
        db.Record(now, AuditActions.AffiliationDecided, actorId, orgId, detail: $"request:{req.Id} {(accept ? "accepted" : "rejected")}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return req;
    }

    public static async Task<List<AffiliationView>> ListAffiliationsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        await (from r in db.AffiliationRequests.AsNoTracking()
               join c in db.Organizations on r.ChildId equals c.Id
               join p in db.Organizations on r.ParentId equals p.Id
               where r.ChildId == orgId || r.ParentId == orgId
               orderby r.Id descending
               select new AffiliationView(r.Id, c.Id, c.Name, p.Id, p.Name, r.Status, r.ChildApprovedUtc != null, r.ParentApprovedUtc != null, r.CreatedUtc))
            .Take(200).ToListAsync(ct);

    public static async Task<Outcome<Organization>> LeaveParentAsync(AppDbContext db, int orgId, string actorId, DateTime now, CancellationToken ct)
    {
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null) return Failure.NotFound();
        if (org.ParentId is null) return Failure.Conflict("This organization has no parent.");
        db.Record(now, AuditActions.AffiliationLeft, actorId, orgId, detail: $"parent:{org.ParentId}");
        org.ParentId = null;
        await db.SaveChangesAsync(ct);
        return org;
    }

    /// A member of the route's organization asks to move to another organization of the same federation.
    public static async Task<Outcome<TransferRequest>> RequestTransferAsync(AppDbContext db, int fromOrgId, string personId, TransferInput input, DateTime now, CancellationToken ct)
    {
        if (input.ToOrganizationId == fromOrgId) return Failure.Invalid("Choose another organization.", "toOrganizationId");
        var to = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.ToOrganizationId, ct);
        if (to is null || to.Visibility == Visibility.Secret) return Failure.NotFound("That organization was not found.");
        if (await OrganizationRules.RootOfAsync(db, fromOrgId, ct) != await OrganizationRules.RootOfAsync(db, to.Id, ct))
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
    public static async Task<Outcome<TransferRequest>> DecideTransferAsync(AppDbContext db, int toOrgId, int requestId, string actorId, bool accept, DateTime now, CancellationToken ct)
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
            var admitted = await MemberRules.AdmitAsync(db, toOrgId, req.PersonId, MembershipStatus.Active, Role.Member, now,
                req.ShareHistory ? from.JoinedUtc : now, AuditActions.MemberJoined, ct, MembershipEventKind.TransferredIn, req.FromOrganizationId);
            if (!admitted.Ok) return admitted.Failure!;
        }
        db.Record(now, AuditActions.TransferDecided, actorId, toOrgId, req.PersonId, accept ? "accepted" : "rejected");
        db.Record(now, AuditActions.TransferDecided, actorId, req.FromOrganizationId, req.PersonId, accept ? "accepted" : "rejected");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return req;
    }

    public static async Task<List<TransferView>> ListTransfersAsync(AppDbContext db, int orgId, CancellationToken ct)
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
