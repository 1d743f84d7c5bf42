using System.Collections.Concurrent;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

/// One signature to write: everything is decided (eligibility, unit, sealed identity, hash) before it is queued.
public sealed record SignatureWrite(int PledgeId, string Hash, string SealedIdentity, int? OrganizationId, int? UnitId, int? Condition, ConditionScope Scope);

/// The pledge and its counts just after the batch that carried a signature (and any activation it caused), read once
/// for the whole batch and handed to every signer in it.
public sealed record PledgeSnapshot(Pledge Pledge, List<PledgeTally> Tallies);

/// What the signing path needs of a pledge, kept in memory for a few seconds: the pledge row, its units with
/// their organizations, the names the page shows. Nothing here decides a signature on its own: a pledge that stopped
/// gathering meanwhile is refused by the guarded total row when the batch is written.
public sealed record PledgeInfo(Pledge Pledge, IReadOnlySet<int> Units, IReadOnlyDictionary<int, string> OrganizationNames,
    IReadOnlyDictionary<int, (string Name, int OrganizationId)> UnitNames);

public sealed class PledgeInfoCache
{
    static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    readonly ConcurrentDictionary<int, (PledgeInfo Info, long At)> entries = new();

    public async Task<PledgeInfo?> GetAsync(AppDbContext db, int pledgeId, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (entries.TryGetValue(pledgeId, out var hit) && now - hit.At < (long)Fresh.TotalMilliseconds) return hit.Info;
        var p = await db.Pledges.AsNoTracking().Include(x => x.Organizations).FirstOrDefaultAsync(x => x.Id == pledgeId, ct);
        if (p is null)
        {
            entries.TryRemove(pledgeId, out _);
            return null;
        }
        var units = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == pledgeId && t.Scope == TallyScope.Unit).Select(t => t.RefId).ToListAsync(ct);
        var info = new PledgeInfo(p, units.ToHashSet(), await PledgeQueries.OrganizationNamesAsync(db, p, ct), await PledgeQueries.UnitNamesAsync(db, units, ct));
        // Kept whatever the status: a pledge only ever leaves Gathering (to Active, Expired or Cancelled), never returns to
        // it, so a remembered "no longer gathering" is still true, and the signers who arrive after activation are refused
        // without four queries each. A remembered "gathering" may be up to 5 s old; the guarded total row decides then.
        entries[pledgeId] = (info, now);
        return info;
    }

    public void Forget(int pledgeId) => entries.TryRemove(pledgeId, out _);
}

/// Group commit for signatures (<see cref="BatchQueue{TItem,TResult}"/>): a thousand people signing in the same second
/// should not cost a thousand commits (each an fsync on SQLite, each a wait on the pledge's total row on PostgreSQL).
/// One writer per node takes whatever has queued up, looks up the batch's signer hashes in one query, inserts the new
/// signatures together, moves each count once per batch (one UPDATE per counter row), commits, then checks activation
/// once per pledge and reads the counts once for every signer in the batch. Correctness does not rest on the queue: the
/// unique index on (pledge, signer hash) and the guarded total row still decide, so several nodes may each run one (a
/// signature another node inserted meanwhile sends this batch down the slow path, one savepoint per signature).
/// A hosted service only to write what is queued before the app stops, while its services still answer.
public sealed class PledgeSignQueue : IHostedService, IAsyncDisposable
{
    const int MaxBatch = 1024;
    readonly IServiceScopeFactory scopes;
    readonly PledgeActivation activation;
    readonly ILogger<PledgeSignQueue> log;
    readonly BatchQueue<SignatureWrite, Written> queue;

    /// A signature's outcome, the pledge just after its batch, and when this batch's signers may hear it: once the
    /// pledge's signers are told, if the batch activated it.
    sealed record Written(Outcome<SignKind> Outcome, PledgeSnapshot? After, Task Told);

    public PledgeSignQueue(IServiceScopeFactory scopes, PledgeActivation activation, ILogger<PledgeSignQueue> log)
    {
        this.scopes = scopes;
        this.activation = activation;
        this.log = log;
        queue = new BatchQueue<SignatureWrite, Written>(WriteBatchAsync, MaxBatch);
    }

    public PledgeInfoCache Pledges { get; } = new();

    public async Task<(Outcome<SignKind> Outcome, PledgeSnapshot? After)> WriteAsync(SignatureWrite write, CancellationToken ct)
    {
        // Once queued the signature is written whether or not the caller waits: no cancellation past the queue's door.
        var written = await queue.EnqueueAsync(write, ct);
        await written.Told;
        return (written.Outcome, written.After);
    }

    async Task<IReadOnlyList<Written>> WriteBatchAsync(IReadOnlyList<SignatureWrite> batch)
    {
        Outcome<SignKind>[] outcomes;
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            outcomes = await SignPledge.ApplySignaturesAsync(db, batch, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "A batch of {Count} pledge signatures could not be written.", batch.Count);
            throw;
        }
        // The signatures are durable. Activation (exactly once, by the guarded total row) is checked once per pledge for
        // the whole batch; if it fails here the sweeper retries it, and the signers still get their answer.
        var snapshots = new Dictionary<int, PledgeSnapshot>();
        var telling = new Dictionary<int, Task>();
        foreach (var pledgeId in batch.Select(b => b.PledgeId).Distinct())
        {
            try
            {
                if (batch.Where((b, i) => b.PledgeId == pledgeId && outcomes[i].Ok).Any() && await activation.ActivateAsync(pledgeId, CancellationToken.None))
                {
                    // Whoever comes next is refused from the pledge's fresh entry, without waiting for this queue. The signers
                    // are told beside the queue, not in it: telling thousands takes a while, and the batches behind this one
                    // (each refused now) need not wait for it. This batch's signers get their answer once all are told.
                    Pledges.Forget(pledgeId);
                    telling[pledgeId] = TellAsync(pledgeId);
                }
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var p = await db.Pledges.AsNoTracking().Include(x => x.Organizations).FirstAsync(x => x.Id == pledgeId);
                snapshots[pledgeId] = new PledgeSnapshot(p, await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == pledgeId).ToListAsync());
            }
            catch (Exception e)
            {
                log.LogWarning(e, "After a batch of pledge signatures, pledge {PledgeId} could not be checked for activation.", pledgeId);
            }
        }
        var written = new Written[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            written[i] = new Written(outcomes[i], snapshots.GetValueOrDefault(batch[i].PledgeId), telling.GetValueOrDefault(batch[i].PledgeId) ?? Task.CompletedTask);
        return written;
    }

    /// Never throws: a signer's answer waits for it, and the sweeper tells whoever it missed.
    async Task TellAsync(int pledgeId)
    {
        await Task.Yield(); // off the queue's loop
        try { await activation.TellAsync(pledgeId, CancellationToken.None); }
        catch (Exception e)
        {
            log.LogWarning(e, "The signers of pledge {PledgeId} could not all be told of its activation; the sweeper will tell the rest.", pledgeId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// Writes what is queued (and refuses what comes after) before the app's services go away.
    public async Task StopAsync(CancellationToken cancellationToken) => await queue.DisposeAsync();

    public ValueTask DisposeAsync() => queue.DisposeAsync();
}
