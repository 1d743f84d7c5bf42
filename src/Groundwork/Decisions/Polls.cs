using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Decisions;

/// Polls, elections and secret ballots: load → decide (pure rules in <see cref="BallotRules"/>, <see cref="PollCount"/>,
/// <see cref="DecisionPermissions"/>) → save, with the database deciding every race.
public sealed class Polls(AppDbContext db, SealedKeys keys, TimeProvider clock, Notifier notifier, SecretBox.SqliteQueue sqliteBallots, IStringLocalizer<SharedResource> L, ILogger<Polls> log)
{
    static readonly string[] rankedMethods = ["irv", "scottish-stv", "meek-stv", "wigm-stv", "schulze", "schulze-margins", "ranked-pairs"];
    public static IReadOnlyList<string> RankedMethods => rankedMethods;

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// SQLite takes one writer at a time; queueing writers here instead of in SQLite's busy handler (which sleeps and
    /// retries) keeps casting fast under load. The database still decides every race: this only orders the attempts.
    async Task<IDisposable?> WriterAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        await SecretBox.SqliteQueue.Gate.WaitAsync(ct);
        return new Release();
    }

    sealed class Release : IDisposable
    {
        public void Dispose() => SecretBox.SqliteQueue.Gate.Release();
    }

    public static string KeyName(int pollId) => $"poll-{pollId}";
    public static string Link(int orgId, int pollId) => $"organizations/{orgId}/decisions/polls/{pollId}";

    public Task<List<PollSummary>> ListAsync(int orgId, CancellationToken ct) =>
        db.Polls.AsNoTracking().Where(p => p.OrganizationId == orgId).OrderByDescending(p => p.Id).Take(500)
            .Select(p => new PollSummary(p.Id, p.Kind, p.Title, p.Status, p.Secret, p.OpensUtc, p.ClosesUtc, p.BallotCount))
            .ToListAsync(ct);

    public async Task<Outcome<Poll>> CreateAsync(int orgId, Membership me, CreatePollInput input, CancellationToken ct)
    {
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) return Failure.Invalid("Choose a kind of poll.", "kind");
        if (!Enum.IsDefined(input.Base)) return Failure.Invalid("Choose what the majority is measured against.", "base");
        var title = (input.Title ?? "").Trim();
        if (title.Length is 0 or > 200) return Failure.Invalid("Give the poll a title of up to 200 characters.", "title");
        var now = Now;
        string[] labels;
        if (Poll.HasFixedOptions(kind))
        {
            if (input.Options is { Length: > 0 }) return Failure.Invalid("This kind of poll has its own options.", "options");
            labels = BallotRules.FixedOptions(kind);
        }
        else if (kind == PollKind.Election)
        {
            if (input.Options is { Length: > 0 }) return Failure.Invalid("An election's options are its accepted nominations.", "options");
            labels = [];
        }
        else
        {
            labels = [.. (input.Options ?? []).Select(o => (o ?? "").Trim())];
            if (labels.Length < 2) return Failure.Invalid("Give at least two options.", "options");
            if (labels.Any(l => l.Length is 0 or > 200)) return Failure.Invalid("Each option needs a label of up to 200 characters.", "options");
            if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Length) return Failure.Invalid("Two options have the same label.", "options");
        }
        var shape = Poll.ShapeOf(kind);
        string? method = null;
        if (shape == BallotShape.Ranking)
        {
            method = input.Method ?? (kind == PollKind.Election && input.Seats > 1 ? "scottish-stv" : "irv");
            if (!rankedMethods.Contains(method) || Tally.Methods.Find(method) is null)
                return Failure.Invalid($"Count a ranked ballot by one of: {string.Join(", ", rankedMethods)}.", "method");
            if (kind == PollKind.Ranked && input.Seats > labels.Length) return Failure.Invalid("More seats than options.", "seats");
            if (method == "irv" && input.Seats > 1) return Failure.Invalid("IRV fills one seat; use an STV method for several.", "method");
        }
        else if (input.Method is not null) return Failure.Invalid("Only ranked polls and elections choose a counting method.", "method");
        if (shape != BallotShape.Ranking && input.Seats != 1) return Failure.Invalid("Only ranked polls and elections have seats.", "seats");
        if (input.Secret && input.AllowVoteChange) return Failure.Invalid("A secret ballot cannot be changed once cast.", "allowVoteChange");
        if (kind == PollKind.DotVote && input.Points is null) return Failure.Invalid("Say how many points each voter has.", "points");
        if (input.ScoreMin >= input.ScoreMax) return Failure.Invalid("The lowest score must be below the highest.", "scoreMin");
        if (input.ThresholdNumerator > input.ThresholdDenominator) return Failure.Invalid("A threshold is a fraction of at most one.", "thresholdNumerator");
        if (input.MaxChoices is { } mc && mc > Math.Max(labels.Length, 1)) return Failure.Invalid("More choices allowed than there are options.", "maxChoices");
        if (input.ClosesUtc is { } closes && (closes <= now || input.OpensUtc is { } o && closes <= o))
            return Failure.Invalid("The closing time must be in the future and after the opening time.", "closesUtc");
        var unitIds = (input.UnitIds ?? []).Distinct().ToArray();
        if (unitIds.Length > 0 && await db.Units.CountAsync(u => u.OrganizationId == orgId && unitIds.Contains(u.Id), ct) != unitIds.Length)
            return Failure.Invalid("A unit does not belong to this organization.", "unitIds");
        var roles = (input.Roles ?? []).Distinct().ToArray();
        if (roles.Any(r => !Enum.IsDefined(r))) return Failure.Invalid("Unknown role.", "roles");
        if (!DecisionPermissions.CanAsk(me, unitIds)) return Failure.Forbidden("You organize some units only: ask those units.");

        var poll = new Poll
        {
            OrganizationId = orgId, Kind = kind, Title = title, Description = (input.Description ?? "").Trim(), Secret = input.Secret,
            ShuffleOptions = input.ShuffleOptions, HideResultsUntilClose = input.HideResultsUntilClose, AllowVoteChange = input.AllowVoteChange,
            Method = method, Seats = input.Seats, MaxChoices = input.MaxChoices, Points = input.Points, MaxPerOption = input.MaxPerOption,
            ScoreMin = input.ScoreMin, ScoreMax = input.ScoreMax, Target = input.Target, Quorum = input.Quorum,
            ThresholdNumerator = input.ThresholdNumerator, ThresholdDenominator = input.ThresholdDenominator, ThresholdStrict = input.ThresholdStrict,
            Base = input.Base, EligibleUnits = string.Join(',', unitIds), EligibleRoles = string.Join(',', roles),
            OpensUtc = input.OpensUtc, ClosesUtc = input.ClosesUtc, ReminderHours = input.ReminderHours,
            LotSeed = RandomNumberGenerator.GetInt32(1, int.MaxValue), CreatedById = me.PersonId, CreatedUtc = now,
            Options = [.. labels.Select((l, i) => new PollOption { Label = l, Position = i })],
        };
        db.Polls.Add(poll);
        db.Record(now, "poll-created", me.PersonId, orgId, detail: $"poll {kind}");
        await db.SaveChangesAsync(ct);
        if (kind != PollKind.Election && (input.OpensUtc is null || input.OpensUtc <= now))
        {
            var opened = await OpenAsync(poll.Id, ct);
            if (!opened.Ok) return opened.Failure!;
            await db.Entry(poll).ReloadAsync(ct);
        }
        return poll;
    }

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
            var names = await db.Users.AsNoTracking().Where(u => accepted.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in accepted)
            {
                var name = (names.FirstOrDefault(n => n.Id == id)?.DisplayName ?? "Candidate").Trim();
                if (name.Length > 190) name = name[..190];
                var label = name;
                for (var k = 2; !used.Add(label); k++) label = $"{name} ({k})";
                fromNominations.Add(new PollOption { PollId = pollId, Label = label, Position = fromNominations.Count, PersonId = id });
            }
        }
        using var gate = await WriterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Polls.Where(p => p.Id == pollId && p.Status == PollStatus.Scheduled)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PollStatus.Open).SetProperty(p => p.OpenedUtc, now), ct);
        if (changed == 0) return Failure.Conflict("This poll is already open or closed.");
        db.PollOptions.AddRange(fromNominations);
        var entitled = await EntitledAsync(poll, ct);
        db.PollEntitlements.AddRange(entitled.Select(p => new PollEntitlement { PollId = pollId, PersonId = p }));
        await db.SaveChangesAsync(ct);
        await db.Polls.Where(p => p.Id == pollId).ExecuteUpdateAsync(s => s.SetProperty(p => p.EntitledCount, entitled.Count), ct);
        if (poll.Secret)
            await SecretBox.PrepareAsync(db, pollId, keys.GetOrCreate(KeyName(pollId)), entitled,
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

    public async Task<Outcome<Poll>> UpdateAsync(Poll poll, UpdatePollInput input, CancellationToken ct)
    {
        var now = Now;
        if (input.Secret is { } secret && secret != poll.Secret)
        {
            if (secret && poll.AllowVoteChange) return Failure.Invalid("A secret ballot cannot allow changing a vote; turn that off first.", "secret");
            // Once voting may have started the kind of ballot is fixed: the conditional UPDATE decides against a racing open.
            var n = await db.Polls.Where(p => p.Id == poll.Id && p.Status == PollStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Secret, secret), ct);
            if (n == 0) return Failure.Conflict("A ballot cannot switch between secret and open once voting has started.", "secret");
        }
        var tracked = await db.Polls.FirstAsync(p => p.Id == poll.Id, ct);
        if (input.Title is { } t)
        {
            if (t.Trim().Length == 0) return Failure.Invalid("Give the poll a title of up to 200 characters.", "title");
            tracked.Title = t.Trim();
        }
        if (input.Description is { } d) tracked.Description = d.Trim();
        if (input.ClosesUtc is { } c)
        {
            if (tracked.Status == PollStatus.Closed) return Failure.Conflict("This poll has closed.");
            if (c <= now || tracked.OpensUtc is { } o && c <= o) return Failure.Invalid("The closing time must be in the future and after the opening time.", "closesUtc");
            tracked.ClosesUtc = c;
        }
        await db.SaveChangesAsync(ct);
        return tracked;
    }

    /// Casts a ballot. Open ballot: a vote row (history kept, the latest counts). Secret ballot (<see cref="SecretBox"/>):
    /// in one transaction the voter's roll row is deleted (none left refuses a second ballot) and the sealed ballot
    /// overwrites a slot of the box written at open, sharing nothing with the roll; on SQLite in a batch of ballots.
    public async Task<Outcome<CastVoteResult>> CastAsync(int orgId, int pollId, string personId, VoteInput input, CancellationToken ct)
    {
        var poll = await db.Polls.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId && p.OrganizationId == orgId, ct);
        if (poll is null) return Failure.NotFound();
        var now = Now;
        switch (poll.CanVote(now))
        {
            case VoteOutcome.NotOpen: return Failure.Conflict("This poll is not open yet.");
            case VoteOutcome.Closed: return Failure.Conflict("This poll has closed.");
        }
        var entitlement = await db.PollEntitlements.AsNoTracking().FirstOrDefaultAsync(e => e.PollId == pollId && e.PersonId == personId, ct);
        if (entitlement is null) return Failure.Forbidden("You are not on this poll's voter roll.");
        var marks = BallotRules.Read(poll, poll.Options, input);
        if (!marks.Ok) return marks.Failure!;

        if (poll.Secret)
        {
            var key = keys.Find(KeyName(pollId));
            if (key is null) return Failure.Conflict("This poll has closed.");
            var tracker = BallotRules.NewTracker();
            var plain = JsonSerializer.Serialize(new SealedContent(tracker, entitlement.Weight, marks.Value!.Options, marks.Value.Values));
            var sealedBallot = SealedKeys.Seal(key, plain, SecretBox.Context(pollId), BallotRules.PadFor(poll.Options.Count));
            var code = db.Database.IsSqlite()
                ? await sqliteBallots.CastAsync(db.Database.GetConnectionString()!, pollId, personId, sealedBallot, key)
                : await SecretBox.CastAsync(db, pollId, personId, sealedBallot, key, ct);
            return code switch
            {
                CastCode.Ok => new CastVoteResult(pollId, true, tracker, "Your ballot is sealed. Keep your tracker: it is shown only now, and you will find it on the ballot board after the poll closes."),
                CastCode.AlreadyVoted => Failure.Conflict("You have already voted in this secret ballot."),
                _ => Failure.Conflict("This poll has closed."),
            };
        }

        using var gate = await WriterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Takes the poll's row for the transaction: a close that committed first makes this 0, so no vote lands after close.
        var open = await db.Polls.Where(p => p.Id == pollId && p.Status == PollStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.BallotCount, p => p.BallotCount), ct);
        if (open == 0) return Failure.Conflict("This poll has closed.");
        var replaced = 0;
        if (poll.AllowVoteChange)
            replaced = await db.Votes.Where(v => v.PollId == pollId && v.PersonId == personId && v.Latest)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Latest, false), ct);
        db.Votes.Add(new Vote
        {
            PollId = pollId, PersonId = personId, Content = marks.Value!.ToJson(), Reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(),
            Weight = entitlement.Weight, CastUtc = now, Latest = true,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict(poll.AllowVoteChange ? "Your vote changed at the same moment; try again." : "You have already voted; this poll does not allow changing a vote.");
        }
        await tx.CommitAsync(ct);
        return new CastVoteResult(pollId, false, null, replaced > 0 ? "Your vote was changed." : "Your vote is recorded.");
    }

    sealed record SealedContent(string T, long W, int[] O, int[]? V);

    /// Open → closed, exactly once (a conditional UPDATE), and in the same transaction: the count, and for a secret
    /// ballot the box opened, shuffled, rewritten as the board with fresh random ids, and the sealed rows deleted.
    /// The poll's key is destroyed after the commit.
    public async Task<Outcome<PollResult>> CloseAsync(int pollId, string? actorId, CancellationToken ct)
    {
        var now = Now;
        Outcome<PollResult> outcome = default;
        using (await WriterAsync(ct))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
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
                var key = keys.Find(KeyName(pollId)) ?? throw new InvalidOperationException("The ballot box's key is missing: the box cannot be opened.");
                var slots = await db.SealedBallots.AsNoTracking().Where(b => b.PollId == pollId).Select(b => b.Sealed).ToListAsync(ct);
                ballots = SecretBox.Open(key, pollId, slots);
                Shuffle(ballots);
                await DeleteSealedAsync(pollId, ct);
                await PublishAsync(pollId, ballots, ct);
            }
            else
            {
                var votes = await db.Votes.AsNoTracking().Where(v => v.PollId == pollId && v.Latest).Select(v => new { v.Content, v.Weight }).ToListAsync(ct);
                ballots = [.. votes.Select(v => new CountedBallot(Marks.FromJson(v.Content), v.Weight))];
                Shuffle(ballots);
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
        keys.Destroy(KeyName(pollId));
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

    /// Fisher–Yates with the system CSPRNG: nobody can reproduce or predict the board's order.
    static void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
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

    /// The ballots as published: the board of a secret poll (in its stored order), or the latest open votes.
    public async Task<List<CountedBallot>> BallotsAsync(Poll poll, CancellationToken ct)
    {
        if (poll.Secret)
            return [.. (await db.PublishedBallots.AsNoTracking().Where(b => b.PollId == poll.Id).OrderBy(b => b.Id)
                .Select(b => new { b.Content, b.Weight, b.Tracker }).ToListAsync(ct))
                .Select(b => new CountedBallot(Marks.FromJson(b.Content), b.Weight, b.Tracker))];
        var votes = await db.Votes.AsNoTracking().Where(v => v.PollId == poll.Id && v.Latest).Select(v => new { v.Content, v.Weight }).ToListAsync(ct);
        var list = votes.Select(v => new CountedBallot(Marks.FromJson(v.Content), v.Weight)).ToList();
        Shuffle(list);
        return list;
    }

    public async Task<Outcome<PollResult>> ResultsAsync(Poll poll, CancellationToken ct)
    {
        switch (DecisionPermissions.Results(poll))
        {
            case ResultsAccess.NotClosed: return Failure.Conflict(poll.Status == PollStatus.Scheduled ? "This poll has not opened yet." : "A secret ballot's result is published when the poll closes.");
            case ResultsAccess.Hidden: return Failure.Conflict("The author hid the results until the poll closes.");
            case ResultsAccess.TooFewBallots: return Failure.Conflict($"Fewer than {DecisionPermissions.SecretMinimumBallots} ballots were cast: a secret ballot's result is not published, so nobody's vote can be worked out.");
        }
        var options = poll.Options.OrderBy(o => o.Position).ToList();
        var result = poll.Status == PollStatus.Closed && poll.ResultJson is { } stored
            ? JsonSerializer.Deserialize<PollResult>(stored)!
            : PollCount.Count(poll, options, await BallotsAsync(poll, ct), poll.EntitledCount);
        if (!poll.Secret)
        {
            var withReasons = await db.Votes.AsNoTracking().Where(v => v.PollId == poll.Id && v.Latest && v.Reason != null)
                .Join(db.Users, v => v.PersonId, u => u.Id, (v, u) => new { v.Content, v.Reason, u.DisplayName }).Take(500).ToListAsync(ct);
            result = result with
            {
                Reasons = [.. withReasons.Select(r => new ReasonView(string.Join(", ", Marks.FromJson(r.Content).Options.Select(o => options[o].Label)), r.Reason!, r.DisplayName))],
            };
        }
        return result;
    }

    public async Task<Outcome<byte[]>> BoardAsync(Poll poll, CancellationToken ct)
    {
        switch (DecisionPermissions.Board(poll))
        {
            case ResultsAccess.NotClosed: return Failure.Conflict("The ballot board is published when the poll closes.");
            case ResultsAccess.TooFewBallots: return Failure.Conflict($"Fewer than {DecisionPermissions.SecretMinimumBallots} ballots were cast: the board is not published, so nobody's vote can be worked out.");
        }
        return PollCount.Board(poll, [.. poll.Options.OrderBy(o => o.Position)], await BallotsAsync(poll, ct));
    }

    public Task<Poll?> FindAsync(int orgId, int pollId, CancellationToken ct) =>
        db.Polls.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId && p.OrganizationId == orgId, ct);

    public async Task<PollView> ViewAsync(Poll p, string personId, CancellationToken ct)
    {
        var options = p.Options.OrderBy(o => o.Position).Select(o => new OptionView(o.Id, o.Label, o.Position)).ToList();
        if (p.ShuffleOptions)
            // A stable order per voter (so a reload does not reshuffle), different between voters.
            options = [.. options.OrderBy(o => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{p.Id}/{p.LotSeed}/{personId}/{o.Id}"))), StringComparer.Ordinal)];
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.PollId == p.Id).OrderBy(n => n.Id)
            .Join(db.Users, n => n.NomineeId, u => u.Id, (n, u) => new NominationView(n.Id, n.NomineeId, u.DisplayName, n.Statement, n.Status, n.NominatedById == n.NomineeId))
            .ToListAsync(ct);
        var entitled = await db.PollEntitlements.AnyAsync(e => e.PollId == p.Id && e.PersonId == personId, ct);
        bool voted;
        VoteInput? current = null;
        // Secret: the roll holds those who have not voted yet (casting deletes one's row).
        if (p.Secret) voted = entitled && !await db.VoterRoll.AnyAsync(v => v.PollId == p.Id && v.PersonId == personId, ct);
        else
        {
            var content = await db.Votes.AsNoTracking().Where(v => v.PollId == p.Id && v.PersonId == personId && v.Latest).Select(v => new { v.Content, v.Reason }).FirstOrDefaultAsync(ct);
            voted = content is not null;
            if (content is not null) current = AsInput(p, Marks.FromJson(content.Content), content.Reason);
        }
        return new PollView(p.Id, p.OrganizationId, p.Kind, p.Shape, p.Title, p.Description, p.Status, p.Secret, p.ShuffleOptions, p.HideResultsUntilClose,
            p.AllowVoteChange, p.Method, p.Seats, p.MaxChoices, p.Points, p.MaxPerOption, p.ScoreMin, p.ScoreMax, p.Target, p.Quorum,
            p.ThresholdNumerator, p.ThresholdDenominator, p.ThresholdStrict, p.Base, p.UnitIds, p.Roles, p.OpensUtc, p.ClosesUtc, p.OpenedUtc, p.ClosedUtc,
            p.EntitledCount, p.BallotCount, p.LotSeed, options, nominations, new MyStanding(entitled, voted, current));
    }

    static VoteInput AsInput(Poll p, Marks m, string? reason)
    {
        var ids = p.Options.OrderBy(o => o.Position).Select(o => o.Id).ToArray();
        return p.Shape switch
        {
            BallotShape.Choice => new VoteInput(Choice: ids[m.Options[0]], Reason: reason),
            BallotShape.Choices => new VoteInput(Choices: [.. m.Options.Select(o => ids[o])], Reason: reason),
            BallotShape.Ranking => new VoteInput(Ranking: [.. m.Options.Select(o => ids[o])], Reason: reason),
            _ => new VoteInput(Values: [.. m.Options.Select((o, i) => new OptionValue(ids[o], m.Values![i]))], Reason: reason),
        };
    }

    public async Task<Outcome<Nomination>> NominateAsync(Poll poll, string byId, NominateInput input, CancellationToken ct)
    {
        if (poll.Kind != PollKind.Election) return Failure.Invalid("Only elections take nominations.");
        if (!DecisionPermissions.CanNominate(poll)) return Failure.Conflict("Nominations are closed: the election has opened.");
        var nominee = string.IsNullOrWhiteSpace(input.NomineeId) ? byId : input.NomineeId.Trim();
        var member = await db.Memberships.AsNoTracking().AnyAsync(m => m.OrganizationId == poll.OrganizationId && m.PersonId == nominee && m.Status == MembershipStatus.Active, ct);
        if (!member) return Failure.Invalid("Only a member of this organization can be nominated.", "nomineeId");
        var self = nominee == byId;
        var n = new Nomination
        {
            PollId = poll.Id, NomineeId = nominee, NominatedById = byId, CreatedUtc = Now,
            Statement = self ? (input.Statement ?? "").Trim() : "",
            Status = self ? NominationStatus.Accepted : NominationStatus.Pending,
        };
        db.Nominations.Add(n);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("This member is already nominated.", "nomineeId");
        }
        if (!self)
            await notifier.NotifyAsync([nominee], $"nominated:{n.Id}", () => new NotificationText(
                L["You were nominated"], string.Format(System.Globalization.CultureInfo.CurrentCulture, L["You were nominated in the election \"{0}\". Accept or decline on its page."], poll.Title),
                Link(poll.OrganizationId, poll.Id)), ct);
        return n;
    }

    /// The active members who could still be nominated in an election (not the asker, nobody already nominated), by name.
    public async Task<List<(string Id, string Name)>> NomineesAsync(Poll poll, string askerId, CancellationToken ct)
    {
        var people = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == poll.OrganizationId && m.Status == MembershipStatus.Active && m.PersonId != askerId
                && !db.Nominations.Any(n => n.PollId == poll.Id && n.NomineeId == m.PersonId))
            .Join(db.Users, m => m.PersonId, u => u.Id, (m, u) => new { u.Id, u.DisplayName })
            .OrderBy(x => x.DisplayName).ThenBy(x => x.Id).Take(1000).ToListAsync(ct);
        return [.. people.Select(p => (p.Id, p.DisplayName))];
    }

    /// The nominee's answer, once: a conditional UPDATE from pending, and only while nominations are open.
    public async Task<Outcome<Nomination>> AnswerNominationAsync(Poll poll, int nominationId, string personId, AcceptNominationInput input, CancellationToken ct)
    {
        if (input.Accept is not { } accept) return Failure.Invalid("Say whether you accept: true or false.", "accept");
        var n = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == nominationId && x.PollId == poll.Id, ct);
        if (n is null) return Failure.NotFound();
        if (n.NomineeId != personId) return Failure.Forbidden("Only the nominee can answer a nomination.");
        if (!DecisionPermissions.CanNominate(poll)) return Failure.Conflict("Nominations are closed: the election has opened.");
        var status = accept ? NominationStatus.Accepted : NominationStatus.Declined;
        var statement = (input.Statement ?? n.Statement).Trim();
        var changed = await db.Nominations.Where(x => x.Id == nominationId && x.Status == NominationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.Statement, statement), ct);
        if (changed == 0) return Failure.Conflict("This nomination was already answered.");
        n.Status = status;
        n.Statement = statement;
        return n;
    }
}
