using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

public static class OrganizationsApi
{
    public static void MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/organizations").WithTags("Organizations");
        g.MapGet("/", List).WithName("ListOrganizations").AllowAnonymous();
        g.MapPost("/", Create).WithName("CreateOrganization").RequireAuthorization(Policies.SignedIn);
        g.MapGet("/{orgId:int}", Get).WithName("GetOrganization").AllowAnonymous();
        g.MapPatch("/{orgId:int}", Update).WithName("UpdateOrganization").RequireAuthorization(Policies.OrgAdmin);
        g.MapGet("/{orgId:int}/children", Children).WithName("ListChildOrganizations").AllowAnonymous();
        g.MapPost("/{orgId:int}/join", Join).WithName("JoinOrganization").RequireAuthorization(Policies.SignedIn);
        g.MapPost("/{orgId:int}/leave", Leave).WithName("LeaveOrganization").RequireAuthorization(Policies.OrgMember);
        app.MapGet("/api/v1/me/organizations", Mine).WithName("ListMyOrganizations").WithTags("Organizations").RequireAuthorization(Policies.SignedIn);
    }

    static async Task<Ok<List<OrganizationSummary>>> List(AppDbContext db, string? q, OrganizationKind? kind, string? area, int? page, CancellationToken ct) =>
        TypedResults.Ok(await OrganizationQueries.DirectoryAsync(db, q?.Length > 200 ? q[..200] : q, kind, area?.Length > 200 ? area[..200] : area, page ?? 1, ct));

    static async Task<Results<Created<OrganizationView>, ProblemHttpResult>> Create(OrganizationInput input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var me = http.User.PersonId()!;
        var result = await CreateOrganization.CreateAsync(db, me, input, clock.GetUtcNow().UtcDateTime, ct);
        if (!result.Ok) return result.Failure!.ToProblem();
        var membership = await db.Memberships.AsNoTracking().FirstAsync(m => m.OrganizationId == result.Value!.Id && m.PersonId == me, ct);
        return TypedResults.Created($"/api/v1/organizations/{result.Value!.Id}", OrganizationQueries.View(result.Value, membership));
    }

    static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Get(int orgId, OrgAccess access, CancellationToken ct)
    {
        var (org, membership) = await access.LoadAsync(orgId, ct);
        if (org is null || !OrganizationPermissions.CanSee(org, membership)) return Failure.NotFound().ToProblem();
        return TypedResults.Ok(OrganizationQueries.View(org, membership));
    }

    static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Update(int orgId, OrganizationPatch patch, AppDbContext db, HttpContext http, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var result = await UpdateOrganization.UpdateAsync(db, orgId, http.User.PersonId()!, patch, clock.GetUtcNow().UtcDateTime, ct);
        if (!result.Ok) return result.Failure!.ToProblem();
        var (_, membership) = await access.LoadAsync(orgId, ct);
        return TypedResults.Ok(OrganizationQueries.View(result.Value!, membership));
    }

    static async Task<Results<Ok<List<OrganizationSummary>>, ProblemHttpResult>> Children(int orgId, OrgAccess access, AppDbContext db, HttpContext http, CancellationToken ct)
    {
        var (org, membership) = await access.LoadAsync(orgId, ct);
        if (org is null || !OrganizationPermissions.CanSee(org, membership)) return Failure.NotFound().ToProblem();
        return TypedResults.Ok(await OrganizationQueries.ChildrenAsync(db, orgId, http.User.PersonId(), ct));
    }

    static async Task<Results<Ok<MembershipStatusView>, ProblemHttpResult>> Join(int orgId, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await MembershipLifecycle.JoinAsync(db, orgId, http.User.PersonId()!, clock.GetUtcNow().UtcDateTime, ct);
        return result.Ok ? TypedResults.Ok(new MembershipStatusView(result.Value!.Id, result.Value.Status, result.Value.Role)) : result.Failure!.ToProblem();
    }

    static async Task<Results<Ok<MembershipStatusView>, ProblemHttpResult>> Leave(int orgId, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await MembershipLifecycle.LeaveAsync(db, orgId, http.User.PersonId()!, clock.GetUtcNow().UtcDateTime, ct);
        return result.Ok ? TypedResults.Ok(new MembershipStatusView(result.Value!.Id, result.Value.Status, result.Value.Role)) : result.Failure!.ToProblem();
    }

    static async Task<Ok<List<OrganizationView>>> Mine(AppDbContext db, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await OrganizationQueries.MineAsync(db, http.User.PersonId()!, ct));
}
