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
        TypedResults.Ok(await PledgeRules.ListAsync(db, orgId, ct));

    static async Task<Results<Created<PledgeView>, ProblemHttpResult>> Create(int orgId, CreatePledgeInput input, AppDbContext db, SealedKeys keys,
        HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await PledgeRules.CreateAsync(db, keys, orgId, http.User.PersonId()!, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        return TypedResults.Created($"/api/v1/organizations/{orgId}/pledges/{r.Value!.Id}", await PledgeRules.ViewAsync(db, r.Value, Localize(L), ct));
    }

    static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> Get(int orgId, int pledgeId, AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await PledgeRules.FindAsync(db, orgId, pledgeId, ct) is { } p
            ? TypedResults.Ok(await PledgeRules.ViewAsync(db, p, Localize(L), ct))
            : Failure.NotFound().ToProblem();

    static async Task<Results<Created<PledgeView>, ProblemHttpResult>> Sign(int orgId, int pledgeId, SignPledgeInput input, AppDbContext db, SealedKeys keys,
        PledgeSignQueue queue, PledgeActivation activation, OrgAccess access, HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        var r = await PledgeRules.SignAsync(db, keys, queue, orgId, pledgeId, http.User.PersonId()!, input, Now(clock), ct, me);
        if (!r.Ok) return r.Failure!.ToProblem();
        // The signature is committed and the queue has checked activation for its batch. The counts come with the answer,
        // read once for the whole batch; the names from the pledge's entry in memory.
        var location = $"/api/v1/organizations/{orgId}/pledges/{pledgeId}/signatures/mine";
        if (r.Value!.After is { } after && await queue.Pledges.GetAsync(db, pledgeId, ct) is { } info)
            return TypedResults.Created(location, PledgeRules.BuildView(after.Pledge, after.Tallies, info.OrganizationNames, info.UnitNames, Localize(L)));
        await activation.AfterChangeAsync(pledgeId, CancellationToken.None);
        var p = await PledgeRules.FindAsync(db, orgId, pledgeId, ct);
        return TypedResults.Created(location, await PledgeRules.ViewAsync(db, p!, Localize(L), ct));
    }

    static async Task<Results<Ok<MySignatureView>, ProblemHttpResult>> Mine(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, HttpContext http, CancellationToken ct) =>
        await PledgeRules.FindAsync(db, orgId, pledgeId, ct) is { } p
            ? TypedResults.Ok(await PledgeRules.MySignatureAsync(db, keys, p, http.User.PersonId()!, ct))
            : Failure.NotFound().ToProblem();

    static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, PledgeActivation activation,
        HttpContext http, CancellationToken ct)
    {
        var r = await PledgeRules.WithdrawAsync(db, keys, orgId, pledgeId, http.User.PersonId()!, ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        await activation.AfterChangeAsync(pledgeId, CancellationToken.None);
        return TypedResults.NoContent();
    }

    static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> Cancel(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, OrgAccess access,
        TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        var r = await PledgeRules.CancelAsync(db, keys, orgId, pledgeId, me, Now(clock), ct);
        return r.Ok ? TypedResults.Ok(await PledgeRules.ViewAsync(db, r.Value!, Localize(L), ct)) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> FollowThrough(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var r = await PledgeRules.ReportFollowThroughAsync(db, keys, orgId, pledgeId, http.User.PersonId()!, Now(clock), ct);
        return r.Ok ? TypedResults.NoContent() : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<List<SignerView>>, ProblemHttpResult>> Signers(int orgId, int pledgeId, AppDbContext db, SealedKeys keys, OrgAccess access,
        TimeProvider clock, CancellationToken ct)
    {
        var p = await PledgeRules.FindAsync(db, orgId, pledgeId, ct);
        if (p is null) return Failure.NotFound().ToProblem();
        var (_, me) = await access.LoadAsync(orgId, ct);
        var r = await PledgeRules.SignersAsync(db, keys, p, me, Now(clock), ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> GetPublic(string slug, AppDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        await PledgeRules.FindPublicAsync(db, slug, ct) is { } p
            ? TypedResults.Ok(await PledgeRules.ViewAsync(db, p, Localize(L), ct))
            : Failure.NotFound().ToProblem();

    static async Task<Results<Accepted<PublicSignAccepted>, ProblemHttpResult>> SignPublic(string slug, PublicSignInput input, AppDbContext db, SealedKeys keys,
        PledgeActivation activation, InstanceOptions instance, HttpContext http, TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await RequestAsync(slug, input, db, keys, activation, instance, http, clock, ct);
        return r is { } f ? f.ToProblem() : TypedResults.Accepted((string?)null, new PublicSignAccepted(L["Check your email: the signature counts once you open the link we sent."]));
    }

    /// Shared by the API and the public page: records the request and emails the link (null when all went well).
    public static async Task<Failure?> RequestAsync(string slug, PublicSignInput input, AppDbContext db, SealedKeys keys, PledgeActivation activation,
        InstanceOptions instance, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var r = await PledgeRules.RequestPublicSignatureAsync(db, keys, slug, input, Now(clock), ct);
        if (!r.Ok) return r.Failure;
        if (r.Value is { } sent)
        {
            var p = (await PledgeRules.FindPublicAsync(db, slug, ct))!;
            // An empty PublicUrl (the shipped appsettings) means "not configured": the link would be relative, and a mail
            // program cannot open a relative link.
            var root = instance.LinkRoot(http.Request);
            await activation.SendConfirmationAsync(sent.Email, $"{root}/pledges/confirm/{sent.Token}", p, CancellationToken.None);
        }
        return null;
    }

    static async Task<Results<Ok<PledgeView>, ProblemHttpResult>> Confirm(ConfirmSignatureInput input, AppDbContext db, SealedKeys keys, PledgeSignQueue queue, PledgeActivation activation,
        TimeProvider clock, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var r = await PledgeRules.ConfirmPublicSignatureAsync(db, keys, queue, input.Token, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        await activation.AfterChangeAsync(r.Value!.Id, CancellationToken.None);
        var p = (await PledgeRules.FindPublicAsync(db, r.Value.PublicSlug!, ct))!;
        return TypedResults.Ok(await PledgeRules.ViewAsync(db, p, Localize(L), ct));
    }
}
