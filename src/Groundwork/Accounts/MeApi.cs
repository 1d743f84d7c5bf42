using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Accounts;

public sealed record MeView(string Id, string DisplayName, string? Email, bool EmailConfirmed, bool TwoFactorEnabled, bool IsInstanceAdmin, string? PreferredLanguage);

public sealed record TokenInput(
    [property: Required(ErrorMessage = "Enter a name."), StringLength(100, MinimumLength = 1, ErrorMessage = "Use at most 100 characters.")] string Name,
    [property: EnumDataType(typeof(TokenScope), ErrorMessage = "Unknown scope.")] TokenScope Scope = TokenScope.Read);

public sealed record TokenCreated(int Id, string Name, TokenScope Scope, string Token);

public sealed record TokenView(int Id, string Name, TokenScope Scope, DateTime CreatedUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc);

public static class MeApi
{
    public static void MapMeApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/me").WithTags("Me").RequireAuthorization(Policies.SignedIn);
        g.MapGet("/", GetMe).WithName("GetMe");
        g.MapGet("/tokens", ListTokens).WithName("ListTokens");
        g.MapPost("/tokens", CreateToken).WithName("CreateToken");
        g.MapDelete("/tokens/{tokenId:int}", RevokeToken).WithName("RevokeToken");
        g.MapPost("/sign-out-everywhere", SignOutEverywhere).WithName("SignOutEverywhere");
        g.MapGet("/export", Export).WithName("ExportMyData");
        app.MapPost("/api/v1/admin/people/{personId}/disable", Disable).WithName("DisablePerson").WithTags("Admin")
            .RequireAuthorization(Policies.InstanceAdmin);
    }

    static async Task<Results<Ok<MeView>, ProblemHttpResult>> GetMe(HttpContext http, UserManager<Person> users)
    {
        var p = await users.GetUserAsync(http.User);
        if (p is null) return Failure.NotFound().ToProblem();
        return TypedResults.Ok(new MeView(p.Id, p.DisplayName, p.Email, p.EmailConfirmed, p.TwoFactorEnabled, p.IsInstanceAdmin, p.PreferredLanguage));
    }

    static async Task<Ok<List<TokenView>>> ListTokens(HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var me = http.User.PersonId()!;
        var rows = await db.ApiTokens.AsNoTracking().Where(t => t.PersonId == me).OrderByDescending(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(t => new TokenView(t.Id, t.Name, t.Scope, t.CreatedUtc, t.LastUsedUtc, t.RevokedUtc)).ToList());
    }

    static async Task<Results<Created<TokenCreated>, ProblemHttpResult>> CreateToken(TokenInput input, HttpContext http, AppDbContext db, UserManager<Person> users, TimeProvider clock, CancellationToken ct)
    {
        var p = await users.GetUserAsync(http.User);
        if (p is null) return Failure.NotFound().ToProblem();
        var created = await AccessTokens.CreateAsync(db, p, input, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Created($"/api/v1/me/tokens/{created.Id}", created);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(int tokenId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var r = await AccessTokens.RevokeAsync(db, http.User.PersonId()!, tokenId, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.NoContent() : r.Failure!.ToProblem();
    }

    /// A new security stamp invalidates every cookie on its next request (validation runs on each request).
    static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhere(HttpContext http, UserManager<Person> users, AppDbContext db, TimeProvider clock)
    {
        var p = await users.GetUserAsync(http.User);
        if (p is null) return Failure.NotFound().ToProblem();
        await AccountSessions.SignOutEverywhereAsync(users, db, p, clock.GetUtcNow().UtcDateTime);
        return TypedResults.NoContent();
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(HttpContext http, UserManager<Person> users, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var p = await users.GetUserAsync(http.User);
        if (p is null) return Failure.NotFound().ToProblem();
        var bytes = await PersonalDataExport.ExportAsync(users, db, p, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.File(bytes, "application/json", "groundwork-my-data.json");
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Disable(string personId, HttpContext http, UserManager<Person> users, AppDbContext db, TimeProvider clock)
    {
        if (personId.Length > 64) return Failure.NotFound().ToProblem();
        var p = await users.FindByIdAsync(personId);
        if (p is null) return Failure.NotFound().ToProblem();
        p.IsDisabled = true;
        await users.UpdateSecurityStampAsync(p);
        db.Record(clock.GetUtcNow().UtcDateTime, AuditActions.AccountDisabled, http.User.PersonId(), subjectPersonId: p.Id);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}
