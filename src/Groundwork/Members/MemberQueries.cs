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

/// The members an organizer may see, and a membership's history.
public static class MemberQueries
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

    public static async Task<List<MembershipHistoryView>> HistoryAsync(AppDbContext db, int membershipId, CancellationToken ct) =>
        await db.MembershipEvents.AsNoTracking().Where(e => e.MembershipId == membershipId).OrderBy(e => e.Id)
            .Select(e => new MembershipHistoryView(e.Kind, e.AtUtc, e.Role, e.OtherOrganizationId)).ToListAsync(ct);

    internal static Task<int> ActiveAdminsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        db.Memberships.CountAsync(x => x.OrganizationId == orgId && x.Status == MembershipStatus.Active && x.Role == Role.Admin, ct);
}
