using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Groundwork.Pledges;

public static class PledgesApi
{
    public static void MapPledgesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/organizations/{orgId:int}/pledges").WithTags("Pledges");
        g.MapGet("/", List).WithName("ListPledges").RequireAuthorization(Policies.OrgMember);
        g.MapPost("/", Create).WithName("CreatePledge").RequireAuthorization(Policies.OrgOrganizer);
        g.MapGet("/{pledgeId:int}", Get).WithName("GetPledge").RequireAuthorization(Policies.OrgMember);
        g.MapPost("/{pledgeId:int}/signatures", Sign).WithName("SignPledge").RequireAuthorization(Policies.OrgMember);
        g.MapGet("/{pledgeId:int}/signatures/mine", Mine).WithName("GetMySignature").RequireAuthorization(Policies.OrgMember);
        g.MapDelete("/{pledgeId:int}/signatures/mine", Withdraw).WithName("WithdrawSignature").RequireAuthorization(Policies.OrgMember);
        g.MapPost("/{pledgeId:int}/cancel", Cancel).WithName("CancelPledge").RequireAuthorization(Policies.OrgOrganizer);
        g.MapPost("/{pledgeId:int}/follow-through", FollowThrough).WithName("ReportFollowThrough").RequireAuthorization(Policies.OrgMember);
        g.MapGet("/{pledgeId:int}/signers", Signers).WithName("ListPledgeSigners").RequireAuthorization(Policies.OrgOrganizer);

        // Public pledges: anyone may read the counts and sign with a confirmed email address. A pledge that is not
        // public is not found here, whatever its id or slug.
        var pub = app.MapGroup("/api/v1/public/pledges").WithTags("Pledges").AllowAnonymous();
        pub.MapGet("/{slug}", GetPublic).WithName("GetPublicPledge");
        pub.MapPost("/{slug}/signatures", SignPublic).WithName("SignPublicPledge").RequireRateLimiting(PledgesModule.PublicSignLimit);
        pub.MapPost("/confirmations", Confirm).WithName("ConfirmPublicSignature");
    }

    static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    static Func<string, string> Localize(IStringLocalizer<SharedResource> L) => s => L[s];

    static async Task<Ok<List<PledgeSummary>>> List(int orgId, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await PledgeQueries.ListAsync(db, orgId, ct));

    static async Task<Results<Created<PledgeView>, ProblemHttpResult>> Create(int orgId, CreatePledgeInput input, AppDbContext db, SealedKeys keys,
        HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await StartPledge.CreateAsync(db, keys, orgId, http.User.PersonId()!, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Created($"/api/v1/organizations/{orgId}/pledges/{r.Value!.Id}", await PledgeQueries.ViewAsync(db, r.Value, Localize(L), ct));
    }

    static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> Get(int orgId, int pledgeId, AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await PledgeQueries.FindAsync(db, orgId, pledgeId, ct) is { } p
            ? TypedResults.Ok(await PledgeQueries.ViewAsync(db, p, Localize(L), ct))
            : Failure.NotFound().ToProblem();

    static async Task<Results<Created<PledgeView>, ProblemHttpResult>> Sign(int orgId, int pledgeId, SignPledgeInput input, AppDbContext db, SealedKeys keys,
        PledgeSignQueue queue, PledgeActivation activation, OrgAccess access, HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        var r = await SignPledge.SignAsync(db, keys, queue, activation, orgId, pledgeId, http.User.PersonId()!, input, Now(clock), ct, me);
        if (!r.Ok) return r.Failure!.ToProblem();
        // The signature is committed and activation checked (by the queue for its batch, or by SignAsync). The counts come
        // with the answer, read once for the whole batch; the names from the pledge's entry in memory.
        var location = $"/api/v1/organizations/{orgId}/pledges/{pledgeId}/signatures/mine";
        if (r.Value!.After is { } after && await queue.Pledges.GetAsync(db, pledgeId, ct) is { } info)
            return TypedResults.Created(location, PledgeQueries.BuildView(after.Pledge, after.Tallies, info.OrganizationNames, info.UnitNames, Localize(L)));
        var p = await PledgeQueries.FindAsync(db, orgId, pledgeId, ct);
        return TypedResults.Created(location, await PledgeQueries.ViewAsync(db, p!, Localize(L), ct));
    }

    static async Task<Results<Ok<MySignatureView>, ProblemHttpResult>> Mine(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, HttpContext http, CancellationToken ct) =>
        await PledgeQueries.FindAsync(db, orgId, pledgeId, ct) is { } p
            ? TypedResults.Ok(await PledgeQueries.MySignatureAsync(db, keys, p, http.User.PersonId()!, ct))
            : Failure.NotFound().ToProblem();

    static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, PledgeActivation activation,
        HttpContext http, CancellationToken ct)
    {
        var r = await SignPledge.WithdrawAsync(db, keys, activation, orgId, pledgeId, http.User.PersonId()!, ct);
        return r.Ok ? TypedResults.NoContent() : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> Cancel(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, OrgAccess access,
        TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        var r = await PledgeLifecycle.CancelAsync(db, keys, orgId, pledgeId, me, Now(clock), ct);
        return r.Ok ? TypedResults.Ok(await PledgeQueries.ViewAsync(db, r.Value!, Localize(L), ct)) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> FollowThrough(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var r = await PledgeLifecycle.ReportFollowThroughAsync(db, keys, orgId, pledgeId, http.User.PersonId()!, Now(clock), ct);
        return r.Ok ? TypedResults.NoContent() : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<List<SignerView>>, ProblemHttpResult>> Signers(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, OrgAccess access,
        TimeProvider clock, CancellationToken ct)
    {
        var p = await PledgeQueries.FindAsync(db, orgId, pledgeId, ct);
        if (p is null) return Failure.NotFound().ToProblem();
        var (_, me) = await access.LoadAsync(orgId, ct);
        var r = await PledgeQueries.SignersAsync(db, keys, p, me, Now(clock), ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> GetPublic(string slug, AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await PledgeQueries.FindPublicAsync(db, slug, ct) is { } p
            ? TypedResults.Ok(await PledgeQueries.ViewAsync(db, p, Localize(L), ct))
            : Failure.NotFound().ToProblem();

    static async Task<Results<Accepted<PublicSignAccepted>, ProblemHttpResult>> SignPublic(string slug, PublicSignInput input, AppDbContext db, SealedKeys keys,
        PledgeActivation activation, InstanceOptions instance, HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var f = await PublicSigning.RequestAsync(db, keys, activation, instance.LinkRoot(http.Request), slug, input, Now(clock), ct);
        return f is not null ? f.ToProblem() : TypedResults.Accepted((string?)null, new PublicSignAccepted(L["Check your email: the signature counts once you open the link we sent."]));
    }

    static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> Confirm(ConfirmSignatureInput input, AppDbContext db, PledgeSignQueue queue, PledgeActivation activation,
        TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await PublicSigning.ConfirmAsync(db, queue, activation, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var p = (await PledgeQueries.FindPublicAsync(db, r.Value!.PublicSlug!, ct))!;
        return TypedResults.Ok(await PledgeQueries.ViewAsync(db, p, Localize(L), ct));
    }
}
