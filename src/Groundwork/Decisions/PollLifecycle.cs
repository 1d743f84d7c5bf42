using System.Text.Json;
using Groundwork.Accounts;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Decisions;

/// A poll's two moves, each exactly once whoever asks (the author, the API, the <see cref="PollClock"/>): open, which
/// freezes the roll (and for a secret poll writes the box), and close, which counts and publishes.
public sealed class PollLifecycle(AppDbContext db, SealedKeys keys, TimeProvider clock, ILogger<PollLifecycle> log)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// Scheduled → open, once (a conditional UPDATE), freezing the roll of the entitled in the same transaction.
    public async Task<Outcome<bool>> OpenAsync(int pollId, CancellationToken ct)
    {
        var poll = await db.Polls.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId, ct);
        if (poll is null) return Failure.NotFound();
        if (poll.Status != PollStatus.Scheduled) return Failure.Conflict("This poll is already open or closed.");
        var now = Now;
        if (poll.ClosesUtc is { } c && c <= now) return Failure.Conflict("This poll's closing time has passed; change it first.");
        List<PollOption> fromNominations = [];
        if (poll.Kind == PollKind.Election)
        {
            var accepted = await db.Nominations.AsNoTracking().Where(n => n.PollId == pollId && n.Status == NominationStatus.Accepted)
                .OrderBy(n => n.Id).Select(n => n.NomineeId).ToListAsync(ct);
            if (accepted.Count < Math.Max(poll.Seats, 1))
                return Failure.Conflict($"An election needs at least {Math.Max(poll.Seats, 1)} accepted nomination(s) to open.");
            var names = await DisplayNames.LoadAsync(db, accepted, ct);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in accepted)
            {
                var name = (names.Find(id) ?? "Candidate").Trim();
                if (name.Length > 190) name = name[..190];
                var label = name;
                for (var k = 2; !used.Add(label); k++) label = $"{name} ({k})";
                fromNominations.Add(new PollOption { PollId = pollId, Label = label, Position = fromNominations.Count, PersonId = id });
            }
        }
        await using var tx = await db.BeginWriteAsync(ct);
        var changed = await db.Polls.Where(p => p.Id == pollId && p.Status == PollStatus.Scheduled)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PollStatus.Open).SetProperty(p => p.OpenedUtc, now), ct);
        if (changed == 0) return Failure.Conflict("This poll is already open or closed.");
        db.PollOptions.AddRange(fromNominations);
        var entitled = await EntitledAsync(poll, ct);
        db.PollEntitlements.AddRange(entitled.Select(p => new PollEntitlement { PollId = pollId, PersonId = p }));
        await db.SaveChangesAsync(ct);
        await db.Polls.Where(p => p.Id == pollId).ExecuteUpdateAsync(s => s.SetProperty(p => p.EntitledCount, entitled.Count), ct);
        if (poll.Secret)
            await SecretBox.PrepareAsync(db, pollId, keys.GetOrCreate(PollKeys.Name(pollId)), entitled,
                poll.Kind == PollKind.Election ? fromNominations.Count : poll.Options.Count, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }

    /// Active members, narrowed to the poll's units and roles when it names some.
    async Task<List<string>> EntitledAsync(Poll poll, CancellationToken ct)
    {
        var q = db.Memberships.AsNoTracking().Where(m => m.OrganizationId == poll.OrganizationId && m.Status == MembershipStatus.Active);
        var roles = poll.Roles;
        if (roles.Length > 0) q = q.Where(m => roles.Contains(m.Role));
        var units = poll.UnitIds;
        if (units.Length > 0) q = q.Where(m => m.Placements.Any(p => units.Contains(p.UnitId)));
        return await q.Select(m => m.PersonId).Distinct().ToListAsync(ct);
    }

    /// The poll's key is destroyed after the commit.
    public async Task<Outcome<PollResult>> CloseAsync(int pollId, string? actorId, CancellationToken ct)
    {
        var now = Now;
        Outcome<PollResult> outcome = default;
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            var changed = await db.Polls.Where(p => p.Id == pollId && p.Status == PollStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PollStatus.Closed).SetProperty(p => p.ClosedUtc, now), ct);
            if (changed == 0)
                return await db.Polls.AnyAsync(p => p.Id == pollId, ct) ? Failure.Conflict("This poll is not open.") : Failure.NotFound();
            var poll = await db.Polls.AsNoTracking().Include(p => p.Options).FirstAsync(p => p.Id == pollId, ct);
            var options = poll.Options.OrderBy(o => o.Position).ToList();
            List<CountedBallot> ballots;
            if (poll.Secret)
            {
                var key = keys.Find(PollKeys.Name(pollId)) ?? throw new InvalidOperationException("The ballot box's key is missing: the box cannot be opened.");
                var slots = await db.SealedBallots.AsNoTracking().Where(b => b.PollId == pollId).Select(b => b.Sealed).ToListAsync(ct);
                ballots = SecretBox.Open(key, pollId, slots);
                BallotRules.Shuffle(ballots);
                await DeleteSealedAsync(pollId, ct);
                await PublishAsync(pollId, ballots, ct);
            }
            else
            {
                var votes = await db.Votes.AsNoTracking().Where(v => v.PollId == pollId && v.Latest).Select(v => new { v.Content, v.Weight }).ToListAsync(ct);
                ballots = [.. votes.Select(v => new CountedBallot(Marks.FromJson(v.Content), v.Weight))];
                BallotRules.Shuffle(ballots);
            }
            var result = PollCount.Count(poll, options, ballots, poll.EntitledCount);
            await db.Polls.Where(p => p.Id == pollId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.ResultJson, JsonSerializer.Serialize(result))
                .SetProperty(p => p.BallotCount, ballots.Count), ct);
            db.Record(now, "poll-closed", actorId, poll.OrganizationId, detail: $"poll {pollId}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            outcome = result;
        }
        keys.Destroy(PollKeys.Name(pollId));
        if (db.Database.IsSqlite()) await CheckpointAsync(ct);
        return outcome;
    }

    /// Moves the rewritten pages into the main file and empties the WAL, so a copy taken now holds only the board. A
    /// checkpoint cannot finish while another connection reads an older snapshot (SQLite answers busy = 1 and keeps the
    /// WAL), so it is tried again for a while rather than once.
    async Task CheckpointAsync(CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct) && reader.GetInt32(0) == 0) return;
                await Task.Delay(100, ct);
            }
            log.LogWarning("The WAL could not be emptied after closing a secret poll; it will be at the next checkpoint.");
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    async Task DeleteSealedAsync(int pollId, CancellationToken ct)
    {
        // On SQLite every connection runs with secure_delete on (Database.cs): the freed space is zeroed, not left with the
        // sealed rows in it.
        await db.SealedBallots.Where(b => b.PollId == pollId).ExecuteDeleteAsync(ct);
    }

    /// Inserts the board with fresh random ids, by each provider's bulk path. The board's order is its ids' order, which
    /// is random; inserting in that order appends to the table's B-tree (SQLite) or heap (PostgreSQL) instead of
    /// splitting pages at random places, and stores exactly the same thing.
    Task PublishAsync(int pollId, List<CountedBallot> ballots, CancellationToken ct) =>
        BulkRows.InsertAsync(db, [.. ballots.Select(b => (Id: BallotRules.RandomId(), Ballot: b)).OrderBy(x => x.Id)
            .Select(x => new PublishedBallot { Id = x.Id, PollId = pollId, Tracker = x.Ballot.Tracker!, Content = x.Ballot.Marks.ToJson(), Weight = x.Ballot.Weight })], ct);

}
