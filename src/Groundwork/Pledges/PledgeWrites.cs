using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

/// The pledges' write transactions (moved here unchanged from PledgeRules; the lead turns this into the app's one
/// SQLite write gate).
internal static class PledgeWrites
{
    // SQLite has one writer at a time. Left to its busy handler, many concurrent signers sleep and retry in steps of
    // up to 100 ms; queueing them here, in process, hands the write lock on without sleeping. (SQLite is single-node;
    // PostgreSQL orders concurrent writers with its row locks instead.)
    static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    internal sealed class Write(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, SemaphoreSlim? gate) : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);
        public Task RollbackAsync(CancellationToken ct) => tx.RollbackAsync(ct);
        public Task SavepointAsync(string name, CancellationToken ct) => tx.CreateSavepointAsync(name, ct);
        public Task RollbackToAsync(string name, CancellationToken ct) => tx.RollbackToSavepointAsync(name, ct);

        public async ValueTask DisposeAsync()
        {
            try { await tx.DisposeAsync(); }
            finally { gate?.Release(); }
        }
    }

    internal static async Task<Write> BeginWriteAsync(AppDbContext db, CancellationToken ct)
    {
        SemaphoreSlim? gate = null;
        if (db.Database.IsSqlite())
        {
            await SqliteWriter.WaitAsync(ct);
            gate = SqliteWriter;
        }
        try
        {
            return new Write(await db.Database.BeginTransactionAsync(ct), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }
}
