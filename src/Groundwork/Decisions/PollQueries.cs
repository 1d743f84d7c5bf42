using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Decisions;

/// What the pages and the API read: polls, one poll as its voter sees it, its ballots, result and board, and who can
/// still be nominated.
public sealed class PollQueries(AppDbContext db)
{
    public Task<List<PollSummary>> ListAsync(int orgId, CancellationToken ct) =>
        db.Polls.AsNoTracking().Where(p => p.OrganizationId == orgId).OrderByDescending(p => p.Id).Take(500)
            .Select(p => new PollSummary(p.Id, p.Kind, p.Title, p.Status, p.Secret, p.OpensUtc, p.ClosesUtc, p.BallotCount))
            .ToListAsync(ct);

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

    /// The ballots as published: the board of a secret poll (in its stored order), or the latest open votes.
    public async Task<List<CountedBallot>> BallotsAsync(Poll poll, CancellationToken ct)
    {
        if (poll.Secret)
            return [.. (await db.PublishedBallots.AsNoTracking().Where(b => b.PollId == poll.Id).OrderBy(b => b.Id)
                .Select(b => new { b.Content, b.Weight, b.Tracker }).ToListAsync(ct))
                .Select(b => new CountedBallot(Marks.FromJson(b.Content), b.Weight, b.Tracker))];
        var votes = await db.Votes.AsNoTracking().Where(v => v.PollId == poll.Id && v.Latest).Select(v => new { v.Content, v.Weight }).ToListAsync(ct);
        var list = votes.Select(v => new CountedBallot(Marks.FromJson(v.Content), v.Weight)).ToList();
        BallotRules.Shuffle(list);
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
}
