using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Members;

public static class MembersApi
{
    public static void MapMembersApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/organizations/{orgId:int}").WithTags("Members");
        g.MapGet("/members", ListMembers).WithName("ListMembers").RequireAuthorization(Policies.OrgOrganizer);
        g.MapGet("/members/{membershipId:int}/history", History).WithName("GetMembershipHistory").RequireAuthorization(Policies.OrgOrganizer);
        g.MapPut("/members/{membershipId:int}/role", ChangeRole).WithName("ChangeMemberRole").RequireAuthorization(Policies.OrgAdmin);
        g.MapDelete("/members/{membershipId:int}", Remove).WithName("RemoveMember").RequireAuthorization(Policies.OrgAdmin);
        g.MapPost("/members/{membershipId:int}/approval", Approve).WithName("DecideMembership").RequireAuthorization(Policies.OrgOrganizer);
        g.MapPut("/members/{membershipId:int}/units", Place).WithName("PlaceMember").RequireAuthorization(Policies.OrgOrganizer);
        g.MapPost("/invitations", CreateInvitation).WithName("CreateInvitation").RequireAuthorization(Policies.OrgOrganizer);
        g.MapGet("/invitations", ListInvitations).WithName("ListInvitations").RequireAuthorization(Policies.OrgOrganizer);
        g.MapDelete("/invitations/{invitationId:int}", RevokeInvitation).WithName("RevokeInvitation").RequireAuthorization(Policies.OrgOrganizer);
        g.MapPost("/units", CreateUnit).WithName("CreateUnit").RequireAuthorization(Policies.OrgAdmin);
        g.MapGet("/units", ListUnits).WithName("ListUnits").RequireAuthorization(Policies.OrgMember);
        app.MapPost("/api/v1/invitations/accept", Accept).WithName("AcceptInvitation").WithTags("Members").RequireAuthorization(Policies.SignedIn);
    }

    static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    static async Task<Ok<List<MemberView>>> ListMembers(int orgId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        return TypedResults.Ok(await MemberQueries.ListAsync(db, orgId, me!, ct));
    }

    static async Task<Results<Ok<List<MembershipHistoryView>>, ProblemHttpResult>> History(int orgId, int membershipId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        var visible = await MemberQueries.ListAsync(db, orgId, me!, ct);
        if (!visible.Any(m => m.MembershipId == membershipId)) return Failure.NotFound().ToProblem();
        return TypedResults.Ok(await MemberQueries.HistoryAsync(db, membershipId, ct));
    }

    static async Task<Results<Ok<MembershipStatusView>, ProblemHttpResult>> ChangeRole(int orgId, int membershipId, RoleInput input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Map(await MemberRoles.ChangeRoleAsync(db, orgId, membershipId, http.User.PersonId()!, input, Now(clock), ct));

    static async Task<Results<Ok<MembershipStatusView>, ProblemHttpResult>> Remove(int orgId, int membershipId, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Map(await MembershipLifecycle.RemoveAsync(db, orgId, membershipId, http.User.PersonId()!, Now(clock), ct));

    static async Task<Results<Ok<MembershipStatusView>, ProblemHttpResult>> Approve(int orgId, int membershipId, DecisionInput input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        input.Accept is not { } accept ? Failure.Invalid("Say whether you accept: true or false.", "accept").ToProblem()
        : Map(await MembershipLifecycle.ApproveAsync(db, orgId, membershipId, http.User.PersonId()!, accept, Now(clock), ct));

    static async Task<Results<Ok<MembershipStatusView>, ProblemHttpResult>> Place(int orgId, int membershipId, PlacementInput input, AppDbContext db, CancellationToken ct) =>
        Map(await MemberPlacement.PlaceAsync(db, orgId, membershipId, input.UnitIds, ct));

    static Results<Ok<MembershipStatusView>, ProblemHttpResult> Map(Outcome<Membership> r) =>
        r.Ok ? TypedResults.Ok(new MembershipStatusView(r.Value!.Id, r.Value.Status, r.Value.Role)) : r.Failure!.ToProblem();

    static async Task<Created<InvitationCreated>> CreateInvitation(int orgId, InvitationInput input, AppDbContext db, HttpContext http, InstanceOptions instance, TimeProvider clock, CancellationToken ct)
    {
        var baseUrl = instance.LinkRoot(http.Request);
        var created = await InvitationLinks.CreateAsync(db, orgId, http.User.PersonId()!, input, baseUrl, Now(clock), ct);
        return TypedResults.Created($"/api/v1/organizations/{orgId}/invitations/{created.Id}", created);
    }

    static async Task<Ok<List<InvitationView>>> ListInvitations(int orgId, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await InvitationLinks.ListAsync(db, orgId, Now(clock), ct));

    static async Task<Results<NoContent, ProblemHttpResult>> RevokeInvitation(int orgId, int invitationId, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var r = await InvitationLinks.RevokeAsync(db, orgId, invitationId, http.User.PersonId()!, Now(clock), ct);
        return r.Ok ? TypedResults.NoContent() : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<MembershipStatusView>, ProblemHttpResult>> Accept(AcceptInvitationInput input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        Map(await InvitationLinks.AcceptAsync(db, input.Token, http.User.PersonId()!, Now(clock), ct));

    static async Task<Results<Created<UnitView>, ProblemHttpResult>> CreateUnit(int orgId, UnitInput input, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var r = await OrganizationUnits.CreateAsync(db, orgId, input, Now(clock), ct);
        if (!r.Ok) return r.Failure!.ToProblem();
        var u = r.Value!;
        return TypedResults.Created($"/api/v1/organizations/{orgId}/units/{u.Id}", new UnitView(u.Id, u.Name, u.Kind, u.ParentUnitId));
    }

    static async Task<Ok<List<UnitView>>> ListUnits(int orgId, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await OrganizationUnits.ListAsync(db, orgId, ct));
}
