using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Organizations;

public static class FederationApi
{
    public static void MapFederationApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/organizations/{orgId:int}").WithTags("Federation");
        g.MapPost("/affiliations", RequestAffiliation).WithName("RequestAffiliation").RequireAuthorization(Policies.OrgAdmin);
        g.MapGet("/affiliations", ListAffiliations).WithName("ListAffiliations").RequireAuthorization(Policies.OrgAdmin);
        g.MapPost("/affiliations/{requestId:int}/decision", DecideAffiliation).WithName("DecideAffiliation").RequireAuthorization(Policies.OrgAdmin);
        g.MapPost("/leave-parent", LeaveParent).WithName("LeaveFederation").RequireAuthorization(Policies.OrgAdmin);
        g.MapPost("/transfers", RequestTransfer).WithName("RequestTransfer").RequireAuthorization(Policies.OrgMember);
        g.MapGet("/transfers", ListTransfers).WithName("ListTransfers").RequireAuthorization(Policies.OrgAdmin);
        g.MapPost("/transfers/{requestId:int}/decision", DecideTransfer).WithName("DecideTransfer").RequireAuthorization(Policies.OrgAdmin);
    }

    static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    static async Task<Results<Created<AffiliationRequestView>, ProblemHttpResult>> RequestAffiliation(int orgId, AffiliationInput input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var r = await Affiliations.RequestAsync(db, orgId, http.User.PersonId()!, input, Now(clock), ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/affiliations/{r.Value!.Id}", AffiliationRequestView.From(r.Value)) : r.Failure!.ToProblem();
    }

    static async Task<Ok<List<AffiliationView>>> ListAffiliations(int orgId, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Affiliations.ListAsync(db, orgId, ct));

    static async Task<Results<Ok<AffiliationRequestView>, ProblemHttpResult>> DecideAffiliation(int orgId, int requestId, DecisionInput input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (input.Accept is not { } accept) return Failure.Invalid("Say whether you accept: true or false.", "accept").ToProblem();
        var r = await Affiliations.DecideAsync(db, orgId, requestId, http.User.PersonId()!, accept, Now(clock), ct);
        return r.Ok ? TypedResults.Ok(AffiliationRequestView.From(r.Value!)) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> LeaveParent(int orgId, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var r = await Affiliations.LeaveParentAsync(db, orgId, http.User.PersonId()!, Now(clock), ct);
        return r.Ok ? TypedResults.NoContent() : r.Failure!.ToProblem();
    }

    static async Task<Results<Created<TransferRequestView>, ProblemHttpResult>> RequestTransfer(int orgId, TransferInput input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var r = await MemberTransfers.RequestAsync(db, orgId, http.User.PersonId()!, input, Now(clock), ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{input.ToOrganizationId}/transfers/{r.Value!.Id}", TransferRequestView.From(r.Value)) : r.Failure!.ToProblem();
    }

    static async Task<Ok<List<TransferView>>> ListTransfers(int orgId, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await MemberTransfers.ListAsync(db, orgId, ct));

    static async Task<Results<Ok<TransferRequestView>, ProblemHttpResult>> DecideTransfer(int orgId, int requestId, DecisionInput input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (input.Accept is not { } accept) return Failure.Invalid("Say whether you accept: true or false.", "accept").ToProblem();
        var r = await MemberTransfers.DecideAsync(db, orgId, requestId, http.User.PersonId()!, accept, Now(clock), ct);
        return r.Ok ? TypedResults.Ok(TransferRequestView.From(r.Value!)) : r.Failure!.ToProblem();
    }
}

public sealed record AffiliationRequestView(int Id, int ChildId, int ParentId, RequestStatus Status, bool ChildApproved, bool ParentApproved)
{
    public static AffiliationRequestView From(AffiliationRequest r) =>
        new(r.Id, r.ChildId, r.ParentId, r.Status, r.ChildApprovedUtc is not null, r.ParentApprovedUtc is not null);
}

public sealed record TransferRequestView(int Id, int FromOrganizationId, int ToOrganizationId, bool ShareHistory, RequestStatus Status)
{
    public static TransferRequestView From(TransferRequest t) => new(t.Id, t.FromOrganizationId, t.ToOrganizationId, t.ShareHistory, t.Status);
}
