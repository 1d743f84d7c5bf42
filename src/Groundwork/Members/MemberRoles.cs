using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Members;

public sealed record RoleInput(
    [property: Required(ErrorMessage = "Choose a role."), EnumDataType(typeof(Role), ErrorMessage = "Choose a role.")] Role? Role,
    int[]? OrganizerUnitIds = null);

/// An admin changes a member's role, and limits an organizer to some units.
public static class MemberRoles
{
    public static async Task<Outcome<Membership>> ChangeRoleAsync(AppDbContext db, int orgId, int membershipId, string actorId, RoleInput input, DateTime now, CancellationToken ct)
    {
        // Checked by the input's rules (Required): a caller that skips them gets a 400, not an exception.
        if (input.Role is not { } newRole) return Failure.Invalid("Choose a role.", "role");
        var m = await db.Memberships.Include(x => x.OrganizerScopes).FirstOrDefaultAsync(x => x.Id == membershipId && x.OrganizationId == orgId, ct);
        if (m is null || !m.IsActive) return Failure.NotFound();
        if (!OrganizationPermissions.LeavesAnAdmin(await MemberQueries.ActiveAdminsAsync(db, orgId, ct), m, newRole))
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
}
