using Groundwork.Data;
using Groundwork.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

/// Runs queued imports. A job is claimed by a conditional UPDATE (Queued → Running, attempt + 1) that only one node
/// can win; its progress lives in the job row, so any node shows it. A job whose run stopped (a restart, a node gone)
/// stops being refreshed: after <see cref="StaleAfter"/> any node queues it again and the next run resumes after the
/// last committed batch. Every node looks for such jobs at start and then every minute. Shutting down mid-run is safe:
/// a running job keeps its committed batches and resumes on the next start.
public sealed class ImportRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportRunner> log) : IRecurringJob
{
    DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    public string Name => nameof(ImportRunner);

    /// The wait when nothing is queued; queued jobs run one after another without waiting.
    public TimeSpan Interval => TimeSpan.FromSeconds(1);

    public bool Drain => true;

    /// A batch commits every second or so; a run silent this long is gone.
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// Rows per transaction (tests make it small to stop a run between batches).
    public int BatchRows { get; set; } = RunImport.DefaultBatchRows;

    /// One pass: every minute, stale runs queued again and abandoned uploads dropped; then every queued job run.
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (clock.GetUtcNow() - lastSweep > TimeSpan.FromMinutes(1))
        {
            await RequeueStaleAsync(ct);
            await ExpireUnstartedAsync(ct);
            lastSweep = clock.GetUtcNow();
        }
        return await RunPendingAsync(ct);
    }

    /// Jobs left Running by a run that stopped: queued again, to resume where they stopped.
    public async Task<int> RequeueStaleAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = clock.GetUtcNow().UtcDateTime - StaleAfter;
        return await db.ImportJobs.Where(j => j.Status == ImportStatus.Running && j.UpdatedUtc < before)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Queued), ct);
    }

    /// An upload nobody started within this long is dropped: its file is full of personal data.
    public static readonly TimeSpan UnstartedKeptFor = TimeSpan.FromHours(24);

    /// Uploads never started (previewed, then abandoned): the encrypted file is cleared and the job ends as failed, saying
    /// why. A job being started meanwhile is not touched (the UPDATE is conditional on the status still being Uploaded).
    public async Task<int> ExpireUnstartedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - UnstartedKeptFor;
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { new RowError(0, ImportMessages.Expired) }, ImportJson.Web);
        return await db.ImportJobs.Where(j => j.Status == ImportStatus.Uploaded && j.UpdatedUtc < before)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Failed).SetProperty(j => j.Content, (string?)null)
                .SetProperty(j => j.ErrorsJson, json).SetProperty(j => j.ErrorCount, 1).SetProperty(j => j.UpdatedUtc, now), ct);
    }

    /// Claims and runs every queued job; returns how many this call ran. Tests call it directly, and may pass a step
    /// to take between batches (outside any transaction) with the rows committed so far.
    public async Task<int> RunPendingAsync(CancellationToken ct, Func<int, Task>? afterBatch = null)
    {
        var ran = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var id = await db.ImportJobs.Where(j => j.Status == ImportStatus.Queued).OrderBy(j => j.Id).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
            if (id is null) return ran;
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.ImportJobs.Where(j => j.Id == id && j.Status == ImportStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.UpdatedUtc, now)
                    .SetProperty(j => j.Attempt, j => j.Attempt + 1), ct);
            if (claimed == 0) continue; // another node took it
            var attempt = await db.ImportJobs.Where(j => j.Id == id).Select(j => j.Attempt).FirstAsync(ct);
            ran++;
            try
            {
                var t = new RunTimings();
                var end = await RunImport.RunAsync(db, scope.ServiceProvider.GetRequiredService<FieldCrypto>(), id.Value, attempt, clock, ct, BatchRows, afterBatch, t);
                if (end == RunEnd.Superseded) log.LogWarning("Import {JobId} was taken over by another run (attempt {Attempt} is stale).", id, attempt);
                else log.LogInformation("Import {JobId} {End}: checked in {CheckMs} ms; {Batches} batches in {WriteMs} ms, the longest {LongestBatchMs} ms; published in {PublishMs} ms.",
                    id, end, t.CheckMs, t.Batches, t.WriteMs, t.LongestBatchMs, t.PublishMs);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Text.Json.JsonException)
            {
                // Logged without the exception's message: it may quote a value from the file.
                log.LogWarning("Import {JobId} failed with {Error}; what it wrote is removed.", id, e.GetType().Name);
                await using var s2 = scopes.CreateAsyncScope();
                await RollBackImport.RollBackAsync(s2.ServiceProvider.GetRequiredService<AppDbContext>(), id.Value, attempt,
                    [new RowError(0, "The import failed while saving (another change at the same moment?); nothing was written. Try again.")], clock, ct);
            }
        }
    }
}
