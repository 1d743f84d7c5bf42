using Groundwork.Accounts;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

public static class DiscussionsApi
{
    public static void MapDiscussionsApi(this IEndpointRouteBuilder app)
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
    }

    static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    static async Task<Viewer> ViewerAsync(int orgId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        // The policy let only active members through.
        return (await DiscussionQueries.ViewerAsync(db, me, ct))!;
    }

    static async Task<Ok<DiscussionPage>> ListDiscussions(int orgId, int? page, int? unitId, AppDbContext db, OrgAccess access, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        TypedResults.Ok(await DiscussionQueries.ListAsync(db, orgId, await ViewerAsync(orgId, db, access, ct), page ?? 1, unitId, L, ct));

    static async Task<Results<Created<DiscussionView>, ProblemHttpResult>> CreateDiscussion(int orgId, DiscussionInput input, AppDbContext db, OrgAccess access,
        Notifier notifier, IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var v = await ViewerAsync(orgId, db, access, ct);
        var r = await StartDiscussion.StartAsync(db, notifier, L, orgId, v, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var view = await DiscussionQueries.GetAsync(db, orgId, r.Value!.Id, v, 1, L, ct);
        return TypedResults.Created($"/api/v1/organizations/{orgId}/discussions/{r.Value.Id}", view.Value);
    }

    static async Task<Results<Ok<DiscussionView>, ProblemHttpResult>> GetDiscussion(int orgId, int discussionId, int? page, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await DiscussionQueries.GetAsync(db, orgId, discussionId, await ViewerAsync(orgId, db, access, ct), page ?? 1, L, ct);
        return r.Ok ? TypedResults.Ok(r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Created<PostView>, ProblemHttpResult>> PostReply(int orgId, int discussionId, ReplyInput input, AppDbContext db, OrgAccess access,
        Notifier notifier, IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var v = await ViewerAsync(orgId, db, access, ct);
        var r = await ReplyToDiscussion.ReplyAsync(db, notifier, L, orgId, discussionId, v, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var name = (await DisplayNames.LoadAsync(db, [v.PersonId], ct)).Find(v.PersonId) ?? "";
        return TypedResults.Created($"/api/v1/organizations/{orgId}/discussions/{discussionId}", PostOf(r.Value!, v) with { AuthorName = name });
    }

    static PostView PostOf(Post p, Viewer v) => new(p.Id, p.AuthorId, "", p.ReplyToId, p.IsOpening, p.DeletedUtc is not null,
        p.DeletedUtc is null ? p.Body : "", p.DeletedUtc is null ? Markdown.ToSafeHtml(p.Body) : "", p.CreatedUtc, p.EditedUtc, p.Revision,
        p.DeletedUtc is null && p.AuthorId == v.PersonId, p.DeletedUtc is null && p.AuthorId == v.PersonId);

    static async Task<Results<Ok<PostView>, ProblemHttpResult>> EditPost(int orgId, int discussionId, int postId, EditPostInput input, AppDbContext db, OrgAccess access,
        Notifier notifier, IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var v = await ViewerAsync(orgId, db, access, ct);
        var r = await ChangePost.EditAsync(db, notifier, L, orgId, discussionId, postId, v, input, Now(clock), ct);
        return r.Ok ? TypedResults.Ok(PostOf(r.Value!, v)) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeletePost(int orgId, int discussionId, int postId, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var r = await ChangePost.DeleteAsync(db, orgId, discussionId, postId, await ViewerAsync(orgId, db, access, ct), Now(clock), ct);
        return r.Ok ? TypedResults.NoContent() : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<List<PostRevisionView>>, ProblemHttpResult>> GetPostHistory(int orgId, int discussionId, int postId, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await DiscussionQueries.HistoryAsync(db, orgId, discussionId, postId, await ViewerAsync(orgId, db, access, ct), L, ct);
        return r.Ok ? TypedResults.Ok(r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<DiscussionView>, ProblemHttpResult>> ModerateDiscussion(int orgId, int discussionId, ModerationInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var v = await ViewerAsync(orgId, db, access, ct);
        var r = await DiscussionModeration.ModerateAsync(db, orgId, discussionId, v, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Ok((await DiscussionQueries.GetAsync(db, orgId, discussionId, v, 1, L, ct)).Value);
    }
}
