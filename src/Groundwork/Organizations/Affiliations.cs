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

public sealed record AffiliationView(int Id, int ChildId, string ChildName, int ParentId, string ParentName, RequestStatus Status,
    bool ChildApproved, bool ParentApproved, DateTime CreatedUtc);

/// A child organization joins a parent with the approval of both sides' admins, or leaves it.
public static class Affiliations
{
    public static async Task<Outcome<AffiliationRequest>> RequestAsync(AppDbContext db, int orgId, string actorId, AffiliationInput input, DateTime now, CancellationToken ct)
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
        if (await FederationTree.WouldCycleAsync(db, childId, parentId, ct))
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
    public static async Task<Outcome<AffiliationRequest>> DecideAsync(AppDbContext db, int orgId, int requestId, string actorId, bool accept, DateTime now, CancellationToken ct)
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
            if (await FederationTree.WouldCycleAsync(db, req.ChildId, req.ParentId, ct))
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

    public static async Task<List<AffiliationView>> ListAsync(AppDbContext db, int orgId, CancellationToken ct) =>
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
}
