using System.Threading.Channels;
using Groundwork.Data;
using Groundwork.Web;

namespace Groundwork.Pledges;

/// One signature to write: everything is decided (eligibility, unit, sealed identity, hash) before it is queued.
public sealed record SignatureWrite(int PledgeId, string Hash, string SealedIdentity, int? OrganizationId, int? UnitId, int? Condition, ConditionScope Scope);

/// Group commit for signatures. A thousand people signing in the same second should not cost a thousand commits (each
/// an fsync on SQLite, each a wait on the pledge's total row on PostgreSQL): one writer per node takes whatever has
/// queued up, writes each signature in its own savepoint (a double signature rolls back only itself) and commits them
/// together. Each caller gets its own outcome once the batch is durable. Correctness does not rest on the queue: the
/// unique index and the guarded total row still decide, so several nodes may each run one.
public sealed class PledgeSignQueue(IServiceScopeFactory scopes, ILogger<PledgeSignQueue> log) : BackgroundService
{
    const int MaxBatch = 256;
    readonly Channel<(SignatureWrite Write, TaskCompletionSource<Outcome<SignKind>> Done)> queue =
        Channel.CreateBounded<(SignatureWrite, TaskCompletionSource<Outcome<SignKind>>)>(new BoundedChannelOptions(50_000) { SingleReader = true });

    public async Task<Outcome<SignKind>> WriteAsync(SignatureWrite write, CancellationToken ct)
    {
        var done = new TaskCompletionSource<Outcome<SignKind>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await queue.Writer.WriteAsync((write, done), ct);
        // Once queued the signature is written whether or not the caller waits: no cancellation past this point.
        return await done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(SignatureWrite Write, TaskCompletionSource<Outcome<SignKind>> Done)>(MaxBatch);
        while (await WaitAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count == 0) continue;
            await WriteBatchAsync(batch);
        }
    }

    async Task<bool> WaitAsync(CancellationToken ct)
    {
        try { return await queue.Reader.WaitToReadAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    async Task WriteBatchAsync(List<(SignatureWrite Write, TaskCompletionSource<Outcome<SignKind>> Done)> batch)
    {
        var outcomes = new Outcome<SignKind>[batch.Count];
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await PledgeRules.InWriteAsync(db, async (savepoint, rollbackTo) =>
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var name = "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await savepoint(name);
                    outcomes[i] = await PledgeRules.ApplySignatureAsync(db, () => rollbackTo(name), batch[i].Write, CancellationToken.None);
                }
                return true;
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "A batch of {Count} pledge signatures could not be written.", batch.Count);
            foreach (var (_, done) in batch) done.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(outcomes[i]);
    }
}
