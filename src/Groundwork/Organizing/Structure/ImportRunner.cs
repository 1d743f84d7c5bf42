using System.Collections.Concurrent;
using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Structure;

/// Rows processed by running imports. The run is one transaction, which other connections cannot see into, so the
/// progress of a running job is kept here (on the node that runs it) and the job row holds the committed outcome.
public sealed class ImportProgress
{
    readonly ConcurrentDictionary<int, int> rows = new();
    public void Report(int jobId, int processed) => rows[jobId] = processed;
    public int? Of(int jobId) => rows.TryGetValue(jobId, out var n) ? n : null;
    public void Forget(int jobId) => rows.TryRemove(jobId, out _);
}

/// Runs queued imports, each exactly once: a job is claimed by a conditional UPDATE (Queued → Running) that only one
/// node can win. A job left Running by a stopped process wrote nothing (its transaction never committed) and is
/// queued again at start.
public sealed class ImportRunner(IServiceScopeFactory scopes, ImportProgress progress, TimeProvider clock, ILogger<ImportRunner> log) : BackgroundService
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RequeueStaleAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var ran = await RunPendingAsync(stoppingToken);
                if (ran == 0) await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// Jobs marked Running long ago by a process that is gone: their transaction rolled back, so they start over.
    public async Task<int> RequeueStaleAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = clock.GetUtcNow().UtcDateTime - StaleAfter;
        return await db.ImportJobs.Where(j => j.Status == ImportStatus.Running && j.UpdatedUtc < before)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Queued), ct);
    }

    /// Claims and runs every queued job; returns how many this call ran. Tests call it directly.
    public async Task<int> RunPendingAsync(CancellationToken ct)
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
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.UpdatedUtc, now), ct);
            if (claimed == 0) continue; // another node took it
            ran++;
            try
            {
                await ContactImport.RunAsync(db, scope.ServiceProvider.GetRequiredService<FieldCrypto>(), id.Value, progress, clock, ct);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Text.Json.JsonException)
            {
                // Logged without the exception's message: it may quote a value from the file.
                log.LogWarning("Import {JobId} failed with {Error}; nothing was written.", id, e.GetType().Name);
                progress.Forget(id.Value);
                await using var s2 = scopes.CreateAsyncScope();
                var db2 = s2.ServiceProvider.GetRequiredService<AppDbContext>();
                var json = System.Text.Json.JsonSerializer.Serialize(new[] { new RowError(0, "The import failed while saving (another change at the same moment?); nothing was written. Try again.") },
                    new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
                await db2.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Failed)
                    .SetProperty(j => j.ErrorsJson, json).SetProperty(j => j.ErrorCount, 1), ct);
            }
        }
    }
}
