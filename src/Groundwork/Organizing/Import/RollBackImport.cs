using System.Text.Json;
using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

public static class RollBackImport
{
    /// Undoes a run that cannot finish: its hidden contacts and staged merges are deleted (in short transactions:
    /// nobody sees them), then the job says why. Units and tags it created stay (empty, harmless, and maybe in use).
    public static async Task RollBackAsync(AppDbContext db, int jobId, int attempt, List<RowError> errors, TimeProvider clock, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        while (true)
        {
            var ids = await db.Contacts.IgnoreQueryFilters().Where(c => c.ImportJobId == jobId).OrderBy(c => c.Id).Select(c => c.Id).Take(1000).ToListAsync(ct);
            if (ids.Count == 0) break;
            await db.Contacts.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
        }
        await db.ImportMerges.Where(m => m.ImportJobId == jobId).ExecuteDeleteAsync(ct);
        var json = JsonSerializer.Serialize(errors.Take(500).ToList(), ImportJson.Web);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ImportJobs.Where(x => x.Id == jobId && x.Attempt == attempt).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ImportStatus.Failed)
            .SetProperty(x => x.Content, (string?)null).SetProperty(x => x.ErrorsJson, json).SetProperty(x => x.ErrorCount, errors.Count)
            .SetProperty(x => x.Created, 0).SetProperty(x => x.Merged, 0).SetProperty(x => x.Skipped, 0).SetProperty(x => x.UpdatedUtc, now), ct);
    }
}
