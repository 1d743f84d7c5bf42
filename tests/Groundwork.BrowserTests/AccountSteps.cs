namespace Groundwork.BrowserTests;

/// The account steps every walk starts with, as a newcomer takes them.
public static class AccountSteps
{
    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    public static async Task RegisterAsync(this Visitor v, string email, string name)
    {
        await v.GoAsync("/Account/Register");
        await v.FillAsync(("Email", email), ("Password", Site.Password), ("Repeat the password", Site.Password));
        await v.Main.Locator("#name").FillAsync(name);
        await v.FollowAsync(v.Button("Create account"));
        Assert.StartsWith("/Account/RegisterConfirmation", v.Path, StringComparison.Ordinal);
    }

    /// Opens the link from the confirmation email, as the person would from their mail program.
    public static async Task ConfirmEmailAsync(this Visitor v, AppProcess app, string email)
    {
        var link = await Mailbox.LinkAsync(app, email, "/Account/ConfirmEmail");
        await v.GoAsync(link);
        // Language-independent: no error status, and the page goes on to the sign-in.
        await Microsoft.Playwright.Assertions.Expect(v.Main.Locator(".status.error")).ToHaveCountAsync(0);
        await Microsoft.Playwright.Assertions.Expect(v.Main.Locator("a[href='Account/Login']")).ToBeVisibleAsync();
    }

    public static async Task SignInAsync(this Visitor v, string email, string? returnUrl = null)
    {
        await v.GoAsync(returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await v.FillAsync(("Email", email), ("Password", Site.Password));
        await v.FollowAsync(v.Button("Sign in"));
        Assert.False(v.Path.StartsWith("/Account/Login", StringComparison.Ordinal), $"still on the sign-in page: {await v.Main.InnerTextAsync()}");
    }

    public static async Task SignOutAsync(this Visitor v)
    {
        await v.FollowAsync(v.Page.Locator("header").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out" }));
        Assert.StartsWith("/Account/Login", v.Path, StringComparison.Ordinal);
    }

    /// Register, confirm, sign in: a newcomer with a working account, on the home page.
    public static async Task JoinAsync(this Visitor v, AppProcess app, string email, string name)
    {
        await v.RegisterAsync(email, name);
        await v.ConfirmEmailAsync(app, email);
        await v.SignInAsync(email);
    }
}
