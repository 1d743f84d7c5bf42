using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Members;

public sealed record PlacementInput(
    [property: Required(ErrorMessage = "Choose the units to place the member in."), MaxLength(100, ErrorMessage = "A member can be placed in at most 100 units.")] int[] UnitIds);

/// Which units a member is placed in.
public static class MemberPlacement
{
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
