using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record SettingsInput(
    [property: Range(1, 3650, ErrorMessage = "Keep notes between 1 and 3650 days, or leave it empty to keep them.")] int? NoteRetentionDays);
public sealed record SettingsView(int? NoteRetentionDays);

/// The organization's organizing settings (how long conversation notes are kept).
public static class SaveOrganizingSettings
{
    public static async Task<SettingsView> SettingsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        new((await db.OrganizingSettings.AsNoTracking().FirstOrDefaultAsync(x => x.OrganizationId == orgId, ct))?.NoteRetentionDays);

    public static async Task<Outcome<SettingsView>> SaveSettingsAsync(AppDbContext db, int orgId, SettingsInput input, CancellationToken ct)
    {
        var n = await db.OrganizingSettings.Where(x => x.OrganizationId == orgId).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoteRetentionDays, input.NoteRetentionDays), ct);
        if (n == 0)
        {
            db.OrganizingSettings.Add(new OrganizingSettings { OrganizationId = orgId, NoteRetentionDays = input.NoteRetentionDays });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                await db.OrganizingSettings.Where(x => x.OrganizationId == orgId).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoteRetentionDays, input.NoteRetentionDays), ct);
            }
        }
        return new SettingsView(input.NoteRetentionDays);
    }
}
