using System.Text.Json;
using Groundwork.Data;
using Groundwork.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

/// How a run ended: published, refused (row errors; nothing written), or given up because another run took the job
/// over (its claim is stale); a run cancelled between batches simply stops and resumes later.
public enum RunEnd { Done, Failed, Superseded }

/// Where a run's time went, for the log and the benchmark: counts and milliseconds only, nothing from the file.
public sealed class RunTimings
{
    public long CheckMs { get; set; }
    public int Batches { get; set; }
    public long WriteMs { get; set; }
    /// The longest batch transaction: how long another writer on SQLite may have waited for the write lock.
    public long LongestBatchMs { get; set; }
    public long PublishMs { get; set; }
}

/// The run of a queued import: it checks the whole file again, then streams it in batches, each one short transaction
/// (WriteImportBatch) that commits the batch's contacts (hidden) with the job's progress; one short final step
/// (PublishImport) publishes them. See ImportJob.
public static class RunImport
{
    /// Rows per transaction: long enough that the per-transaction cost vanishes, short enough (well under a second)
    /// that other writers on SQLite's single write lock do not notice.
    public const int DefaultBatchRows = 1000;

    /// The run, for a job this caller has claimed (Running, with this attempt number). It starts after the rows already
    /// committed, so a run that was stopped half-way picks up exactly where it stopped. <paramref name="afterBatch"/>
    /// is called between batches, outside any transaction, with the rows committed so far (tests stop a run there).
    public static async Task<RunEnd> RunAsync(AppDbContext db, FieldCrypto crypto, int jobId, int attempt, TimeProvider clock, CancellationToken ct,
        int batchRows = DefaultBatchRows, Func<int, Task>? afterBatch = null, RunTimings? timings = null)
    {
        timings ??= new RunTimings();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var j = await db.ImportJobs.AsNoTracking().FirstAsync(x => x.Id == jobId, ct);
        if (j.Attempt != attempt || j.Status != ImportStatus.Running) return RunEnd.Superseded;
        var s = JsonSerializer.Deserialize<ImportSettings>(j.SettingsJson!, ImportJson.Web)!;
        var text = j.Content ?? "";
        var orgId = j.OrganizationId;
        var fields = await ImportQueries.FieldsAsync(db, orgId, ct);
        var e = await KnownContacts.LoadAsync(db, orgId, jobId, ct);

        // Pass 1, nothing written: every row still passes (the organization may have changed since the start), and
        // the units and tags the file needs.
        var newUnits = new Dictionary<string, (string Name, UnitKind Kind)>(StringComparer.Ordinal);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<RowError>();
        IReadOnlyList<string> headers;
        using (var reader = CsvText.Open(text))
        {
            headers = reader.Headers;
            while (reader.Next(out var record, out var rowNo))
            {
                var p = KnownContacts.PlanRow(rowNo, record, headers, s, fields, e, newUnits);
                foreach (var m in p.Errors) errors.Add(new RowError(p.Row, m));
                foreach (var t in p.Tags) tags.TryAdd(crypto.Lookup(ImportPlanning.NormalizeName(t)), t);
            }
            errors.InsertRange(0, reader.Errors);
        }
        timings.CheckMs = watch.ElapsedMilliseconds;
        if (errors.Count > 0)
        {
            await RollBackImport.RollBackAsync(db, jobId, attempt, errors, clock, ct);
            return RunEnd.Failed;
        }

        // Units and tags the file names and the organization lacks: created once (the first run; a resumed one finds
        // them), each a unique name per organization.
        var strategy = db.Database.CreateExecutionStrategy();
        var tagIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var prepared = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.BeginWriteAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var units = newUnits.Where(u => !e.Units.ContainsKey(u.Key))
                .Select(u => new Unit { OrganizationId = orgId, Name = u.Value.Name, NormalizedName = u.Key, Kind = u.Value.Kind, CreatedUtc = now }).ToList();
            db.Units.AddRange(units);
            var have = (await db.OrganizingTags.AsNoTracking().Where(t => t.OrganizationId == orgId).Select(t => t.NameLookup).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            db.OrganizingTags.AddRange(tags.Where(t => !have.Contains(t.Key)).Select(t => new OrganizingTag { OrganizationId = orgId, Name = t.Value, NameLookup = t.Key }));
            await db.SaveChangesAsync(ct);
            var n = await db.ImportJobs.Where(x => x.Id == jobId && x.Attempt == attempt && x.Status == ImportStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.UnitsCreated, x => x.UnitsCreated + units.Count).SetProperty(x => x.UpdatedUtc, now), ct);
            if (n == 0) return false;
            await tx.CommitAsync(ct);
            foreach (var u in units) e.Units[u.NormalizedName] = u.Id;
            return true;
        });
        if (!prepared) return RunEnd.Superseded;
        db.ChangeTracker.Clear();
        foreach (var t in await db.OrganizingTags.AsNoTracking().Where(t => t.OrganizationId == orgId).Select(t => new { t.NameLookup, t.Id }).ToListAsync(ct))
            tagIds[t.NameLookup] = t.Id;

        // A resumed run: rows of earlier batches merged into existing contacts count as those contacts' channels.
        if (j.ProcessedRows > 0)
            await foreach (var m in db.ImportMerges.AsNoTracking().Where(m => m.ImportJobId == jobId).Select(m => new { m.ContactId, m.Plan }).AsAsyncEnumerable().WithCancellation(ct))
                foreach (var k in KnownContacts.Keys(crypto, JsonSerializer.Deserialize<RowPlan>(m.Plan, ImportJson.Plan)!)) e.ByChannel.TryAdd(k, m.ContactId);

        // Pass 2: the rows after the last committed batch, one short transaction per batch.
        watch.Restart();
        var state = new Counters(j.ProcessedRows, j.Created, j.Merged, j.Skipped);
        var batch = new List<RowPlan>(batchRows);
        using (var reader = CsvText.Open(text))
        {
            var index = 0;
            while (reader.Next(out var record, out var rowNo))
            {
                if (index++ < state.Processed) continue;
                batch.Add(KnownContacts.PlanRow(rowNo, record, headers, s, fields, e, newUnits));
                if (batch.Count < batchRows) continue;
                if (!await WriteImportBatch.WriteBatchAsync(db, crypto, orgId, jobId, attempt, s, batch, e, tagIds, state, clock, timings, ct)) return RunEnd.Superseded;
                batch.Clear();
                if (afterBatch is not null) await afterBatch(state.Processed);
            }
        }
        if (batch.Count > 0)
        {
            if (!await WriteImportBatch.WriteBatchAsync(db, crypto, orgId, jobId, attempt, s, batch, e, tagIds, state, clock, timings, ct)) return RunEnd.Superseded;
            if (afterBatch is not null) await afterBatch(state.Processed);
        }
        timings.WriteMs = watch.ElapsedMilliseconds;
        watch.Restart();
        var published = await PublishImport.PublishAsync(db, crypto, j, attempt, e, tagIds, clock, ct);
        timings.PublishMs = watch.ElapsedMilliseconds;
        return published ? RunEnd.Done : RunEnd.Superseded;
    }

    internal sealed class Counters(int processed, int created, int merged, int skipped)
    {
        public int Processed { get; set; } = processed;
        public int Created { get; set; } = created;
        public int Merged { get; set; } = merged;
        public int Skipped { get; set; } = skipped;
    }
}
