using System.Text.Json;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

/// Queues a previewed job for the runner, with the settings it was previewed with.
public static class StartImport
{
    /// Queues the job with these settings, if the whole file passes; a file with row errors is refused with the list.
    public static async Task<Outcome<ImportView>> StartAsync(AppDbContext db, FieldCrypto crypto, ImportJob j, ImportSettings s, DateTime now, CancellationToken ct)
    {
        var preview = await PreviewImport.PreviewAsync(db, crypto, j, s, ct);
        if (!preview.Ok) return preview.Failure!;
        if (preview.Value!.ErrorCount > 0)
            return Failure.Invalid(ImportQueries.Describe(preview.Value.Errors));
        var json = JsonSerializer.Serialize(s, ImportJson.Web);
        var n = await db.ImportJobs.Where(x => x.Id == j.Id && x.Status == ImportStatus.Uploaded)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ImportStatus.Queued).SetProperty(x => x.SettingsJson, json).SetProperty(x => x.UpdatedUtc, now), ct);
        if (n == 0) return Failure.Conflict("This import has already been started.");
        var fresh = await ImportQueries.FindAsync(db, j.OrganizationId, j.Id, ct);
        return await ImportQueries.DescribeAsync(db, fresh!, ct);
    }
}
