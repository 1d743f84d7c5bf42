using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Members;

/// Joining (by the organization's policy), approval, leaving and removal: the one membership row of a person and an
/// organization moves through its statuses, each step recorded as a membership event and in the audit log.
public static class MembershipLifecycle
{
    /// Join by the organization's policy: open joins at once, approval waits for an organizer, invitation-only refuses.
    public static async Task<Outcome<Membership>> JoinAsync(AppDbContext db, int orgId, string personId, DateTime now, CancellationToken ct)
    {
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null || org.Visibility == Visibility.Secret) return Failure.NotFound();
        if (org.JoinPolicy == JoinPolicy.Invitation) return Failure.Forbidden("This organization admits members by invitation only.");
        var status = org.JoinPolicy == JoinPolicy.Open ? MembershipStatus.Active : MembershipStatus.Pending;
        return await AdmitAsync(db, orgId, personId, status, Role.Member, now, null, status == MembershipStatus.Active ? AuditActions.MemberJoined : AuditActions.MemberRequested, ct);
    }

    /// Creates or reactivates the one membership row of (organization, person); the unique index decides races.
    internal static async Task<Outcome<Membership>> AdmitAsync(AppDbContext db, int orgId, string personId, MembershipStatus status,
        Role role, DateTime now, DateTime? joinedUtc, string auditAction, CancellationToken ct, MembershipEventKind? kind = null, int? otherOrg = null)
    {
        var existing = await db.Memberships.FirstOrDefaultAsync(m => m.OrganizationId == orgId && m.PersonId == personId, ct);
        var eventKind = kind ?? (status == MembershipStatus.Pending ? MembershipEventKind.Requested : MembershipEventKind.Joined);
        if (existing is not null)
        {
            if (existing.Status == MembershipStatus.Active) return Failure.Conflict("You are already a member.");
            if (existing.Status == MembershipStatus.Pending && status == MembershipStatus.Pending) return Failure.Conflict("Your request is already waiting for approval.");
            if (existing.Status == MembershipStatus.Removed && status == MembershipStatus.Pending && kind is null)
                return Failure.Forbidden("You were removed from this organization; ask an organizer for an invitation.");
            existing.Status = status;
            existing.Role = role;
            existing.EndedUtc = null;
            if (status == MembershipStatus.Active) existing.JoinedUtc = joinedUtc ?? now;
            db.MembershipEvents.Add(new MembershipEvent { MembershipId = existing.Id, Kind = kind ?? (status == MembershipStatus.Active ? MembershipEventKind.Rejoined : eventKind), AtUtc = now, Role = role, ActorId = personId, OtherOrganizationId = otherOrg });
            db.Record(now, auditAction, personId, orgId, personId);
            await db.SaveChangesAsync(ct);
            return existing;
        }
        var m = new Membership
        {
            OrganizationId = orgId, PersonId = personId, Role = role, Status = status, JoinedUtc = joinedUtc ?? now,
            Events = [new MembershipEvent { Kind = eventKind, AtUtc = now, Role = role, ActorId = personId, OtherOrganizationId = otherOrg }],
        };
        db.Memberships.Add(m);
        db.Record(now, auditAction, personId, orgId, personId);
        if (await db.SaveOrConflictAsync(Failure.Conflict("You are already a member."), ct) is { } refused) return refused;
        return m;
    }

    public static async Task<Outcome<Membership>> ApproveAsync(AppDbContext db, int orgId, int membershipId, string actorId, bool approve, DateTime now, CancellationToken ct)
    {
        var m = await db.Memberships.FirstOrDefaultAsync(x => x.Id == membershipId && x.OrganizationId == orgId, ct);
        if (m is null) return Failure.NotFound();
        if (m.Status != MembershipStatus.Pending) return Failure.Conflict("This request was already decided.");
        m.Status = approve ? MembershipStatus.Active : MembershipStatus.Left;
        if (approve) m.JoinedUtc = now; else m.EndedUtc = now;
        db.MembershipEvents.Add(new MembershipEvent { MembershipId = m.Id, Kind = approve ? MembershipEventKind.Approved : MembershipEventKind.Rejected, AtUtc = now, ActorId = actorId });
        db.Record(now, AuditActions.MemberApproved, actorId, orgId, m.PersonId, approve ? "approved" : "rejected");
        await db.SaveChangesAsync(ct);
        return m;
    }

    public static async Task<Outcome<Membership>> LeaveAsync(AppDbContext db, int orgId, string personId, DateTime now, CancellationToken ct)
    {
        var m = await db.Memberships.FirstOrDefaultAsync(x => x.OrganizationId == orgId && x.PersonId == personId, ct);
        if (m is null || !m.IsActive) return Failure.NotFound();
        if (m.Role == Role.Admin && await MemberQueries.ActiveAdminsAsync(db, orgId, ct) <= 1)
            return Failure.Conflict("You are the last admin: make someone else an admin before you leave.");
        m.Status = MembershipStatus.Left;
        m.EndedUtc = now;
        db.MembershipEvents.Add(new MembershipEvent { MembershipId = m.Id, Kind = MembershipEventKind.Left, AtUtc = now, ActorId = personId });
        db.Record(now, AuditActions.MemberLeft, personId, orgId, personId);
        await db.SaveChangesAsync(ct);
        return m;
    }

    public static async Task<Outcome<Membership>> RemoveAsync(AppDbContext db, int orgId, int membershipId, string actorId, DateTime now, CancellationToken ct)
    {
        var m = await db.Memberships.FirstOrDefaultAsync(x => x.Id == membershipId && x.OrganizationId == orgId, ct);
        if (m is null || m.Status is not (MembershipStatus.Active or MembershipStatus.Pending)) return Failure.NotFound();
        if (!OrganizationPermissions.LeavesAnAdmin(await MemberQueries.ActiveAdminsAsync(db, orgId, ct), m, null))
            return Failure.Conflict("An organization needs at least one admin.");
        m.Status = MembershipStatus.Removed;
        m.EndedUtc = now;
        db.MembershipEvents.Add(new MembershipEvent { MembershipId = m.Id, Kind = MembershipEventKind.Removed, AtUtc = now, ActorId = actorId });
        db.Record(now, AuditActions.MemberRemoved, actorId, orgId, m.PersonId);
        await db.SaveChangesAsync(ct);
        return m;
    }
}
