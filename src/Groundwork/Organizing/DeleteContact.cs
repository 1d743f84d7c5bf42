using Groundwork.Web;
using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public static class DeleteContact
{
    public static async Task<Failure?> DeleteAsync(AppDbContext db, OrganizingScope s, int contactId, CancellationToken ct)
    {
        // The contact's row first (as an assessment does), then its levels leave the scales' level sheets with it.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var n = await ContactAccess.Visible(db, s.OrgId, s.Covered).Where(c => c.Id == contactId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version + 1), ct);
        if (n == 0) return Failure.NotFound("No such contact.");
        var scales = await db.ContactLevels.Where(k => k.ContactId == contactId).Select(k => k.ScaleId).ToListAsync(ct);
        await db.Contacts.Where(c => c.Id == contactId).ExecuteDeleteAsync(ct);
        foreach (var scale in scales) await LevelSheets.SetAsync(db, s.OrgId, scale, contactId, null, ct);
        await tx.CommitAsync(ct);
        return null;
    }
}
