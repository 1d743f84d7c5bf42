using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Tally.Questions;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

public sealed record MotionInput(
    [property: Required, StringLength(Motions.MaxTitle, MinimumLength = 1)] string Title,
    [property: Required, StringLength(Motions.MaxText, MinimumLength = 1)] string Text,
    MotionMajority Majority = MotionMajority.Simple,
    Base Base = Base.YesAndNo,
    [property: Range(1, 1_000_000)] int? Quorum = null);

public sealed record AdvanceInput([property: Required] MotionStatus? To, VoteMethod Method = VoteMethod.Electronic);

public sealed record AmendmentInput(
    [property: Required] AmendmentKind? Kind,
    [property: Range(0, MotionText.MaxParagraphs)] int Paragraph,
    [property: StringLength(Motions.MaxParagraph)] string? Text = null);

public sealed record OpenVoteInput(VoteMethod Method = VoteMethod.Electronic);

public sealed record BallotInput([property: Required] MotionAnswer? Answer);

/// The counts of a show of hands, entered by the chair; none for an electronic vote.
public sealed record CloseVoteInput(
    [property: Range(0, 10_000_000)] long? For = null,
    [property: Range(0, 10_000_000)] long? Against = null,
    [property: Range(0, 10_000_000)] long? Abstain = null);

public sealed record MotionSummary(int Id, string Title, MotionStatus Status, string MoverName, DateTime CreatedUtc, DateTime? DecidedUtc, string? Result);

public sealed record ParagraphView(int Number, int Key, string Text);

public sealed record AmendmentView(int Id, AmendmentKind Kind, int? ParagraphNumber, string OriginalText, string NewText,
    List<MotionText.Segment> Diff, string ProposerName, string? SeconderName, AmendmentStatus Status, DateTime CreatedUtc,
    bool CanSecond, bool CanWithdraw, bool CanPutToVote);

public sealed record VoteView(int Id, int? AmendmentId, VoteMethod Method, VoteStatus Status, DateTime OpenedUtc, DateTime? ClosedUtc,
    long? For, long? Against, long? Abstain, long? Entitled, QuestionOutcome? Outcome, string? Explanation, int BallotsCast, MotionAnswer? MyAnswer);

public sealed record VersionView(int Number, string ChangedByName, int? AmendmentId, DateTime AtUtc, List<ParagraphView> Paragraphs);

public sealed record MotionView(int Id, string Title, MotionStatus Status, string MoverId, string MoverName, string? SeconderName,
    MotionMajority Majority, Base Base, int? Quorum, int CurrentVersion, List<ParagraphView> Paragraphs, List<AmendmentView> Amendments,
    List<VersionView> History, List<VoteView> Votes, VoteView? OpenVote, string? Result, DateTime CreatedUtc, DateTime? DecidedUtc,
    bool CanSecond, bool CanWithdraw, bool CanChair, bool CanProposeAmendment);

public static class Motions
{
    public const int MaxTitle = 200;
    public const int MaxText = 50_000;
    public const int MaxParagraph = 10_000;

    static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    public static Threshold ThresholdOf(MotionMajority m) => m == MotionMajority.TwoThirds ? Threshold.AtLeast(2, 3) : Threshold.SimpleMajority;

    public static async Task<List<MotionSummary>> ListAsync(AppDbContext db, int orgId, MotionStatus? status, IStringLocalizer L, CancellationToken ct)
    {
        var q = db.Motions.AsNoTracking().Where(m => m.OrganizationId == orgId);
        if (status is { } s) q = q.Where(m => m.Status == s);
        var rows = await q.OrderByDescending(m => m.Id).Take(500).ToListAsync(ct);
        var names = await Discussions.NamesAsync(db, rows.Select(r => r.MoverId), ct);
        return [.. rows.Select(m => new MotionSummary(m.Id, m.Title, m.Status, names.GetValueOrDefault(m.MoverId) ?? L["Former member"], m.CreatedUtc, m.DecidedUtc, m.Result))];
    }

    static Task<Motion?> FindAsync(AppDbContext db, int orgId, int id, CancellationToken ct) =>
        db.Motions.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.OrganizationId == orgId, ct);

    static async Task<List<Paragraph>> TextAsync(AppDbContext db, Motion m, CancellationToken ct) =>
        MotionText.Deserialize(await db.MotionVersions.AsNoTracking().Where(v => v.MotionId == m.Id && v.Number == m.CurrentVersion)
            .Select(v => v.Paragraphs).FirstAsync(ct));

    static List<ParagraphView> Views(List<Paragraph> ps) => [.. ps.Select((p, i) => new ParagraphView(i + 1, p.Key, p.Text))];

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
        var names = await Discussions.NamesAsync(db, new[] { m.MoverId, m.SeconderId }.Concat(versions.Select(v => v.ChangedById))
            .Concat(amendments.SelectMany(a => new[] { a.ProposerId, a.SeconderId })).OfType<string>(), ct);
        string Name(string? pid) => pid is null ? "" : names.GetValueOrDefault(pid) ?? L["Former member"];
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

    public static async Task<Outcome<Motion>> CreateAsync(AppDbContext db, int orgId, Membership me, MotionInput input, DateTime now, CancellationToken ct)
    {
        if (Blank(input.Title) || input.Title.Length > MaxTitle) return Failure.Invalid("Give the motion a title of up to 200 characters.", "title");
        if (Blank(input.Text) || input.Text.Length > MaxText) return Failure.Invalid("Write the motion's text, up to 50,000 characters.", "text");
        if (!Enum.IsDefined(input.Majority)) return Failure.Invalid("Choose a simple or a two-thirds majority.", "majority");
        if (input.Base is not (Base.YesAndNo or Base.ValidVotes or Base.VotesCast or Base.EntitledVoters))
            return Failure.Invalid("Count the majority of yes and no votes, of valid votes, of votes cast, or of all members.", "base");
        if (input.Quorum is < 1 or > 1_000_000) return Failure.Invalid("A quorum is a number of members from 1 to 1,000,000.", "quorum");
        var paragraphs = MotionText.Split(input.Text);
        if (paragraphs.Count > MotionText.MaxParagraphs) return Failure.Invalid("A motion has at most 200 paragraphs.", "text");
        if (paragraphs.Any(p => p.Length > MaxParagraph)) return Failure.Invalid("A paragraph has at most 10,000 characters.", "text");
        var motion = new Motion
        {
            OrganizationId = orgId, Title = input.Title.Trim(), MoverId = me.PersonId, Status = MotionStatus.Submitted, Majority = input.Majority,
            Base = input.Base, Quorum = input.Quorum, CreatedUtc = now, CurrentVersion = 1,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Motions.Add(motion);
        await db.SaveChangesAsync(ct);
        db.MotionVersions.Add(new MotionVersion { MotionId = motion.Id, Number = 1, Paragraphs = MotionText.Serialize(MotionText.Number(paragraphs)), ChangedById = me.PersonId, AtUtc = now });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return motion;
    }

    public static async Task<Outcome<Motion>> SecondAsync(AppDbContext db, int orgId, int id, Membership me, CancellationToken ct)
    {
        var m = await FindAsync(db, orgId, id, ct);
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
        var m = await FindAsync(db, orgId, id, ct);
        if (m is null) return Failure.NotFound("No such motion.");
        if (!DeliberationPermissions.CanChair(me)) return Failure.Forbidden("Only the chair (an organizer or admin) moves a motion on.");
        if (!Enum.IsDefined(input.Method)) return Failure.Invalid("Vote electronically or by a show of hands.", "method");
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
                    var opened = await OpenVoteAsync(db, m.Id, null, input.Method, me.PersonId, now, ct);
                    if (!opened.Ok) return opened.Failure!;
                    await tx.CommitAsync(ct);
                }
                m.Status = MotionStatus.Voting;
                return m;
            default:
                return Failure.Invalid("A motion moves on to debate, or from debate to a vote.", "to");
        }
    }

    /// Inside the caller's transaction; the filtered unique index refuses a second open vote on the motion.
    static async Task<Outcome<MotionVote>> OpenVoteAsync(AppDbContext db, int motionId, int? amendmentId, VoteMethod method, string by, DateTime now, CancellationToken ct)
    {
        var vote = new MotionVote { MotionId = motionId, AmendmentId = amendmentId, Method = method, Status = VoteStatus.Open, OpenedById = by, OpenedUtc = now };
        db.MotionVotes.Add(vote);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("Another vote on this motion is open; close it first.");
        }
        return vote;
    }

    public static async Task<Outcome<Motion>> WithdrawAsync(AppDbContext db, int orgId, int id, Membership me, DateTime now, CancellationToken ct)
    {
        var m = await FindAsync(db, orgId, id, ct);
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

    public static async Task<Outcome<Amendment>> ProposeAmendmentAsync(AppDbContext db, int orgId, int id, Membership me, AmendmentInput input, DateTime now, CancellationToken ct)
    {
        var m = await FindAsync(db, orgId, id, ct);
        if (m is null) return Failure.NotFound("No such motion.");
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) return Failure.Invalid("Say whether the amendment replaces, inserts after or deletes a paragraph.", "kind");
        if (m.Status != MotionStatus.Debate) return Failure.Conflict("Amendments are proposed while the motion is debated.");
        var text = MotionText.Split(input.Text ?? "");
        if (kind == AmendmentKind.Delete && text.Count > 0) return Failure.Invalid("A deletion has no new text.", "text");
        if (kind != AmendmentKind.Delete && text.Count == 0) return Failure.Invalid("Write the new paragraph.", "text");
        if (text.Count > 1) return Failure.Invalid("An amendment changes one paragraph: write it without blank lines.", "text");
        if (text.Count == 1 && text[0].Length > MaxParagraph) return Failure.Invalid("A paragraph has at most 10,000 characters.", "text");
        var current = await TextAsync(db, m, ct);
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
        var m = await FindAsync(db, orgId, id, ct);
        if (m is null) return (null, null);
        return (m, await db.Amendments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == amendmentId && a.MotionId == id, ct));
    }

    public static async Task<Outcome<Amendment>> SecondAmendmentAsync(AppDbContext db, int orgId, int id, int amendmentId, Membership me, CancellationToken ct)
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

    public static async Task<Outcome<Amendment>> WithdrawAmendmentAsync(AppDbContext db, int orgId, int id, int amendmentId, Membership me, DateTime now, CancellationToken ct)
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

    public static async Task<Outcome<MotionVote>> OpenAmendmentVoteAsync(AppDbContext db, int orgId, int id, int amendmentId, Membership me, OpenVoteInput input, DateTime now, CancellationToken ct)
    {
        var (m, a) = await LoadAmendmentAsync(db, orgId, id, amendmentId, ct);
        if (m is null || a is null) return Failure.NotFound("No such amendment.");
        if (!DeliberationPermissions.CanChair(me)) return Failure.Forbidden("Only the chair (an organizer or admin) puts an amendment to a vote.");
        if (!Enum.IsDefined(input.Method)) return Failure.Invalid("Vote electronically or by a show of hands.", "method");
        if (m.Status != MotionStatus.Debate) return Failure.Conflict("Amendments are voted while the motion is debated.");
        if (a.Status != AmendmentStatus.Seconded) return Failure.Conflict(a.Status == AmendmentStatus.Proposed ? "An amendment needs a seconder before it is voted." : "This amendment is not waiting for a vote.");
        if (!MotionText.Applies(await TextAsync(db, m, ct), a))
        {
            await db.Amendments.Where(x => x.Id == a.Id && x.Status == AmendmentStatus.Seconded)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.Lapsed).SetProperty(x => x.DecidedUtc, now), ct);
            return Failure.Conflict("The paragraph this amendment changes was amended since; the amendment has lapsed.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Amendments.Where(x => x.Id == a.Id && x.Status == AmendmentStatus.Seconded)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, AmendmentStatus.Voting), ct);
        if (moved == 0) return Failure.Conflict("This amendment is not waiting for a vote.");
        var vote = await OpenVoteAsync(db, m.Id, a.Id, input.Method, me.PersonId, now, ct);
        if (!vote.Ok) return vote.Failure!;
        await tx.CommitAsync(ct);
        return vote;
    }

    static async Task<(Motion?, MotionVote?)> LoadVoteAsync(AppDbContext db, int orgId, int id, int voteId, CancellationToken ct)
    {
        var m = await FindAsync(db, orgId, id, ct);
        if (m is null) return (null, null);
        return (m, await db.MotionVotes.AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId && v.MotionId == id, ct));
    }

    /// One ballot per member and vote (a unique index), changeable until the vote closes. The vote row is touched first in
    /// the same transaction: its lock orders every ballot before or after the close, never in between.
    public static async Task<Outcome<MotionAnswer>> CastAsync(AppDbContext db, int orgId, int id, int voteId, Membership me, BallotInput input, DateTime now, CancellationToken ct)
    {
        if (input.Answer is not { } answer || !Enum.IsDefined(answer)) return Failure.Invalid("Vote for, against or abstain.", "answer");
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

    public static async Task<Outcome<MotionVote>> CloseVoteAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, int orgId, int id, int voteId,
        Membership me, CloseVoteInput input, DateTime now, CancellationToken ct)
    {
        var (m, v) = await LoadVoteAsync(db, orgId, id, voteId, ct);
        if (m is null || v is null) return Failure.NotFound("No such vote.");
        if (!DeliberationPermissions.CanChair(me)) return Failure.Forbidden("Only the chair (an organizer or admin) closes a vote.");
        if (v.Status != VoteStatus.Open) return Failure.Conflict("This vote is closed already.");
        var hands = new[] { input.For, input.Against, input.Abstain };
        if (v.Method == VoteMethod.ShowOfHands && hands.Any(h => h is null)) return Failure.Invalid("Enter the counts for, against and abstaining.", "for");
        if (v.Method == VoteMethod.Electronic && hands.Any(h => h is not null)) return Failure.Invalid("An electronic vote is counted from its ballots; enter no counts.", "for");
        if (hands.Any(h => h < 0)) return Failure.Invalid("Counts cannot be negative.", "for");
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("The motion's text changed at the same moment; close the vote again.");
        }
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
