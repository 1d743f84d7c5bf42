using Groundwork.Auth;
using Groundwork.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

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
            var bytes = await AccountRules.ExportAsync(users, db, user, clock.GetUtcNow().UtcDateTime, context.RequestAborted);
            return TypedResults.File(bytes, "application/json", "groundwork-my-data.json");
        }).WithName("DownloadPersonalData").RequireAuthorization(Policies.SignedIn);

        account.MapPost("/Manage/SignOutEverywhere", async (HttpContext context, [FromServices] UserManager<Person> users,
            [FromServices] SignInManager<Person> signIn, [FromServices] AppDbContext db, [FromServices] TimeProvider clock) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null) return Results.NotFound();
            await AccountRules.SignOutEverywhereAsync(users, db, user, clock.GetUtcNow().UtcDateTime);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        }).WithName("SignOutEverywhereForm").RequireAuthorization(Policies.SignedIn);
    }

    /// Language switch: a cookie for a year, then back to the page the person was on.
    public static void MapLanguageEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/language", ([FromForm] string culture, [FromForm] string? returnUrl, HttpContext http) =>
        {
            var c = culture is "es" ? "es" : "en";
            http.Response.Cookies.Append("gw-lang", CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true });
            return TypedResults.LocalRedirect(SafeLocal(returnUrl));
        }).WithName("SetLanguage").AllowAnonymous().ExcludeFromDescription();

    static string SafeLocal(string? url) =>
        string.IsNullOrEmpty(url) ? "~/" : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "~/" + url.TrimStart('/', '\\');
}
