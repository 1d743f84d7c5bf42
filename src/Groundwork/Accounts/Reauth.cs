using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Accounts;

public sealed record ReauthenticateInput(
    [property: Required, StringLength(1000, MinimumLength = 1)] string Password,
    [property: StringLength(20)] string? Code = null);

public sealed record ReauthenticatedView(DateTime AtUtc, DateTime ValidUntilUtc);

/// "Confirm your password": a session (the browser, through a cookie of its own) or a personal access token proves its
/// holder still knows the password — and the authenticator code when two-factor is on — before a dangerous action.
/// The time is kept server-side per session, so another tab or token of the same person does not inherit it.
public static class Reauth
{
    public const string CookieName = "gw-reauth";

    static string? SessionHash(HttpContext http)
    {
        var auth = http.Request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return "t:" + ApiTokens.Hash(auth[7..].Trim());
        return http.Request.Cookies[CookieName] is { Length: > 20 and < 100 } c ? "c:" + ApiTokens.Hash(c) : null;
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/me/reauthenticate", Reauthenticate).WithName("Reauthenticate").WithTags("Me").RequireAuthorization(Policies.SignedIn);

    static async Task<Results<Ok<ReauthenticatedView>, ProblemHttpResult>> Reauthenticate(ReauthenticateInput input, HttpContext http,
        UserManager<Person> users, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var r = await ConfirmAsync(http, users, db, input.Password, input.Code, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    public static async Task<Outcome<ReauthenticatedView>> ConfirmAsync(HttpContext http, UserManager<Person> users, AppDbContext db,
        string? password, string? code, DateTime now, CancellationToken ct)
    {
        var p = await users.GetUserAsync(http.User);
        if (p is null) return Failure.NotFound();
        if (await users.IsLockedOutAsync(p)) return new Failure(429, "Too many wrong passwords. Wait 15 minutes and try again.");
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(p, password))
        {
            await users.AccessFailedAsync(p);
            return Failure.Invalid("That password is not correct.", "password");
        }
        if (p.TwoFactorEnabled)
        {
            var clean = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (clean.Length == 0) return Failure.Invalid("Enter the code from your authenticator app.", "code");
            if (!await users.VerifyTwoFactorTokenAsync(p, users.Options.Tokens.AuthenticatorTokenProvider, clean))
            {
                await users.AccessFailedAsync(p);
                return Failure.Invalid("That code is not correct.", "code");
            }
        }
        await users.ResetAccessFailedCountAsync(p);
        string hash;
        var auth = http.Request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            hash = "t:" + ApiTokens.Hash(auth[7..].Trim());
        else
        {
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            http.Response.Cookies.Append(CookieName, secret, new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/",
                MaxAge = Reauthentication.Window, IsEssential = true,
            });
            hash = "c:" + ApiTokens.Hash(secret);
        }
        var old = now.AddHours(-1);
        await db.Reauthentications.Where(x => x.PersonId == p.Id && x.AtUtc < old).ExecuteDeleteAsync(ct);
        db.Reauthentications.Add(new Reauthentication { PersonId = p.Id, SessionHash = hash, AtUtc = now });
        await db.SaveChangesAsync(ct);
        return new ReauthenticatedView(now, now + Reauthentication.Window);
    }

    public static async Task<bool> IsRecentAsync(HttpContext http, AppDbContext db, DateTime now, CancellationToken ct)
    {
        var personId = http.User.PersonId();
        if (personId is null || SessionHash(http) is not { } hash) return false;
        var last = await db.Reauthentications.Where(x => x.PersonId == personId && x.SessionHash == hash)
            .OrderByDescending(x => x.AtUtc).Select(x => (DateTime?)x.AtUtc).FirstOrDefaultAsync(ct);
        return Reauthentication.IsRecent(last, now);
    }
}
