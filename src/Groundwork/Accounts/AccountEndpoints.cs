using Groundwork.Auth;
using Groundwork.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Accounts;

/// The form posts and passkey handshakes that the account pages need beside the pages themselves.
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account").ExcludeFromDescription();

        account.MapPost("/Logout", async ([FromServices] SignInManager<Person> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(SafeLocal(returnUrl));
        }).WithName("SignOut").RequireAuthorization(Policies.SignedIn);

        account.MapPost("/PasskeyCreationOptions", async (HttpContext context, [FromServices] UserManager<Person> users,
            [FromServices] SignInManager<Person> signIn, [FromServices] IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            var user = await users.GetUserAsync(context.User);
            if (user is null) return Results.NotFound();
            var name = user.Email ?? user.Id;
            var optionsJson = await signIn.MakePasskeyCreationOptionsAsync(new() { Id = user.Id, Name = name, DisplayName = user.DisplayName.Length > 0 ? user.DisplayName : name });
            return TypedResults.Content(optionsJson, contentType: "application/json");
        }).WithName("PasskeyCreationOptions").RequireAuthorization(Policies.SignedIn);

        // Discoverable credentials only: naming a user here would tell a stranger whether the account exists.
        account.MapPost("/PasskeyRequestOptions", async (HttpContext context, [FromServices] SignInManager<Person> signIn,
            [FromServices] IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            var optionsJson = await signIn.MakePasskeyRequestOptionsAsync(null);
            return TypedResults.Content(optionsJson, contentType: "application/json");
        }).WithName("PasskeyRequestOptions").AllowAnonymous();

        account.MapPost("/Manage/DownloadPersonalData", async (HttpContext context, [FromServices] UserManager<Person> users,
            [FromServices] AppDbContext db, [FromServices] TimeProvider clock) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null) return Results.NotFound();
            var bytes = await PersonalDataExport.ExportAsync(users, db, user, clock.GetUtcNow().UtcDateTime, context.RequestAborted);
            return TypedResults.File(bytes, "application/json", "groundwork-my-data.json");
        }).WithName("DownloadPersonalData").RequireAuthorization(Policies.SignedIn);

        account.MapPost("/Manage/SignOutEverywhere", async (HttpContext context, [FromServices] UserManager<Person> users,
            [FromServices] SignInManager<Person> signIn, [FromServices] AppDbContext db, [FromServices] TimeProvider clock) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null) return Results.NotFound();
            await AccountSessions.SignOutEverywhereAsync(users, db, user, clock.GetUtcNow().UtcDateTime);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        }).WithName("SignOutEverywhereForm").RequireAuthorization(Policies.SignedIn);
    }

    /// The account pages a signed-out person needs (reset a password, confirm an address, finish a two-factor sign-in).
    /// Everything else stays behind the deny-by-default fallback policy.
    public static readonly IReadOnlySet<string> AnonymousAccountPages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/AccessDenied", "/Account/ConfirmEmail", "/Account/ConfirmEmailChange", "/Account/ForgotPassword",
        "/Account/ForgotPasswordConfirmation", "/Account/InvalidPasswordReset", "/Account/InvalidUser", "/Account/Lockout",
        "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/ResendEmailConfirmation", "/Account/ResetPassword",
        "/Account/ResetPasswordConfirmation",
        // Blazor follows a redirect it protected itself here (enhanced navigation after a form post, signed in or not).
        "/_framework/opaque-redirect",
    };

    public static void AllowAnonymousAccountPages(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && AnonymousAccountPages.Contains(route))
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
    }

    /// Language switch: a cookie for a year, then back to the page the person was on.
    public static void MapLanguageEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/language", async ([FromForm] string culture, [FromForm] string? returnUrl, HttpContext http, AppDbContext db) =>
        {
            var c = culture is "es" ? "es" : "en";
            // Signed in, the choice is remembered on the account too: notifications and emails follow it.
            if (http.User.PersonId() is { } me)
                await db.Users.Where(p => p.Id == me).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, c), http.RequestAborted);
            http.Response.Cookies.Append("gw-lang", CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true });
            return TypedResults.LocalRedirect(SafeLocal(returnUrl));
        }).WithName("SetLanguage").AllowAnonymous().ExcludeFromDescription();

    static string SafeLocal(string? url) =>
        string.IsNullOrEmpty(url) ? "~/" : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "~/" + url.TrimStart('/', '\\');
}
