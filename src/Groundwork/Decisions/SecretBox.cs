using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Groundwork.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Groundwork.Decisions;

public enum CastCode { Ok, AlreadyVoted, Closed }

/// The storage of a secret ballot (docs/Decisions.md, "Secret ballots"). At open: one roll row per entitled person and
/// one box slot per entitled person, each written in a random order, each slot holding sealed padding. Casting, in one
/// transaction: delete the voter's roll row (none left: already voted — the database decides), count the ballot on the
/// poll row (only while open), and overwrite slot k (k = the new count) with the sealed ballot. Nothing is appended,
/// so neither table's physical order follows the order of voting; slot k's id is a keyed hash of k, so without the key
/// nobody can tell which slot the k-th ballot filled.
public static class SecretBox
{
    public static string Context(int pollId) => $"poll-{pollId}/ballot";

    const string DeleteRoll = "DELETE FROM \"VoterRoll\" WHERE \"PollId\" = @p AND \"PersonId\" = @person";
    const string CountBallot = "UPDATE \"Polls\" SET \"BallotCount\" = \"BallotCount\" + 1 WHERE \"Id\" = @p AND \"Status\" = @open RETURNING \"BallotCount\"";
    const string FillSlot = "UPDATE \"SealedBallots\" SET \"Sealed\" = @s WHERE \"Id\" = @slot AND \"PollId\" = @p";

    /// Writes the roll and the padded box for a secret poll that is opening, inside the caller's transaction.
    public static async Task PrepareAsync(AppDbContext db, int pollId, byte[] key, IReadOnlyList<string> entitled, int optionCount, CancellationToken ct)
    {
        var people = entitled.ToArray();
        RandomNumberGenerator.Shuffle(people.AsSpan());
        await BulkRows.InsertAsync(db, [.. people.Select(p => new VoterRollEntry { Id = BallotRules.RandomId(), PollId = pollId, PersonId = p })], ct);
        var slots = Enumerable.Range(1, people.Length).ToArray();
        RandomNumberGenerator.Shuffle(slots.AsSpan());
        var pad = BallotRules.PadFor(optionCount);
        var context = Context(pollId);
        await BulkRows.InsertAsync(db, [.. slots.Select(k => new SealedBallot
        {
            Id = BallotRules.SlotId(key, k), PollId = pollId, Sealed = SealedKeys.Seal(key, BallotRules.PaddingContent, context, pad),
        })], ct);
    }

    /// The three statements of one secret ballot, prepared once per transaction (or per batch on SQLite).
    sealed class CastCommands : IAsyncDisposable
    {
        readonly DbCommand delete, count, fill;

        public CastCommands(DbConnection c, DbTransaction tx)
        {
            delete = Make(c, tx, DeleteRoll, "@p", "@person");
            count = Make(c, tx, CountBallot, "@p", "@open");
            fill = Make(c, tx, FillSlot, "@s", "@slot", "@p");
        }

        static DbCommand Make(DbConnection c, DbTransaction tx, string sql, params string[] names)
        {
            var cmd = c.CreateCommand();
            cmd.Transaction = tx;
#pragma warning disable CA2100 // constant SQL, values are parameters
            cmd.CommandText = sql;
#pragma warning restore CA2100
            foreach (var n in names)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = n;
                cmd.Parameters.Add(p);
            }
            return cmd;
        }

        public async Task<CastCode> RunAsync(int pollId, string personId, string sealedBallot, byte[] key, CancellationToken ct)
        {
            delete.Parameters[0].Value = pollId;
            delete.Parameters[1].Value = personId;
            if (await delete.ExecuteNonQueryAsync(ct) != 1) return CastCode.AlreadyVoted;
            count.Parameters[0].Value = pollId;
            count.Parameters[1].Value = nameof(PollStatus.Open);
            var k = await count.ExecuteScalarAsync(ct);
            if (k is null or DBNull) return CastCode.Closed;
            fill.Parameters[0].Value = sealedBallot;
            fill.Parameters[1].Value = BallotRules.SlotId(key, Convert.ToInt32(k, System.Globalization.CultureInfo.InvariantCulture));
            fill.Parameters[2].Value = pollId;
            if (await fill.ExecuteNonQueryAsync(ct) != 1)
                throw new InvalidOperationException("The ballot box has no slot for this ballot.");
            return CastCode.Ok;
        }

        public async ValueTask DisposeAsync()
        {
            await delete.DisposeAsync();
            await count.DisposeAsync();
            await fill.DisposeAsync();
        }
    }

    /// One secret ballot in its own transaction (PostgreSQL: concurrent transactions, the row locks decide).
    public static async Task<CastCode> CastAsync(AppDbContext db, int pollId, string personId, string sealedBallot, byte[] key, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        CastCode code;
        await using (var cmds = new CastCommands(db.Database.GetDbConnection(), tx.GetDbTransaction()))
            code = await cmds.RunAsync(pollId, personId, sealedBallot, key, ct);
        if (code == CastCode.Ok) await tx.CommitAsync(ct);
        else await tx.RollbackAsync(ct);
        return code;
    }

    /// SQLite commits one writer at a time and each commit waits for the disk (synchronous=FULL). So secret ballots are
    /// queued here and written in batches (<see cref="BatchQueue{TItem,TResult}"/>) behind the one <see cref="WriteGate"/>:
    /// one transaction, one sync, each ballot inside its own savepoint so that a refused one (already voted, closed)
    /// leaves the others. Every rule is still the database's, per ballot.
    public sealed class SqliteQueue : IAsyncDisposable
    {
        sealed record Item(int PollId, string PersonId, string Sealed, byte[] Key);

        readonly BatchQueue<Item, CastCode> queue;
        string? connectionString;

        public SqliteQueue() => queue = new BatchQueue<Item, CastCode>(WriteAsync, maxBatch: 256);

        public Task<CastCode> CastAsync(string connection, int pollId, string personId, string sealedBallot, byte[] key)
        {
            Interlocked.CompareExchange(ref connectionString, connection, null);
            return queue.EnqueueAsync(new Item(pollId, personId, sealedBallot, key), CancellationToken.None);
        }

        async Task<IReadOnlyList<CastCode>> WriteAsync(IReadOnlyList<Item> batch)
        {
            using var gate = await WriteGate.EnterAsync(isSqlite: true, CancellationToken.None);
            await using var c = new SqliteConnection(connectionString);
            await c.OpenAsync();
            await using (var pragmas = c.CreateCommand())
            {
                pragmas.CommandText = Data.SqlitePragmas.Statements;
                await pragmas.ExecuteNonQueryAsync();
            }
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(); // BEGIN IMMEDIATE
            CastCode[] codes;
            await using (var cmds = new CastCommands(c, tx))
                codes = await Savepoints.EachAsync(tx, "ballot", batch, async (b, savepoint) =>
                {
                    var code = await cmds.RunAsync(b.PollId, b.PersonId, b.Sealed, b.Key, default);
                    if (code != CastCode.Ok) await savepoint.RollbackAsync();
                    return code;
                }, default);
            await tx.CommitAsync();
            return codes;
        }

        public ValueTask DisposeAsync() => queue.DisposeAsync();
    }

    sealed record Content(string T, long W, int[] O, int[]? V);

    /// Opens every slot (in parallel: independent AES-GCM opens, one cipher per thread) and keeps the ballots, dropping
    /// the padding of empty slots.
    public static List<CountedBallot> Open(byte[] key, int pollId, List<string> slots)
    {
        var context = Encoding.UTF8.GetBytes(Context(pollId));
        var opened = new CountedBallot?[slots.Count];
        Parallel.For(0, slots.Count, () => new AesGcm(key, 16), (i, _, aes) =>
        {
            var c = JsonSerializer.Deserialize<Content>(SealedKeys.Open(aes, slots[i], context))!;
            opened[i] = c.T.Length == 0 ? null : new CountedBallot(new Marks(c.O, c.V), c.W, c.T);
            return aes;
        }, aes => aes.Dispose());
        var ballots = new List<CountedBallot>(slots.Count);
        foreach (var b in opened) if (b is not null) ballots.Add(b);
        return ballots;
    }
}
