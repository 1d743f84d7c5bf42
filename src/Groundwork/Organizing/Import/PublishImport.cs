using System.Text.Json;
using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

public static class PublishImport
{
    /// The one short step that makes the import visible: staged merges applied to the existing contacts, the new
    /// contacts unhidden by one UPDATE, the job marked done, all in one transaction.
    internal static async Task<bool> PublishAsync(AppDbContext db, FieldCrypto crypto, ImportJob j, int attempt, KnownContacts e, Dictionary<string, int> tagIds,
        TimeProvider clock, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.BeginWriteAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var lastId = 0;
            while (true)
            {
                var chunk = await db.ImportMerges.AsNoTracking().Where(m => m.ImportJobId == j.Id && m.Id > lastId).OrderBy(m => m.Id).Take(500).ToListAsync(ct);
                if (chunk.Count == 0) break;
                lastId = chunk[^1].Id;
                var ids = chunk.Select(m => m.ContactId).Distinct().ToList();
                // A contact deleted since the row was staged is gone: its merge goes with it.
                var contacts = await db.Contacts.Include(x => x.Units).Include(x => x.Channels).Include(x => x.Tags).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                foreach (var m in chunk)
                    if (contacts.TryGetValue(m.ContactId, out var c))
                        WriteImportBatch.Merge(c, JsonSerializer.Deserialize<RowPlan>(m.Plan, ImportJson.Plan)!, crypto, e, tagIds, j.OrganizationId, now);
                foreach (var c in contacts.Values) c.Version++;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            var n = await db.ImportJobs.Where(x => x.Id == j.Id && x.Attempt == attempt && x.Status == ImportStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ImportStatus.Done).SetProperty(x => x.Content, (string?)null)
                    .SetProperty(x => x.UpdatedUtc, now), ct);
            if (n == 0) return false;
            await db.Contacts.IgnoreQueryFilters().Where(c => c.ImportJobId == j.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ImportJobId, (int?)null), ct);
            await db.ImportMerges.Where(m => m.ImportJobId == j.Id).ExecuteDeleteAsync(ct);
            var done = await db.ImportJobs.AsNoTracking().Where(x => x.Id == j.Id).Select(x => new { x.Created, x.Merged, x.Skipped }).FirstAsync(ct);
            db.Audit(now, j.CreatedById, j.OrganizationId, done.Created, done.Merged, done.Skipped);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        });
    }

    static void Audit(this AppDbContext db, DateTime at, string actor, int orgId, int created, int merged, int skipped) =>
        Groundwork.Audit.AuditLog.Record(db, at, "contacts-imported", actor, orgId, detail: $"{created} created, {merged} merged, {skipped} skipped");
}
