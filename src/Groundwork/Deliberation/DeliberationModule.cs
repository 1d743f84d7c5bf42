using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

/// Discussions and motions with amendments: the services and endpoints this capability adds to the app.
public static class DeliberationModule
{
    public static IServiceCollection AddDeliberation(this IServiceCollection services, IConfiguration config) => services;

    public static WebApplication MapDeliberation(this WebApplication app)
    {
        var d = app.MapGroup("/api/v1/organizations/{orgId:int}/discussions").WithTags("Discussions").RequireAuthorization(Policies.OrgMember);
        d.MapGet("/", ListDiscussions).WithName("ListDiscussions");
        d.MapPost("/", CreateDiscussion).WithName("CreateDiscussion");
        d.MapGet("/{discussionId:int}", GetDiscussion).WithName("GetDiscussion");
        d.MapPost("/{discussionId:int}/replies", PostReply).WithName("PostReply");
        d.MapPut("/{discussionId:int}/posts/{postId:int}", EditPost).WithName("EditPost");
        d.MapDelete("/{discussionId:int}/posts/{postId:int}", DeletePost).WithName("DeletePost");
        d.MapGet("/{discussionId:int}/posts/{postId:int}/history", GetPostHistory).WithName("GetPostHistory");
        d.MapPost("/{discussionId:int}/moderation", ModerateDiscussion).WithName("ModerateDiscussion").RequireAuthorization(Policies.OrgOrganizer);

        var m = app.MapGroup("/api/v1/organizations/{orgId:int}/motions").WithTags("Motions").RequireAuthorization(Policies.OrgMember);
        m.MapGet("/", ListMotions).WithName("ListMotions");
        m.MapPost("/", CreateMotion).WithName("CreateMotion");
        m.MapGet("/{motionId:int}", GetMotion).WithName("GetMotion");
        m.MapPost("/{motionId:int}/second", SecondMotion).WithName("SecondMotion");
        m.MapPost("/{motionId:int}/advance", AdvanceMotion).WithName("AdvanceMotion").RequireAuthorization(Policies.OrgOrganizer);
        m.MapPost("/{motionId:int}/withdraw", WithdrawMotion).WithName("WithdrawMotion");
        m.MapPost("/{motionId:int}/amendments", ProposeAmendment).WithName("ProposeAmendment");
        m.MapPost("/{motionId:int}/amendments/{amendmentId:int}/second", SecondAmendment).WithName("SecondAmendment");
        m.MapPost("/{motionId:int}/amendments/{amendmentId:int}/withdraw", WithdrawAmendment).WithName("WithdrawAmendment");
        m.MapPost("/{motionId:int}/amendments/{amendmentId:int}/vote", OpenAmendmentVote).WithName("OpenAmendmentVote").RequireAuthorization(Policies.OrgOrganizer);
        m.MapPost("/{motionId:int}/votes/{voteId:int}/ballot", VoteOnMotion).WithName("VoteOnMotion");
        m.MapPost("/{motionId:int}/votes/{voteId:int}/close", CloseMotionVote).WithName("CloseMotionVote").RequireAuthorization(Policies.OrgOrganizer);
        return app;
    }

    static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    static async Task<Viewer> ViewerAsync(int orgId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        // The policy let only active members through.
        return (await Discussions.ViewerAsync(db, me, ct))!;
    }

    static async Task<Members.Membership> MeAsync(int orgId, OrgAccess access, CancellationToken ct) => (await access.LoadAsync(orgId, ct)).Membership!;

    static async Task<Ok<DiscussionPage>> ListDiscussions(int orgId, int? page, int? unitId, AppDbContext db, OrgAccess access, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        TypedResults.Ok(await Discussions.ListAsync(db, orgId, await ViewerAsync(orgId, db, access, ct), page ?? 1, unitId, L, ct));

    static async Task<Results<Created<DiscussionView>, ProblemHttpResult>> CreateDiscussion(int orgId, DiscussionInput input, AppDbContext db, OrgAccess access,
        Notifier notifier, IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var v = await ViewerAsync(orgId, db, access, ct);
        var r = await Discussions.CreateAsync(db, notifier, L, orgId, v, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var view = await Discussions.GetAsync(db, orgId, r.Value!.Id, v, 1, L, ct);
        return TypedResults.Created($"/api/v1/organizations/{orgId}/discussions/{r.Value.Id}", view.Value);
    }

    static async Task<Results<Ok<DiscussionView>, ProblemHttpResult>> GetDiscussion(int orgId, int discussionId, int? page, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await Discussions.GetAsync(db, orgId, discussionId, await ViewerAsync(orgId, db, access, ct), page ?? 1, L, ct);
        return r.Ok ? TypedResults.Ok(r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Created<PostView>, ProblemHttpResult>> PostReply(int orgId, int discussionId, ReplyInput input, AppDbContext db, OrgAccess access,
        Notifier notifier, IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var v = await ViewerAsync(orgId, db, access, ct);
        var r = await Discussions.ReplyAsync(db, notifier, L, orgId, discussionId, v, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var name = (await Discussions.NamesAsync(db, [v.PersonId], ct)).GetValueOrDefault(v.PersonId) ?? "";
        return TypedResults.Created($"/api/v1/organizations/{orgId}/discussions/{discussionId}", PostOf(r.Value!, v) with { AuthorName = name });
    }

    static PostView PostOf(Post p, Viewer v) => new(p.Id, p.AuthorId, "", p.ReplyToId, p.IsOpening, p.DeletedUtc is not null,
        p.DeletedUtc is null ? p.Body : "", p.DeletedUtc is null ? Markdown.ToSafeHtml(p.Body) : "", p.CreatedUtc, p.EditedUtc, p.Revision,
        p.DeletedUtc is null && p.AuthorId == v.PersonId, p.DeletedUtc is null && p.AuthorId == v.PersonId);

    static async Task<Results<Ok<PostView>, ProblemHttpResult>> EditPost(int orgId, int discussionId, int postId, EditPostInput input, AppDbContext db, OrgAccess access,
        Notifier notifier, IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var v = await ViewerAsync(orgId, db, access, ct);
        var r = await Discussions.EditAsync(db, notifier, L, orgId, discussionId, postId, v, input, Now(clock), ct);
        return r.Ok ? TypedResults.Ok(PostOf(r.Value!, v)) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeletePost(int orgId, int discussionId, int postId, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var r = await Discussions.DeleteAsync(db, orgId, discussionId, postId, await ViewerAsync(orgId, db, access, ct), Now(clock), ct);
        return r.Ok ? TypedResults.NoContent() : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<List<PostRevisionView>>, ProblemHttpResult>> GetPostHistory(int orgId, int discussionId, int postId, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await Discussions.HistoryAsync(db, orgId, discussionId, postId, await ViewerAsync(orgId, db, access, ct), L, ct);
        return r.Ok ? TypedResults.Ok(r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<DiscussionView>, ProblemHttpResult>> ModerateDiscussion(int orgId, int discussionId, ModerationInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var v = await ViewerAsync(orgId, db, access, ct);
        var r = await Discussions.ModerateAsync(db, orgId, discussionId, v, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Ok((await Discussions.GetAsync(db, orgId, discussionId, v, 1, L, ct)).Value);
    }

    static async Task<Results<Ok<List<MotionSummary>>, ProblemHttpResult>> ListMotions(int orgId, string? status, AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        MotionStatus? s = null;
        if (status is not null)
        {
            if (!Enum.TryParse<MotionStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Failure.Invalid("Unknown status.", "status").ToProblem();
            s = parsed;
        }
        return TypedResults.Ok(await Motions.ListAsync(db, orgId, s, L, ct));
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> View(int orgId, int motionId, AppDbContext db, Members.Membership me, IStringLocalizer L, CancellationToken ct)
    {
        var r = await Motions.GetAsync(db, orgId, motionId, me, L, ct);
        return r.Ok ? TypedResults.Ok(r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Created<MotionView>, ProblemHttpResult>> CreateMotion(int orgId, MotionInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        var r = await Motions.CreateAsync(db, orgId, me, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Created($"/api/v1/organizations/{orgId}/motions/{r.Value!.Id}", (await Motions.GetAsync(db, orgId, r.Value.Id, me, L, ct)).Value);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> GetMotion(int orgId, int motionId, AppDbContext db, OrgAccess access, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await View(orgId, motionId, db, await MeAsync(orgId, access, ct), L, ct);

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> Then<T>(Outcome<T> r, int orgId, int motionId, AppDbContext db, Members.Membership me, IStringLocalizer L, CancellationToken ct) =>
        r.Ok ? await View(orgId, motionId, db, me, L, ct) : r.Failure!.ToProblem();

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> SecondMotion(int orgId, int motionId, AppDbContext db, OrgAccess access, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await Motions.SecondAsync(db, orgId, motionId, me, ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> AdvanceMotion(int orgId, int motionId, AdvanceInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await Motions.AdvanceAsync(db, orgId, motionId, me, input, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> WithdrawMotion(int orgId, int motionId, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await Motions.WithdrawAsync(db, orgId, motionId, me, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Created<MotionView>, ProblemHttpResult>> ProposeAmendment(int orgId, int motionId, AmendmentInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        var r = await Motions.ProposeAmendmentAsync(db, orgId, motionId, me, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Created($"/api/v1/organizations/{orgId}/motions/{motionId}", (await Motions.GetAsync(db, orgId, motionId, me, L, ct)).Value);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> SecondAmendment(int orgId, int motionId, int amendmentId, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await Motions.SecondAmendmentAsync(db, orgId, motionId, amendmentId, me, ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> WithdrawAmendment(int orgId, int motionId, int amendmentId, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await Motions.WithdrawAmendmentAsync(db, orgId, motionId, amendmentId, me, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> OpenAmendmentVote(int orgId, int motionId, int amendmentId, OpenVoteInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await Motions.OpenAmendmentVoteAsync(db, orgId, motionId, amendmentId, me, input, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> VoteOnMotion(int orgId, int motionId, int voteId, BallotInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await Motions.CastAsync(db, orgId, motionId, voteId, me, input, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> CloseMotionVote(int orgId, int motionId, int voteId, CloseVoteInput input, AppDbContext db, OrgAccess access,
        Notifier notifier, IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await Motions.CloseVoteAsync(db, notifier, L, orgId, motionId, voteId, me, input, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }
}
