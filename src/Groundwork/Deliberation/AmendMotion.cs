using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Deliberation;

/// Amendments during the debate: proposed against a paragraph's revision, seconded, withdrawn, put to a vote.
public static class AmendMotion
{
    public static async Task<Outcome<Amendment>> ProposeAsync(AppDbContext db, int orgId, int id, Membership me, AmendmentInput input, DateTime now, CancellationToken ct)
    {
        var m = await MotionQueries.FindAsync(db, orgId, id, ct);
        if (m is null) return Failure.NotFound("No such motion.");
        var kind = input.Kind.GetValueOrDefault();
        if (m.Status != MotionStatus.Debate) return Failure.Conflict("Amendments are proposed while the motion is debated.");
        var text = MotionText.Split(input.Text ?? "");
        var current = await MotionQueries.TextAsync(db, m, ct);
        var newText = text.Count == 1 ? text[0] : "";
        Paragraph? target;
        if (kind == AmendmentKind.InsertAfter)
        {
            if (input.Paragraph < 0 || input.Paragraph > current.Count) return Failure.Invalid("Insert after a paragraph of the motion, or after 0 for the start.", "paragraph");
            target = input.Paragraph == 0 ? null : MotionText.At(current, input.Paragraph);
        }
        else
        {
            target = MotionText.At(current, input.Paragraph);
            if (target is null) return Failure.Invalid("The motion has no paragraph with this number.", "paragraph");
            if (kind == AmendmentKind.Replace && target.Text == newText) return Failure.Invalid("The new text is the same as the paragraph.", "text");
            if (kind == AmendmentKind.Delete && current.Count == 1) return Failure.Invalid("A motion cannot lose its last paragraph.", "paragraph");
        }
        var a = new Amendment
        {
            MotionId = m.Id, Kind = kind, ParagraphKey = target?.Key ?? 0, ParagraphRevision = target?.Revision ?? 0,
            OriginalText = kind == AmendmentKind.InsertAfter ? "" : target!.Text, NewText = newText, ProposerId = me.PersonId,
            Status = AmendmentStatus.Proposed, CreatedUtc = now,
        };
        db.Amendments.Add(a);
        await db.SaveChangesAsync(ct);
        return a;
    }

    static async Task<(Motion?, Amendment?)> LoadAmendmentAsync(AppDbContext db, int orgId, int id, int amendmentId, CancellationToken ct)
    {
        var m = await MotionQueries.FindAsync(db, orgId, id, ct);
        if (m is null) return (null, null);
        return (m, await db.Amendments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == amendmentId && a.MotionId == id, ct));
    }

    public static async Task<Outcome<Amendment>> SecondAsync(AppDbContext db, int orgId, int id, int amendmentId, Membership me, CancellationToken ct)
    {
        var (m, a) = await LoadAmendmentAsync(db, orgId, id, amendmentId, ct);
        if (m is null || a is null) return Failure.NotFound("No such amendment.");
        if (a.ProposerId == me.PersonId) return Failure.Conflict("The proposer cannot second their own amendment.");
        if (!DeliberationPermissions.CanSecondAmendment(me, m, a)) return Failure.Conflict("This amendment cannot be seconded now.");
        var won = await db.Amendments.Where(x => x.Id == a.Id && x.Status == AmendmentStatus.Proposed && x.SeconderId == null
                && db.Motions.Any(mm => mm.Id == x.MotionId && mm.Status == MotionStatus.Debate))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.Seconded).SetProperty(x => x.SeconderId, me.PersonId), ct);
        if (won == 0) return Failure.Conflict("This amendment has been seconded already.");
        a.Status = AmendmentStatus.Seconded;
        a.SeconderId = me.PersonId;
        return a;
    }

    public static async Task<Outcome<Amendment>> WithdrawAsync(AppDbContext db, int orgId, int id, int amendmentId, Membership me, DateTime now, CancellationToken ct)
    {
        var (m, a) = await LoadAmendmentAsync(db, orgId, id, amendmentId, ct);
        if (m is null || a is null) return Failure.NotFound("No such amendment.");
        if (a.ProposerId != me.PersonId) return Failure.Forbidden("Only the proposer may withdraw an amendment.");
        var done = await db.Amendments.Where(x => x.Id == a.Id && (x.Status == AmendmentStatus.Proposed || x.Status == AmendmentStatus.Seconded))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.Withdrawn).SetProperty(x => x.DecidedUtc, now), ct);
        if (done == 0) return Failure.Conflict("An amendment can be withdrawn only before its vote.");
        a.Status = AmendmentStatus.Withdrawn;
        return a;
    }

    public static async Task<Outcome<MotionVote>> OpenVoteAsync(AppDbContext db, int orgId, int id, int amendmentId, Membership me, OpenVoteInput input, DateTime now, CancellationToken ct)
    {
        var (m, a) = await LoadAmendmentAsync(db, orgId, id, amendmentId, ct);
        if (m is null || a is null) return Failure.NotFound("No such amendment.");
        if (!DeliberationPermissions.CanChair(me)) return Failure.Forbidden("Only the chair (an organizer or admin) puts an amendment to a vote.");
        if (m.Status != MotionStatus.Debate) return Failure.Conflict("Amendments are voted while the motion is debated.");
        if (a.Status != AmendmentStatus.Seconded) return Failure.Conflict(a.Status == AmendmentStatus.Proposed ? "An amendment needs a seconder before it is voted." : "This amendment is not waiting for a vote.");
        if (!MotionText.Applies(await MotionQueries.TextAsync(db, m, ct), a))
        {
            await db.Amendments.Where(x => x.Id == a.Id && x.Status == AmendmentStatus.Seconded)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.Lapsed).SetProperty(x => x.DecidedUtc, now), ct);
            return Failure.Conflict("The paragraph this amendment changes was amended since; the amendment has lapsed.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Amendments.Where(x => x.Id == a.Id && x.Status == AmendmentStatus.Seconded)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.Voting), ct);
        if (moved == 0) return Failure.Conflict("This amendment is not waiting for a vote.");
        var vote = await MotionVoting.OpenAsync(db, m.Id, a.Id, input.Method, me.PersonId, now, ct);
        if (!vote.Ok) return vote.Failure!;
        await tx.CommitAsync(ct);
        return vote;
    }
}
