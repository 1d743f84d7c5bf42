using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Members;

public sealed record MemberView(int MembershipId, string PersonId, string DisplayName, Role Role, MembershipStatus Status,
    DateTime JoinedUtc, DateTime? EndedUtc, int[] UnitIds, int[] OrganizerUnitIds);

public sealed record MembershipHistoryView(MembershipEventKind Kind, DateTime AtUtc, Role? Role, int? OtherOrganizationId);

public sealed record InvitationInput(
    [property: Range(1, 90)] int ExpiresInDays = 14,
    [property: Range(1, 10_000)] int MaxUses = 1);

public sealed record InvitationCreated(int Id, string Token, string Url, DateTime ExpiresUtc, int MaxUses);

public sealed record InvitationView(int Id, DateTime CreatedUtc, DateTime ExpiresUtc, int MaxUses, int Uses, InvitationState State);

public sealed record AcceptInvitationInput([property: Required, StringLength(200, MinimumLength = 10)] string Token);

public sealed record RoleInput([property: Required] Role? Role, int[]? OrganizerUnitIds = null);

public sealed record UnitInput(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    UnitKind Kind = UnitKind.Other,
    int? ParentUnitId = null);

public sealed record UnitView(int Id, string Name, UnitKind Kind, int? ParentUnitId);

public sealed record PlacementInput([property: Required, MaxLength(100)] int[] UnitIds);

public static class MemberRules
{
    public static async Task<List<MemberView>> ListAsync(AppDbContext db, int orgId, Membership viewer, CancellationToken ct)
    {
        var rows = await db.Memberships.AsNoTracking().Include(m => m.Placements).Include(m => m.OrganizerScopes)
            .Where(m => m.OrganizationId == orgId)
            .Join(db.Users, m => m.PersonId, p => p.Id, (m, p) => new { m, p.DisplayName })
            .ToListAsync(ct);
        return [.. rows
            .Where(r => OrganizationPermissions.OrganizerCovers(viewer, r.m.Placements.Select(p => p.UnitId)) || r.m.PersonId == viewer.PersonId)
            .OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new MemberView(r.m.Id, r.m.PersonId, r.DisplayName, r.m.Role, r.m.Status, r.m.JoinedUtc, r.m.EndedUtc,
                [.. r.m.Placements.Select(p => p.UnitId)], [.. r.m.OrganizerScopes.Select(s => s.UnitId)]))];
    }

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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("You are already a member.");
        }
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
        if (m.Role == Role.Admin && await ActiveAdminsAsync(db, orgId, ct) <= 1)
            return Failure.Conflict("You are the last admin: make someone else an admin before you leave.");
        m.Status = MembershipStatus.Left;
        m.EndedUtc = now;
        db.MembershipEvents.Add(new MembershipEvent { MembershipId = m.Id, Kind = MembershipEventKind.Left, AtUtc = now, ActorId = personId });
        db.Record(now, AuditActions.MemberLeft, personId, orgId, personId);
        await db.SaveChangesAsync(ct);
        return m;
    }

    static Task<int> ActiveAdminsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        db.Memberships.CountAsync(x => x.OrganizationId == orgId && x.Status == MembershipStatus.Active && x.Role == Role.Admin, ct);

    public static async Task<Outcome<Membership>> ChangeRoleAsync(AppDbContext db, int orgId, int membershipId, string actorId, RoleInput input, DateTime now, CancellationToken ct)
    {
        if (input.Role is not { } newRole || !Enum.IsDefined(newRole)) return Failure.Invalid("Choose a role.", "role");
        var m = await db.Memberships.Include(x => x.OrganizerScopes).FirstOrDefaultAsync(x => x.Id == membershipId && x.OrganizationId == orgId, ct);
        if (m is null || !m.IsActive) return Failure.NotFound();
        if (!OrganizationPermissions.LeavesAnAdmin(await ActiveAdminsAsync(db, orgId, ct), m, newRole))
            return Failure.Conflict("An organization needs at least one admin.");
        var unitIds = (input.OrganizerUnitIds ?? []).Distinct().ToArray();
        if (unitIds.Length > 0)
        {
            if (newRole != Role.Organizer) return Failure.Invalid("Only organizers are limited to units.", "organizerUnitIds");
            var known = await db.Units.CountAsync(u => u.OrganizationId == orgId && unitIds.Contains(u.Id), ct);
            if (known != unitIds.Length) return Failure.Invalid("A unit does not belong to this organization.", "organizerUnitIds");
        }
        var before = m.Role;
        m.Role = newRole;
        m.OrganizerScopes.Clear();
        foreach (var u in unitIds) m.OrganizerScopes.Add(new OrganizerScope { MembershipId = m.Id, UnitId = u });
        db.MembershipEvents.Add(new MembershipEvent { MembershipId = m.Id, Kind = MembershipEventKind.RoleChanged, AtUtc = now, Role = newRole, ActorId = actorId });
        db.Record(now, AuditActions.RoleChanged, actorId, orgId, m.PersonId, $"{before}->{newRole}");
        await db.SaveChangesAsync(ct);
        return m;
    }

    public static async Task<Outcome<Membership>> RemoveAsync(AppDbContext db, int orgId, int membershipId, string actorId, DateTime now, CancellationToken ct)
    {
        var m = await db.Memberships.FirstOrDefaultAsync(x => x.Id == membershipId && x.OrganizationId == orgId, ct);
        if (m is null || m.Status is not (MembershipStatus.Active or MembershipStatus.Pending)) return Failure.NotFound();
        if (!OrganizationPermissions.LeavesAnAdmin(await ActiveAdminsAsync(db, orgId, ct), m, null))
            return Failure.Conflict("An organization needs at least one admin.");
        m.Status = MembershipStatus.Removed;
        m.EndedUtc = now;
        db.MembershipEvents.Add(new MembershipEvent { MembershipId = m.Id, Kind = MembershipEventKind.Removed, AtUtc = now, ActorId = actorId });
        db.Record(now, AuditActions.MemberRemoved, actorId, orgId, m.PersonId);
        await db.SaveChangesAsync(ct);
        return m;
    }

    public static async Task<List<MembershipHistoryView>> HistoryAsync(AppDbContext db, int membershipId, CancellationToken ct) =>
        await db.MembershipEvents.AsNoTracking().Where(e => e.MembershipId == membershipId).OrderBy(e => e.Id)
            .Select(e => new MembershipHistoryView(e.Kind, e.AtUtc, e.Role, e.OtherOrganizationId)).ToListAsync(ct);

    public static async Task<InvitationCreated> CreateInvitationAsync(AppDbContext db, int orgId, string actorId, InvitationInput input, string baseUrl, DateTime now, CancellationToken ct)
    {
        var token = "gwi_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var inv = new Invitation
        {
            OrganizationId = orgId, TokenHash = ApiTokens.Hash(token), CreatedById = actorId, CreatedUtc = now,
            ExpiresUtc = now.AddDays(input.ExpiresInDays), MaxUses = input.MaxUses,
        };
        db.Invitations.Add(inv);
        db.Record(now, AuditActions.InvitationCreated, actorId, orgId, detail: $"invitation:{input.MaxUses}");
        await db.SaveChangesAsync(ct);
        // The token travels in the fragment-free path of the invitation page; it is not personal data.
        return new InvitationCreated(inv.Id, token, $"{baseUrl.TrimEnd('/')}/invitations/{token}", inv.ExpiresUtc, inv.MaxUses);
    }

    public static async Task<List<InvitationView>> ListInvitationsAsync(AppDbContext db, int orgId, DateTime now, CancellationToken ct)
    {
        var rows = await db.Invitations.AsNoTracking().Where(i => i.OrganizationId == orgId).OrderByDescending(i => i.Id).Take(200).ToListAsync(ct);
        return [.. rows.Select(i => new InvitationView(i.Id, i.CreatedUtc, i.ExpiresUtc, i.MaxUses, i.Uses, i.StateAt(now)))];
    }

    public static async Task<Outcome<bool>> RevokeInvitationAsync(AppDbContext db, int orgId, int id, string actorId, DateTime now, CancellationToken ct)
    {
        var n = await db.Invitations.Where(i => i.Id == id && i.OrganizationId == orgId && i.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedUtc, now), ct);
        if (n == 0) return Failure.NotFound();
        db.Record(now, AuditActions.InvitationRevoked, actorId, orgId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// Uses are claimed with one conditional UPDATE: two people racing for the last use cannot both win.
    public static async Task<Outcome<Membership>> AcceptInvitationAsync(AppDbContext db, string token, string personId, DateTime now, CancellationToken ct)
    {
        var hash = ApiTokens.Hash(token.Trim());
        var inv = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (inv is null) return Failure.NotFound("This invitation does not exist.");
        switch (inv.StateAt(now))
        {
            case InvitationState.Revoked: return new Failure(410, "This invitation was revoked.");
            case InvitationState.Expired: return new Failure(410, "This invitation has expired.");
            case InvitationState.UsedUp: return new Failure(410, "This invitation has been used up.");
        }
        var existing = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.OrganizationId == inv.OrganizationId && m.PersonId == personId, ct);
        if (existing is { Status: MembershipStatus.Active }) return Failure.Conflict("You are already a member.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Invitations
            .Where(i => i.Id == inv.Id && i.RevokedUtc == null && i.Uses < i.MaxUses && i.ExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Uses, i => i.Uses + 1), ct);
        if (claimed == 0) return new Failure(410, "This invitation has been used up.");
        var result = await AdmitAsync(db, inv.OrganizationId, personId, MembershipStatus.Active, Role.Member, now, null, AuditActions.MemberJoined, ct, MembershipEventKind.Joined);
        if (!result.Ok) return result.Failure!;
        await tx.CommitAsync(ct);
        return result;
    }

    public static async Task<Outcome<Unit>> CreateUnitAsync(AppDbContext db, int orgId, UnitInput input, DateTime now, CancellationToken ct)
    {
        if (!Enum.IsDefined(input.Kind)) return Failure.Invalid("Unknown kind of unit.", "kind");
        var name = input.Name.Trim();
        if (name.Length == 0) return Failure.Invalid("Give the unit a name.", "name");
        if (input.ParentUnitId is { } pid && !await db.Units.AnyAsync(u => u.Id == pid && u.OrganizationId == orgId, ct))
            return Failure.Invalid("The parent unit does not belong to this organization.", "parentUnitId");
        var unit = new Unit { OrganizationId = orgId, Name = name, NormalizedName = Organization.Normalize(name), Kind = input.Kind, ParentUnitId = input.ParentUnitId, CreatedUtc = now };
        db.Units.Add(unit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("A unit with this name already exists.", "name");
        }
        return unit;
    }

    public static async Task<List<UnitView>> ListUnitsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => u.OrganizationId == orgId).OrderBy(u => u.NormalizedName)
            .Select(u => new UnitView(u.Id, u.Name, u.Kind, u.ParentUnitId)).ToListAsync(ct);

    public static async Task<Outcome<Membership>> PlaceAsync(AppDbContext db, int orgId, int membershipId, int[] unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToArray();
        var m = await db.Memberships.Include(x => x.Placements).FirstOrDefaultAsync(x => x.Id == membershipId && x.OrganizationId == orgId, ct);
        if (m is null || !m.IsActive) return Failure.NotFound();
        if (await db.Units.CountAsync(u => u.OrganizationId == orgId && ids.Contains(u.Id), ct) != ids.Length)
            return Failure.Invalid("A unit does not belong to this organization.", "unitIds");
        m.Placements.Clear();
        foreach (var u in ids) m.Placements.Add(new UnitPlacement { MembershipId = m.Id, UnitId = u });
        await db.SaveChangesAsync(ct);
        return m;
    }
}
