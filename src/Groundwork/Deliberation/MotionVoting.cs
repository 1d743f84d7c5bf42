using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Tally.Questions;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

/// The votes on a motion or an amendment: opened one at a time, ballots changeable until the close, the count and what
/// it decides (the adopted amendment's new version of the text, the motion's result, the members told).
public static class MotionVoting
{
    public static Threshold ThresholdOf(MotionMajority m) => m == MotionMajority.TwoThirds ? Threshold.AtLeast(2, 3) : Threshold.SimpleMajority;

    /// Inside the caller's transaction; the filtered unique index refuses a second open vote on the motion.
    internal static async Task<Outcome<MotionVote>> OpenAsync(AppDbContext db, int motionId, int? amendmentId, VoteMethod method, string by, DateTime now, CancellationToken ct)
    {
        var vote = new MotionVote { MotionId = motionId, AmendmentId = amendmentId, Method = method, Status = VoteStatus.Open, OpenedById = by, OpenedUtc = now };
        db.MotionVotes.Add(vote);
        if (await db.SaveOrConflictAsync(Failure.Conflict("Another vote on this motion is open; close it first."), ct) is { } refused) return refused;
        return vote;
    }

    static async Task<(Motion?, MotionVote?)> LoadVoteAsync(AppDbContext db, int orgId, int id, int voteId, CancellationToken ct)
    {
        var m = await MotionQueries.FindAsync(db, orgId, id, ct);
        if (m is null) return (null, null);
        return (m, await db.MotionVotes.AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId && v.MotionId == id, ct));
    }

    /// One ballot per member and vote (a unique index), changeable until the vote closes. The vote row is touched first in
    /// the same transaction: its lock orders every ballot before or after the close, never in between.
    public static async Task<Outcome<MotionAnswer>> CastAsync(AppDbContext db, int orgId, int id, int voteId, Membership me, BallotInput input, DateTime now, CancellationToken ct)
    {
        var answer = input.Answer.GetValueOrDefault();
        var (m, v) = await LoadVoteAsync(db, orgId, id, voteId, ct);
        if (m is null || v is null) return Failure.NotFound("No such vote.");
        if (v.Status != VoteStatus.Open) return Failure.Conflict("This vote is closed.");
        if (v.Method != VoteMethod.Electronic) return Failure.Conflict("This vote is by a show of hands at the meeting.");
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var open = await db.MotionVotes.Where(x => x.Id == v.Id && x.Status == VoteStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Changes, x => x.Changes + 1), ct);
            if (open == 0) return Failure.Conflict("This vote is closed.");
            var changed = await db.MotionBallots.Where(b => b.MotionVoteId == v.Id && b.PersonId == me.PersonId)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Answer, answer).SetProperty(b => b.CastUtc, now), ct);
            if (changed == 0)
            {
                db.MotionBallots.Add(new MotionBallot { MotionVoteId = v.Id, PersonId = me.PersonId, Answer = answer, CastUtc = now });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
                {
                    // The same member's other request got there first: change that ballot instead.
                    db.ChangeTracker.Clear();
                    await tx.RollbackAsync(ct);
                    continue;
                }
            }
            await tx.CommitAsync(ct);
            return answer;
        }
    }

    public static async Task<Outcome<MotionVote>> CloseAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, int orgId, int id, int voteId,
        Membership me, CloseVoteInput input, DateTime now, CancellationToken ct)
    {
        var (m, v) = await LoadVoteAsync(db, orgId, id, voteId, ct);
        if (m is null || v is null) return Failure.NotFound("No such vote.");
        if (!DeliberationPermissions.CanChair(me)) return Failure.Forbidden("Only the chair (an organizer or admin) closes a vote.");
        if (v.Status != VoteStatus.Open) return Failure.Conflict("This vote is closed already.");
        var hands = new[] { input.For, input.Against, input.Abstain };
        if (v.Method == VoteMethod.ShowOfHands && hands.Any(h => h is null)) return Failure.Invalid("Enter the counts for, against and abstaining.", "for");
        if (v.Method == VoteMethod.Electronic && hands.Any(h => h is not null)) return Failure.Invalid("An electronic vote is counted from its ballots; enter no counts.", "for");
        var entitled = await db.Memberships.CountAsync(x => x.OrganizationId == orgId && x.Status == MembershipStatus.Active, ct);
        if (v.Method == VoteMethod.ShowOfHands && input.For + input.Against + input.Abstain > entitled)
            return Failure.Invalid("More hands than members of the organization.", "for");
        Amendment? amendment = v.AmendmentId is { } aid ? await db.Amendments.AsNoTracking().FirstAsync(a => a.Id == aid, ct) : null;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var closed = await db.MotionVotes.Where(x => x.Id == v.Id && x.Status == VoteStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, VoteStatus.Closed).SetProperty(x => x.ClosedUtc, now), ct);
        if (closed == 0) return Failure.Conflict("This vote is closed already.");
        long yes, no, abstain;
        if (v.Method == VoteMethod.Electronic)
        {
            // Ballots of people who are still active members count; someone removed mid-vote has lost their vote.
            var counts = await db.MotionBallots.Where(b => b.MotionVoteId == v.Id
                    && db.Memberships.Any(x => x.OrganizationId == orgId && x.PersonId == b.PersonId && x.Status == MembershipStatus.Active))
                .GroupBy(b => b.Answer).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            long Of(MotionAnswer a) => counts.FirstOrDefault(c => c.Key == a)?.Count ?? 0;
            (yes, no, abstain) = (Of(MotionAnswer.For), Of(MotionAnswer.Against), Of(MotionAnswer.Abstain));
        }
        else (yes, no, abstain) = (input.For!.Value, input.Against!.Value, input.Abstain!.Value);
        var threshold = amendment is null ? ThresholdOf(m.Majority) : Threshold.SimpleMajority;
        var result = Question.Decide([new(yes, Answer.Yes), new(no, Answer.No), new(abstain, Answer.Abstain)], threshold, m.Base,
            m.Quorum is { } q ? new Quorum(q, Base.VotesCast) : null, entitledVoters: Math.Max(entitled, yes + no + abstain));
        await db.MotionVotes.Where(x => x.Id == v.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.For, yes).SetProperty(x => x.Against, no).SetProperty(x => x.Abstain, abstain)
            .SetProperty(x => x.Entitled, (long)entitled).SetProperty(x => x.Outcome, result.Outcome).SetProperty(x => x.Explanation, result.Explanation), ct);
        var summary = $"{yes} for, {no} against, {abstain} abstaining: {result.Outcome switch { QuestionOutcome.Passed => "adopted", QuestionOutcome.Failed => "rejected", _ => "no quorum" }}.";

        if (amendment is not null)
        {
            AmendmentStatus status;
            if (result.Outcome == QuestionOutcome.NoQuorum) status = AmendmentStatus.Seconded; // to be voted again
            else if (!result.Passed) status = AmendmentStatus.Rejected;
            else
            {
                var adopted = await AdoptAsync(db, m, amendment, me.PersonId, now, ct);
                if (!adopted.Ok) return adopted.Failure!;
                status = AmendmentStatus.Adopted;
            }
            await db.Amendments.Where(x => x.Id == amendment.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status)
                .SetProperty(x => x.DecidedUtc, status == AmendmentStatus.Seconded ? null : now), ct);
        }
        else
        {
            var status = result.Outcome switch { QuestionOutcome.Passed => MotionStatus.Adopted, QuestionOutcome.Failed => MotionStatus.Rejected, _ => MotionStatus.Debate };
            var decided = status != MotionStatus.Debate;
            var moved = await db.Motions.Where(x => x.Id == m.Id && x.Status == MotionStatus.Voting).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, status).SetProperty(x => x.DecidedUtc, decided ? now : null)
                .SetProperty(x => x.DecidingVoteId, decided ? v.Id : null).SetProperty(x => x.Result, summary), ct);
            if (moved == 0) return Failure.Conflict("This motion is not being voted on.");
        }
        await tx.CommitAsync(ct);

        if (amendment is null && result.Outcome != QuestionOutcome.NoQuorum)
        {
            var members = await db.Memberships.AsNoTracking().Where(x => x.OrganizationId == orgId && x.Status == MembershipStatus.Active).Select(x => x.PersonId).ToListAsync(ct);
            await notifier.NotifyAsync(members, $"motion-decided:{m.Id}",
                () => new NotificationText(result.Passed ? L["A motion was adopted"] : L["A motion was rejected"], L["Open the motion to see the result and its text."],
                    $"organizations/{orgId}/motions/{m.Id}"), ct);
        }
        return (await db.MotionVotes.AsNoTracking().FirstAsync(x => x.Id == v.Id, ct));
    }

    /// Inside the close's transaction: the next version of the text, then the motion moved to it only from the version it
    /// was computed on; the unique (motion, number) index and the conditional update let one change win.
    static async Task<Outcome<int>> AdoptAsync(AppDbContext db, Motion m, Amendment a, string by, DateTime now, CancellationToken ct)
    {
        var version = await db.Motions.AsNoTracking().Where(x => x.Id == m.Id).Select(x => x.CurrentVersion).FirstAsync(ct);
        var text = MotionText.Deserialize(await db.MotionVersions.AsNoTracking().Where(x => x.MotionId == m.Id && x.Number == version).Select(x => x.Paragraphs).FirstAsync(ct));
        var next = MotionText.Apply(text, a);
        if (!next.Ok) return next.Failure!;
        db.MotionVersions.Add(new MotionVersion { MotionId = m.Id, Number = version + 1, Paragraphs = MotionText.Serialize(next.Value!), ChangedById = by, AmendmentId = a.Id, AtUtc = now });
        if (await db.SaveOrConflictAsync(Failure.Conflict("The motion's text changed at the same moment; close the vote again."), ct) is { } refused) return refused;
        var moved = await db.Motions.Where(x => x.Id == m.Id && x.CurrentVersion == version).ExecuteUpdateAsync(s => s.SetProperty(x => x.CurrentVersion, version + 1), ct);
        if (moved == 0) return Failure.Conflict("The motion's text changed at the same moment; close the vote again.");
        // Other amendments to a paragraph this one changed can no longer apply: they lapse.
        var pending = await db.Amendments.AsNoTracking().Where(x => x.MotionId == m.Id && x.Id != a.Id
            && (x.Status == AmendmentStatus.Proposed || x.Status == AmendmentStatus.Seconded)).ToListAsync(ct);
        var lapsed = pending.Where(p => !MotionText.Applies(next.Value!, p)).Select(p => p.Id).ToList();
        if (lapsed.Count > 0)
            await db.Amendments.Where(x => lapsed.Contains(x.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.Lapsed).SetProperty(x => x.DecidedUtc, now), ct);
        return version + 1;
    }
}
