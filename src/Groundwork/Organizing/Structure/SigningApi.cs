using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Organizing.Structure;

public static class SigningApi
{
    public static void MapSigningApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/v1/organizations/{orgId:int}/structure-tests/{testId:int}").WithTags("Cards and petitions");
        org.MapPost("/signing-links", CreateLink).WithName("CreateSigningLink").RequireAuthorization(Policies.OrgOrganizer);
        org.MapGet("/signatures", List).WithName("ListSignatures").RequireAuthorization(Policies.OrgOrganizer);
        org.MapGet("/statement", Statement).WithName("GetStatement").RequireAuthorization(Policies.OrgMember);
        org.MapPost("/signatures", Sign).WithName("SignStatement").RequireAuthorization(Policies.OrgMember);
        org.MapDelete("/signatures/mine", Revoke).WithName("RevokeMySignature").RequireAuthorization(Policies.OrgMember);

        // Personal links: the token travels in the body, never in an API URL.
        var link = app.MapGroup("/api/v1/signing").WithTags("Cards and petitions").AllowAnonymous();
        link.MapPost("/statement", LinkStatement).WithName("GetSigningStatement");
        link.MapPost("/sign", LinkSign).WithName("SignWithLink");
        link.MapPost("/revoke", LinkRevoke).WithName("RevokeWithLink");
    }

    static async Task<Results<Created<SigningLinkCreated>, ProblemHttpResult>> CreateLink(int orgId, int testId, SigningLinkInput input, HttpContext http,
        AppDbContext db, OrgAccess access, InstanceOptions instance, TimeProvider clock, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var (_, covered) = await StructureApi.CallerAsync(access, db, orgId, ct);
        var r = await Signing.CreateLinkAsync(db, t, covered, input, http.User.PersonId()!, instance.LinkRoot(http.Request), clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Created((string?)null, r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<List<SignatureView>>, ProblemHttpResult>> List(int orgId, int testId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var (_, covered) = await StructureApi.CallerAsync(access, db, orgId, ct);
        return TypedResults.Ok(await Signing.ListAsync(db, t, covered, ct));
    }

    static async Task<Results<Ok<StatementView>, ProblemHttpResult>> Statement(int orgId, int testId, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var r = await Signing.StatementForMemberAsync(db, t, http.User.PersonId()!, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<StatementView>, ProblemHttpResult>> Sign(int orgId, int testId, SignInput input, HttpContext http, AppDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var r = await Signing.SignAsMemberAsync(db, t, http.User.PersonId()!, input, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Revoke(int orgId, int testId, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        return await Signing.RevokeAsMemberAsync(db, t, http.User.PersonId()!, ct) is { } f ? f.ToProblem() : TypedResults.NoContent();
    }

    static async Task<Results<Ok<StatementView>, ProblemHttpResult>> LinkStatement(TokenInput input, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var r = await Signing.StatementForLinkAsync(db, input.Token, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<StatementView>, ProblemHttpResult>> LinkSign(LinkSignInput input, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var r = await Signing.SignWithLinkAsync(db, input, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> LinkRevoke(TokenInput input, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        await Signing.RevokeWithLinkAsync(db, input.Token, clock.GetUtcNow().UtcDateTime, ct) is { } f ? f.ToProblem() : TypedResults.NoContent();
}
