using Groundwork.Auth;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Decisions;

public static class DecisionsApi
{
    public static void MapDecisionsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/organizations/{orgId:int}/polls").WithTags("Decisions");
        g.MapGet("/", List).WithName("ListPolls").RequireAuthorization(Policies.OrgMember);
        g.MapPost("/", Create).WithName("CreatePoll").RequireAuthorization(Policies.OrgOrganizer);
        g.MapGet("/{pollId:int}", Get).WithName("GetPoll").RequireAuthorization(Policies.OrgMember);
        g.MapPatch("/{pollId:int}", Update).WithName("UpdatePoll").RequireAuthorization(Policies.OrgOrganizer);
        g.MapPost("/{pollId:int}/open", Open).WithName("OpenPoll").RequireAuthorization(Policies.OrgOrganizer);
        g.MapPost("/{pollId:int}/close", Close).WithName("ClosePoll").RequireAuthorization(Policies.OrgOrganizer);
        g.MapPost("/{pollId:int}/votes", Cast).WithName("CastVote").RequireAuthorization(Policies.OrgMember);
        g.MapGet("/{pollId:int}/results", Results).WithName("GetPollResults").RequireAuthorization(Policies.OrgMember);
        g.MapGet("/{pollId:int}/board", Board).WithName("GetBallotBoard").RequireAuthorization(Policies.OrgMember);
        g.MapPost("/{pollId:int}/nominations", Nominate).WithName("Nominate").RequireAuthorization(Policies.OrgMember);
        g.MapPost("/{pollId:int}/nominations/{nominationId:int}/answer", Answer).WithName("AcceptNomination").RequireAuthorization(Policies.OrgMember);
    }

    static async Task<Ok<List<PollSummary>>> List(int orgId, PollQueries polls, CancellationToken ct) =>
        TypedResults.Ok(await polls.ListAsync(orgId, ct));

    static async Task<Results<Created<PollView>, ProblemHttpResult>> Create(int orgId, CreatePollInput input, CreatePoll create, PollQueries polls, OrgAccess access, HttpContext http, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        var r = await create.CreateAsync(orgId, me!, input, ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var poll = (await polls.FindAsync(orgId, r.Value!.Id, ct))!;
        return TypedResults.Created($"/api/v1/organizations/{orgId}/polls/{poll.Id}", await polls.ViewAsync(poll, http.User.PersonId()!, ct));
    }

    static async Task<Results<Ok<PollView>, ProblemHttpResult>> Get(int orgId, int pollId, PollQueries polls, HttpContext http, CancellationToken ct) =>
        await polls.FindAsync(orgId, pollId, ct) is { } poll ? TypedResults.Ok(await polls.ViewAsync(poll, http.User.PersonId()!, ct)) : Failure.NotFound().ToProblem();

    static async Task<Results<Ok<PollView>, ProblemHttpResult>> Update(int orgId, int pollId, UpdatePollInput input, UpdatePoll update, PollQueries polls, OrgAccess access, HttpContext http, CancellationToken ct)
    {
        if (await Managed(orgId, pollId, polls, access, ct) is { Failure: { } f }) return f.ToProblem();
        var poll = (await polls.FindAsync(orgId, pollId, ct))!;
        var r = await update.UpdateAsync(poll, input, ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Ok(await polls.ViewAsync((await polls.FindAsync(orgId, pollId, ct))!, http.User.PersonId()!, ct));
    }

    static async Task<Results<Ok<PollView>, ProblemHttpResult>> Open(int orgId, int pollId, PollLifecycle lifecycle, PollQueries polls, OrgAccess access, HttpContext http, CancellationToken ct)
    {
        if (await Managed(orgId, pollId, polls, access, ct) is { Failure: { } f }) return f.ToProblem();
        var r = await lifecycle.OpenAsync(pollId, ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Ok(await polls.ViewAsync((await polls.FindAsync(orgId, pollId, ct))!, http.User.PersonId()!, ct));
    }

    static async Task<Results<Ok<PollResult>, ProblemHttpResult>> Close(int orgId, int pollId, PollLifecycle lifecycle, PollQueries polls, OrgAccess access, HttpContext http, CancellationToken ct)
    {
        if (await Managed(orgId, pollId, polls, access, ct) is { Failure: { } f }) return f.ToProblem();
        var r = await lifecycle.CloseAsync(pollId, http.User.PersonId(), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var poll = (await polls.FindAsync(orgId, pollId, ct))!;
        var shown = await polls.ResultsAsync(poll, ct);
        // A secret ballot with too few ballots closes, but its result stays unpublished.
        return shown.Ok ? TypedResults.Ok(shown.Value!) : shown.Failure!.ToProblem();
    }

    static async Task<Outcome<bool>> Managed(int orgId, int pollId, PollQueries polls, OrgAccess access, CancellationToken ct)
    {
        var poll = await polls.FindAsync(orgId, pollId, ct);
        if (poll is null) return Failure.NotFound();
        var (_, me) = await access.LoadAsync(orgId, ct);
        return DecisionPermissions.CanManage(me, poll) ? true : Failure.Forbidden("Only the poll's author or an unscoped organizer can do this.");
    }

    static async Task<Results<Created<CastVoteResult>, ProblemHttpResult>> Cast(int orgId, int pollId, VoteInput input, CastVote cast, HttpContext http, CancellationToken ct)
    {
        var r = await cast.CastAsync(orgId, pollId, http.User.PersonId()!, input, ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/polls/{pollId}", r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<PollResult>, ProblemHttpResult>> Results(int orgId, int pollId, PollQueries polls, CancellationToken ct)
    {
        if (await polls.FindAsync(orgId, pollId, ct) is not { } poll) return Failure.NotFound().ToProblem();
        var r = await polls.ResultsAsync(poll, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    /// The board as a `tally` JSON ballot file: `tally --method M --seed S --json board.json` gives the published result.
    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Board(int orgId, int pollId, PollQueries polls, CancellationToken ct)
    {
        if (await polls.FindAsync(orgId, pollId, ct) is not { } poll) return Failure.NotFound().ToProblem();
        var r = await polls.BoardAsync(poll, ct);
        return r.Ok ? TypedResults.File(r.Value!, "application/json", $"poll-{pollId}-board.json") : r.Failure!.ToProblem();
    }

    static async Task<Results<Created<NominationView>, ProblemHttpResult>> Nominate(int orgId, int pollId, NominateInput input, NominateCandidate nominate, PollQueries polls, HttpContext http, CancellationToken ct)
    {
        if (await polls.FindAsync(orgId, pollId, ct) is not { } poll) return Failure.NotFound().ToProblem();
        var r = await nominate.NominateAsync(poll, http.User.PersonId()!, input, ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var n = r.Value!;
        return TypedResults.Created($"/api/v1/organizations/{orgId}/polls/{pollId}",
            new NominationView(n.Id, n.NomineeId, "", n.Statement, n.Status, n.NomineeId == n.NominatedById));
    }

    static async Task<Results<Ok<NominationView>, ProblemHttpResult>> Answer(int orgId, int pollId, int nominationId, AcceptNominationInput input, AnswerNomination answer, PollQueries polls, HttpContext http, CancellationToken ct)
    {
        if (await polls.FindAsync(orgId, pollId, ct) is not { } poll) return Failure.NotFound().ToProblem();
        var r = await answer.AnswerAsync(poll, nominationId, http.User.PersonId()!, input, ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var n = r.Value!;
        return TypedResults.Ok(new NominationView(n.Id, n.NomineeId, "", n.Statement, n.Status, n.NomineeId == n.NominatedById));
    }
}
