using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;

namespace Groundwork.Data;

/// Group commit. A thousand people signing or voting in the same second should not cost a thousand commits (each an
/// fsync on SQLite): callers queue an item that is already decided, one loop per queue takes whatever has queued up
/// (at most <c>maxBatch</c>), writes it in one transaction through <c>write</c>, and hands each caller its own result
/// once the batch is durable. If the batch write throws, every caller in it hears of that failure. Correctness never
/// rests on the queue: unique indexes and conditional UPDATEs still decide, so several nodes may each run one.
public sealed class BatchQueue<TItem, TResult> : IAsyncDisposable
{
    readonly Channel<(TItem Item, TaskCompletionSource<TResult> Done)> channel;
    readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write;
    readonly int maxBatch;
    readonly Lock start = new();
    Task? loop;

    /// <param name="capacity">items waiting at most; a caller past it waits for room.</param>
    public BatchQueue(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int maxBatch, int capacity = 50_000)
    {
        this.write = write;
        this.maxBatch = maxBatch;
        channel = Channel.CreateBounded<(TItem, TaskCompletionSource<TResult>)>(new BoundedChannelOptions(capacity) { SingleReader = true });
    }

    /// The item's result once its batch is durable. Once queued the item is written whether or not the caller still
    /// waits: cancellation stops only the wait for room in the queue.
    public async Task<TResult> EnqueueAsync(TItem item, CancellationToken ct)
    {
        lock (start) loop ??= Task.Run(RunAsync, CancellationToken.None);
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await channel.Writer.WriteAsync((item, done), ct);
        return await done.Task;
    }

    async Task RunAsync()
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>(maxBatch);
        var items = new List<TItem>(maxBatch);
        while (await channel.Reader.WaitToReadAsync())
        {
            batch.Clear();
            items.Clear();
            while (batch.Count < maxBatch && channel.Reader.TryRead(out var next))
            {
                batch.Add(next);
                items.Add(next.Item);
            }
            if (batch.Count == 0) continue;
            try
            {
                var results = await write(items);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
#pragma warning disable CA1031 // every waiting caller must hear of the failure, whatever it is
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var (_, done) in batch) done.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        Task? running;
        lock (start) running = loop;
        if (running is not null) await running;
    }
}

/// The slow path of a batch: each item in its own savepoint, so that one the database refuses (already voted, already
/// signed) rolls back only itself and the others commit together.
public static class Savepoints
{
    /// <paramref name="apply"/> returns the item's result; to undo what it wrote it rolls back its savepoint (before
    /// reading on, where the database needs that: on PostgreSQL a failed statement spoils the transaction until then).
    public static async Task<TResult[]> EachAsync<TItem, TResult>(DbTransaction tx, string prefix, IReadOnlyList<TItem> items,
        Func<TItem, Savepoint, Task<TResult>> apply, CancellationToken ct)
    {
        var results = new TResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var savepoint = new Savepoint(tx, prefix + i.ToString(CultureInfo.InvariantCulture), ct);
            await tx.SaveAsync(savepoint.Name, ct);
            results[i] = await apply(items[i], savepoint);
            await tx.ReleaseAsync(savepoint.Name, ct);
        }
        return results;
    }
}

/// One item's savepoint inside <see cref="Savepoints.EachAsync"/>.
public sealed class Savepoint(DbTransaction tx, string name, CancellationToken ct)
{
    public string Name => name;
    public Task RollbackAsync() => tx.RollbackAsync(name, ct);
}
