using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Decisions;

/// Entry to <see cref="SecretBox.SqliteQueue.Gate"/> for the poll writes outside the ballot queue (open votes, open, close).
static class PollWriteGate
{
    /// SQLite takes one writer at a time; queueing writers here instead of in SQLite's busy handler (which sleeps and
    /// retries) keeps casting fast under load. The database still decides every race: this only orders the attempts.
    public static async Task<IDisposable?> EnterAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        await SecretBox.SqliteQueue.Gate.WaitAsync(ct);
        return new Release();
    }

    sealed class Release : IDisposable
    {
        public void Dispose() => SecretBox.SqliteQueue.Gate.Release();
    }
}
