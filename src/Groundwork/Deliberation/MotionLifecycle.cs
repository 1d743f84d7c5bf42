using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Deliberation;

/// A motion's way to the vote: seconded by another member, debated, put to a vote by the chair, or withdrawn by its mover.
public static class MotionLifecycle
{
    public static async Task<Outcome<Motion>> SecondAsync(AppDbContext db, int orgId, int id, Membership me, CancellationToken ct)
    {
        var m = await MotionQueries.FindAsync(db, orgId, id, ct);
        if (m is null) return Failure.NotFound("No such motion.");
        if (m.MoverId == me.PersonId) return Failure.Conflict("The mover cannot second their own motion.");
        if (m.Status != MotionStatus.Submitted) return Failure.Conflict("This motion has been seconded already.");
        // Two members seconding at once: the conditional update lets one of them be the seconder.
        var won = await db.Motions.Where(x => x.Id == id && x.Status == MotionStatus.Submitted && x.SeconderId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MotionStatus.Seconded).SetProperty(x => x.SeconderId, me.PersonId), ct);
        if (won == 0) return Failure.Conflict("This motion has been seconded already.");
        m.Status = MotionStatus.Seconded;
        m.SeconderId = me.PersonId;
        return m;
    }

    public static async Task<Outcome<Motion>> AdvanceAsync(AppDbContext db, int orgId, int id, Membership me, AdvanceInput input, DateTime now, CancellationToken ct)
    {
        var m = await MotionQueries.FindAsync(db, orgId, id, ct);
        if (m is null) return Failure.NotFound("No such motion.");
        if (!DeliberationPermissions.CanChair(me)) return Failure.Forbidden("Only the chair (an organizer or admin) moves a motion on.");
        switch (input.To)
        {
            case MotionStatus.Debate:
                if (m.Status != MotionStatus.Seconded)
                    return Failure.Conflict(m.Status == MotionStatus.Submitted ? "A motion needs a seconder before it is debated." : "This motion is past that stage.");
                var moved = await db.Motions.Where(x => x.Id == id && x.Status == MotionStatus.Seconded).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MotionStatus.Debate), ct);
                if (moved == 0) return Failure.Conflict("This motion is past that stage.");
                m.Status = MotionStatus.Debate;
                return m;
            case MotionStatus.Voting:
                if (m.Status != MotionStatus.Debate)
                    return Failure.Conflict("A motion goes to a vote from debate.");
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    var toVote = await db.Motions.Where(x => x.Id == id && x.Status == MotionStatus.Debate).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MotionStatus.Voting), ct);
                    if (toVote == 0) return Failure.Conflict("A motion goes to a vote from debate.");
                    // Amendments are decided before the motion: seconded ones must be voted first; unseconded ones lapse.
                    if (await db.Amendments.AnyAsync(a => a.MotionId == id && (a.Status == AmendmentStatus.Seconded || a.Status == AmendmentStatus.Voting), ct))
                        return Failure.Conflict("Vote on the seconded amendments before the motion.");
                    await db.Amendments.Where(a => a.MotionId == id && a.Status == AmendmentStatus.Proposed)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AmendmentStatus.Lapsed).SetProperty(a => a.DecidedUtc, now), ct);
                    var opened = await MotionVoting.OpenAsync(db, m.Id, null, input.Method, me.PersonId, now, ct);
                    if (!opened.Ok) return opened.Failure!;
                    await tx.CommitAsync(ct);
                }
                m.Status = MotionStatus.Voting;
                return m;
            default:
                return Failure.Invalid("A motion moves on to debate, or from debate to a vote.", "to");
        }
    }

    public static async Task<Outcome<Motion>> WithdrawAsync(AppDbContext db, int orgId, int id, Membership me, DateTime now, CancellationToken ct)
    {
        var m = await MotionQueries.FindAsync(db, orgId, id, ct);
        if (m is null) return Failure.NotFound("No such motion.");
        if (m.MoverId != me.PersonId) return Failure.Forbidden("Only the mover may withdraw a motion.");
        if (!DeliberationPermissions.CanWithdraw(me, m)) return Failure.Conflict("A motion can be withdrawn only before the vote.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var done = await db.Motions.Where(x => x.Id == id && (x.Status == MotionStatus.Submitted || x.Status == MotionStatus.Seconded || x.Status == MotionStatus.Debate))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MotionStatus.Withdrawn).SetProperty(x => x.DecidedUtc, now), ct);
        if (done == 0) return Failure.Conflict("A motion can be withdrawn only before the vote.");
        if (await db.MotionVotes.AnyAsync(v => v.MotionId == id && v.Status == VoteStatus.Open, ct))
            return Failure.Conflict("Wait until the open vote on an amendment is closed.");
        await db.Amendments.Where(a => a.MotionId == id && (a.Status == AmendmentStatus.Proposed || a.Status == AmendmentStatus.Seconded))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AmendmentStatus.Lapsed).SetProperty(a => a.DecidedUtc, now), ct);
        await tx.CommitAsync(ct);
        m.Status = MotionStatus.Withdrawn;
        return m;
    }
}
