using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Groundwork.Data;

/// SQLite has one writer at a time. Left to its busy handler, concurrent writers sleep and retry in steps of up to
/// 100 ms; queueing them here, in process, hands the write lock on without sleeping. Every SQLite writer that takes
/// part in a hot path passes this one gate — the batch writers (signatures, secret ballots, import batches) and the
/// transactions beside them (opening and closing a poll, creating a pledge) — so they queue behind each other instead
/// of racing in the busy handler. It only orders attempts: the database still decides every race. PostgreSQL orders
/// concurrent writers with its own row locks, so there the gate is always open. (SQLite is single-node.)
public static class WriteGate
{
    static readonly SemaphoreSlim sqlite = new(1, 1);

    /// Held until disposed; on PostgreSQL (or when <paramref name="isSqlite"/> is false) holds nothing.
    public static async ValueTask<Held> EnterAsync(bool isSqlite, CancellationToken ct)
    {
        if (!isSqlite) return default;
        await sqlite.WaitAsync(ct);
        return new Held(sqlite);
    }

    public static ValueTask<Held> EnterAsync(AppDbContext db, CancellationToken ct) => EnterAsync(db.Database.IsSqlite(), ct);

    /// A transaction behind the gate: the gate is released when the transaction is disposed.
    public static async Task<WriteTransaction> BeginWriteAsync(this AppDbContext db, CancellationToken ct)
    {
        var held = await EnterAsync(db, ct);
        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(ct), held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public readonly struct Held(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}

/// An EF transaction that holds the write gate (<see cref="WriteGate.BeginWriteAsync"/>).
public sealed class WriteTransaction(IDbContextTransaction tx, WriteGate.Held held) : IAsyncDisposable
{
    public DbTransaction DbTransaction => tx.GetDbTransaction();
    public Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);
    public Task RollbackAsync(CancellationToken ct) => tx.RollbackAsync(ct);
    public Task SavepointAsync(string name, CancellationToken ct) => tx.CreateSavepointAsync(name, ct);
    public Task RollbackToAsync(string name, CancellationToken ct) => tx.RollbackToSavepointAsync(name, ct);

    public async ValueTask DisposeAsync()
    {
        try { await tx.DisposeAsync(); }
        finally { held.Dispose(); }
    }
}
