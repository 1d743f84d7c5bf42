using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

public static class MotionsApi
{
    public static void MapMotionsApi(this IEndpointRouteBuilder app)
    {
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
    }

    static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    static async Task<Members.Membership> MeAsync(int orgId, OrgAccess access, CancellationToken ct) => (await access.LoadAsync(orgId, ct)).Membership!;

    static async Task<Results<Ok<List<MotionSummary>>, ProblemHttpResult>> ListMotions(int orgId, string? status, AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        MotionStatus? s = null;
        if (status is not null)
        {
            if (!Enum.TryParse<MotionStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Failure.Invalid("Unknown status.", "status").ToProblem();
            s = parsed;
        }
        return TypedResults.Ok(await MotionQueries.ListAsync(db, orgId, s, L, ct));
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> View(int orgId, int motionId, AppDbContext db, Members.Membership me, IStringLocalizer L, CancellationToken ct)
    {
        var r = await MotionQueries.GetAsync(db, orgId, motionId, me, L, ct);
        return r.Ok ? TypedResults.Ok(r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Created<MotionView>, ProblemHttpResult>> CreateMotion(int orgId, MotionInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        var r = await ProposeMotion.ProposeAsync(db, orgId, me, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Created($"/api/v1/organizations/{orgId}/motions/{r.Value!.Id}", (await MotionQueries.GetAsync(db, orgId, r.Value.Id, me, L, ct)).Value);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> GetMotion(int orgId, int motionId, AppDbContext db, OrgAccess access, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await View(orgId, motionId, db, await MeAsync(orgId, access, ct), L, ct);

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> Then<T>(Outcome<T> r, int orgId, int motionId, AppDbContext db, Members.Membership me, IStringLocalizer L, CancellationToken ct) =>
        r.Ok ? await View(orgId, motionId, db, me, L, ct) : r.Failure!.ToProblem();

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> SecondMotion(int orgId, int motionId, AppDbContext db, OrgAccess access, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await MotionLifecycle.SecondAsync(db, orgId, motionId, me, ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> AdvanceMotion(int orgId, int motionId, AdvanceInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await MotionLifecycle.AdvanceAsync(db, orgId, motionId, me, input, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> WithdrawMotion(int orgId, int motionId, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await MotionLifecycle.WithdrawAsync(db, orgId, motionId, me, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Created<MotionView>, ProblemHttpResult>> ProposeAmendment(int orgId, int motionId, AmendmentInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        var r = await AmendMotion.ProposeAsync(db, orgId, motionId, me, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Created($"/api/v1/organizations/{orgId}/motions/{motionId}", (await MotionQueries.GetAsync(db, orgId, motionId, me, L, ct)).Value);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> SecondAmendment(int orgId, int motionId, int amendmentId, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await AmendMotion.SecondAsync(db, orgId, motionId, amendmentId, me, ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> WithdrawAmendment(int orgId, int motionId, int amendmentId, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await AmendMotion.WithdrawAsync(db, orgId, motionId, amendmentId, me, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> OpenAmendmentVote(int orgId, int motionId, int amendmentId, OpenVoteInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await AmendMotion.OpenVoteAsync(db, orgId, motionId, amendmentId, me, input, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> VoteOnMotion(int orgId, int motionId, int voteId, BallotInput input, AppDbContext db, OrgAccess access,
        IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await MotionVoting.CastAsync(db, orgId, motionId, voteId, me, input, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }

    static async Task<Results<Ok<MotionView>, ProblemHttpResult>> CloseMotionVote(int orgId, int motionId, int voteId, CloseVoteInput input, AppDbContext db, OrgAccess access,
        Notifier notifier, IStringLocalizer<SharedResource> L, TimeProvider clock, CancellationToken ct)
    {
        var me = await MeAsync(orgId, access, ct);
        return await Then(await MotionVoting.CloseAsync(db, notifier, L, orgId, motionId, voteId, me, input, Now(clock), ct), orgId, motionId, db, me, L, ct);
    }
}
