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

public sealed record TokenInput([property: Required, StringLength(100, MinimumLength = 1)] string Name, TokenScope Scope = TokenScope.Read);

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
        if (!Enum.IsDefined(input.Scope)) return Failure.Invalid("Unknown scope.", "scope").ToProblem();
        var p = await users.GetUserAsync(http.User);
        if (p is null) return Failure.NotFound().ToProblem();
        var now = clock.GetUtcNow().UtcDateTime;
        db.Record(now, AuditActions.TokenCreated, p.Id, subjectPersonId: p.Id, detail: input.Scope.ToString());
        var token = await ApiTokens.CreateAsync(db, p, input.Name.Trim(), input.Scope, now, ct);
        var id = await db.ApiTokens.Where(t => t.Hash == ApiTokens.Hash(token)).Select(t => t.Id).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/me/tokens/{id}", new TokenCreated(id, input.Name.Trim(), input.Scope, token));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(int tokenId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var me = http.User.PersonId()!;
        var now = clock.GetUtcNow().UtcDateTime;
        var n = await db.ApiTokens.Where(t => t.Id == tokenId && t.PersonId == me && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), ct);
        if (n == 0) return Failure.NotFound().ToProblem();
        db.Record(now, AuditActions.TokenRevoked, me, subjectPersonId: me);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// A new security stamp invalidates every cookie on its next request (validation runs on each request).
    static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhere(HttpContext http, UserManager<Person> users, AppDbContext db, TimeProvider clock)
    {
        var p = await users.GetUserAsync(http.User);
        if (p is null) return Failure.NotFound().ToProblem();
        await AccountRules.SignOutEverywhereAsync(users, db, p, clock.GetUtcNow().UtcDateTime);
        return TypedResults.NoContent();
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(HttpContext http, UserManager<Person> users, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var p = await users.GetUserAsync(http.User);
        if (p is null) return Failure.NotFound().ToProblem();
        var bytes = await AccountRules.ExportAsync(users, db, p, clock.GetUtcNow().UtcDateTime, ct);
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

public static class AccountRules
{
    public static async Task SignOutEverywhereAsync(UserManager<Person> users, AppDbContext db, Person p, DateTime now)
    {
        await users.UpdateSecurityStampAsync(p);
        db.Record(now, AuditActions.SignOutEverywhere, p.Id, subjectPersonId: p.Id);
        await db.SaveChangesAsync();
    }

    /// Everything we hold about the person, decrypted, as JSON (GDPR art. 15 and 20).
    public static async Task<byte[]> ExportAsync(UserManager<Person> users, AppDbContext db, Person p, DateTime now, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Include(m => m.Events).Include(m => m.Placements)
            .Where(m => m.PersonId == p.Id)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new
            {
                Organization = o.Name, OrganizationId = o.Id, m.Role, m.Status, m.JoinedUtc, m.EndedUtc,
                Units = m.Placements.Select(x => x.UnitId),
                History = m.Events.OrderBy(e => e.Id).Select(e => new { e.Kind, e.AtUtc, e.Role, e.OtherOrganizationId }),
            }).ToListAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.PersonId == p.Id)
            .Select(t => new { t.Name, t.Scope, t.CreatedUtc, t.LastUsedUtc, t.RevokedUtc }).ToListAsync(ct);
        var audit = await AuditApi.Page(db.AuditEvents.Where(e => e.SubjectPersonId == p.Id || e.ActorId == p.Id), null, ct);
        var transfers = await db.TransferRequests.AsNoTracking().Where(t => t.PersonId == p.Id).ToListAsync(ct);
        var passkeys = await users.GetPasskeysAsync(p);
        db.Record(now, AuditActions.DataExported, p.Id, subjectPersonId: p.Id);
        await db.SaveChangesAsync(ct);
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            ExportedUtc = now,
            Account = new { p.Id, p.DisplayName, p.Email, p.EmailConfirmed, p.PhoneNumber, p.TwoFactorEnabled, p.CreatedUtc, p.PreferredLanguage },
            Passkeys = passkeys.Select(k => new { k.Name, k.CreatedAt }),
            Memberships = memberships,
            Transfers = transfers.Select(t => new { t.FromOrganizationId, t.ToOrganizationId, t.ShareHistory, t.Note, t.Status, t.CreatedUtc, t.DecidedUtc }),
            Tokens = tokens,
            Audit = audit,
        }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
    }
}
