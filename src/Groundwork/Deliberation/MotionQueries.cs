using Groundwork.Accounts;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

/// The motions of an organization, and one motion as a member sees it: its text, amendments, history and votes.
public static class MotionQueries
{
    public static async Task<List<MotionSummary>> ListAsync(AppDbContext db, int orgId, MotionStatus? status, IStringLocalizer L, CancellationToken ct)
    {
        var q = db.Motions.AsNoTracking().Where(m => m.OrganizationId == orgId);
        if (status is { } s) q = q.Where(m => m.Status == s);
        var rows = await q.OrderByDescending(m => m.Id).Take(500).ToListAsync(ct);
        var names = await DisplayNames.LoadAsync(db, rows.Select(r => r.MoverId), ct);
        return [.. rows.Select(m => new MotionSummary(m.Id, m.Title, m.Status, DiscussionQueries.Name(names, m.MoverId, L), m.CreatedUtc, m.DecidedUtc, m.Result))];
    }

    internal static Task<Motion?> FindAsync(AppDbContext db, int orgId, int id, CancellationToken ct) =>
        db.Motions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.OrganizationId == orgId, ct);

    internal static async Task<List<Paragraph>> TextAsync(AppDbContext db, Motion m, CancellationToken ct) =>
        MotionText.Deserialize(await db.MotionVersions.AsNoTracking().Where(v => v.MotionId == m.Id && v.Number == m.CurrentVersion)
            .Select(v => v.Paragraphs).FirstAsync(ct));

    internal static List<ParagraphView> Views(List<Paragraph> ps) => [.. ps.Select((p, i) => new ParagraphView(i + 1, p.Key, p.Text))];

    public static async Task<Outcome<MotionView>> GetAsync(AppDbContext db, int orgId, int id, Membership me, IStringLocalizer L, CancellationToken ct)
    {
        var m = await FindAsync(db, orgId, id, ct);
        if (m is null) return Failure.NotFound("No such motion.");
        var versions = await db.MotionVersions.AsNoTracking().Where(v => v.MotionId == id).OrderBy(v => v.Number).ToListAsync(ct);
        var amendments = await db.Amendments.AsNoTracking().Where(a => a.MotionId == id).OrderBy(a => a.Id).ToListAsync(ct);
        var votes = await db.MotionVotes.AsNoTracking().Where(v => v.MotionId == id).OrderBy(v => v.Id).ToListAsync(ct);
        var voteIds = votes.Select(v => v.Id).ToList();
        var cast = await db.MotionBallots.AsNoTracking().Where(b => voteIds.Contains(b.MotionVoteId)).GroupBy(b => b.MotionVoteId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var mine = await db.MotionBallots.AsNoTracking().Where(b => voteIds.Contains(b.MotionVoteId) && b.PersonId == me.PersonId)
            .ToDictionaryAsync(b => b.MotionVoteId, b => b.Answer, ct);
        var names = await DisplayNames.LoadAsync(db, new[] { m.MoverId, m.SeconderId }.Concat(versions.Select(v => v.ChangedById))
            .Concat(amendments.SelectMany(a => new[] { a.ProposerId, a.SeconderId })), ct);
        string Name(string? pid) => pid is null ? "" : DiscussionQueries.Name(names, pid, L);
        var current = MotionText.Deserialize(versions.First(v => v.Number == m.CurrentVersion).Paragraphs);
        var chair = DeliberationPermissions.CanChair(me);
        var voteOpen = votes.Any(v => v.Status == VoteStatus.Open);
        var amendmentViews = amendments.Select(a =>
        {
            var position = current.FindIndex(p => p.Key == a.ParagraphKey);
            return new AmendmentView(a.Id, a.Kind, position < 0 ? (a.Kind == AmendmentKind.InsertAfter && a.ParagraphKey == 0 ? 0 : null) : position + 1,
                a.OriginalText, a.NewText, MotionText.Diff(a.OriginalText, a.NewText), Name(a.ProposerId), a.SeconderId is null ? null : Name(a.SeconderId),
                a.Status, a.CreatedUtc, DeliberationPermissions.CanSecondAmendment(me, m, a), DeliberationPermissions.CanWithdrawAmendment(me, a),
                chair && !voteOpen && m.Status == MotionStatus.Debate && a.Status == AmendmentStatus.Seconded);
        }).ToList();
        VoteView VoteOf(MotionVote v) => new(v.Id, v.AmendmentId, v.Method, v.Status, v.OpenedUtc, v.ClosedUtc, v.For, v.Against, v.Abstain, v.Entitled,
            v.Outcome, v.Explanation, cast.GetValueOrDefault(v.Id), mine.TryGetValue(v.Id, out var a) ? a : null);
        var voteViews = votes.Select(VoteOf).ToList();
        return new MotionView(m.Id, m.Title, m.Status, m.MoverId, Name(m.MoverId), m.SeconderId is null ? null : Name(m.SeconderId),
            m.Majority, m.Base, m.Quorum, m.CurrentVersion, Views(current), amendmentViews,
            [.. versions.Select(v => new VersionView(v.Number, Name(v.ChangedById), v.AmendmentId, v.AtUtc, Views(MotionText.Deserialize(v.Paragraphs))))],
            voteViews, voteViews.FirstOrDefault(v => v.Status == VoteStatus.Open), m.Result, m.CreatedUtc, m.DecidedUtc,
            DeliberationPermissions.CanSecond(me, m), DeliberationPermissions.CanWithdraw(me, m) && !voteOpen, chair,
            DeliberationPermissions.CanProposeAmendment(me, m));
    }
}
