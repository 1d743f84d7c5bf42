using System.Text.Json;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Decisions;

public sealed class CastVote(AppDbContext db, SealedKeys keys, TimeProvider clock, SecretBox.SqliteQueue sqliteBallots)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

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
            var key = keys.Find(PollKeys.Name(pollId));
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

        await using var tx = await db.BeginWriteAsync(ct);
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
        if (await db.SaveOrConflictAsync(Failure.Conflict(poll.AllowVoteChange ? "Your vote changed at the same moment; try again." : "You have already voted; this poll does not allow changing a vote."), ct) is { } refused) return refused;
        await tx.CommitAsync(ct);
        return new CastVoteResult(pollId, false, null, replaced > 0 ? "Your vote was changed." : "Your vote is recorded.");
    }

    sealed record SealedContent(string T, long W, int[] O, int[]? V);

    /// Open → closed, exactly once (a conditional UPDATE), and in the same transaction: the count, and for a secret
}
