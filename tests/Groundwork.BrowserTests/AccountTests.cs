using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Groundwork.BrowserTests;

public sealed class AccountTests(SetUpSite site, ITestOutputHelper output) : IClassFixture<SetUpSite>
{
    [Fact]
    public async Task A_newcomer_registers_confirms_the_email_signs_in_and_signs_out()
    {
        await using var ana = await site.VisitorAsync(output);
        var email = AccountSteps.NewEmail("ana");

        await Step.RunAsync(output, "the home page invites to create an account", async () =>
        {
            await ana.GoAsync("/");
            await ana.FollowAsync(ana.Main.GetByRole(AriaRole.Link, new() { Name = "Create an account" }));
            Assert.Equal("/Account/Register", ana.Path);
        });
        await Step.RunAsync(output, "signing in before confirming the email does not work", async () =>
        {
            await ana.RegisterAsync(email, "Ana");
            await ana.GoAsync("/Account/Login");
            await ana.FillAsync(("Email", email), ("Password", Site.Password));
            await ana.FollowAsync(ana.Button("Sign in"));
            Assert.StartsWith("/Account/Login", ana.Path, StringComparison.Ordinal);
            await Expect(ana.Main.GetByRole(AriaRole.Alert).Or(ana.Main.Locator(".status"))).ToBeVisibleAsync();
        });
        await Step.RunAsync(output, "the link from the email confirms it", () => ana.ConfirmEmailAsync(site.App, email));
        await Step.RunAsync(output, "signed in, the home page is hers", async () =>
        {
            await ana.SignInAsync(email);
            Assert.Equal("/", ana.Path);
            await Expect(ana.Page.Locator("header")).ToContainTextAsync("Sign out");
        });
        await Step.RunAsync(output, "her account page opens", () => ana.FollowAsync(ana.Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Account" })));
        await Step.RunAsync(output, "signing out ends the session", async () =>
        {
            await ana.SignOutAsync();
            await Expect(ana.Page.Locator("header")).ToContainTextAsync("Sign in");
            var response = await ana.Page.GotoAsync("/Account/Manage");
            Assert.True(response!.Status == 401 || ana.Path.StartsWith("/Account/Login", StringComparison.Ordinal),
                $"signed out, /Account/Manage answered {response.Status} at {ana.Path}");
        });
    }

    [Fact]
    public async Task The_language_switches_to_Spanish_and_back()
    {
        await using var luis = await site.VisitorAsync(output);
        var html = luis.Page.Locator("html");

        await Step.RunAsync(output, "a browser asking for English gets English", async () =>
        {
            await luis.GoAsync("/Account/Login");
            await Expect(html).ToHaveAttributeAsync("lang", "en");
            await Expect(luis.Page.Locator("main h1")).ToHaveTextAsync("Sign in");
        });
        await Step.RunAsync(output, "switching to Spanish stays on the page, in Spanish", async () =>
        {
            await luis.Page.Locator("#lang-select").SelectOptionAsync("es");
            await luis.FollowAsync(luis.Page.Locator("form.lang button"));
            Assert.Equal("/Account/Login", luis.Path);
            await Expect(html).ToHaveAttributeAsync("lang", "es");
            await Expect(luis.Page.Locator("main h1")).ToHaveTextAsync("Iniciar sesión");
        });
        await Step.RunAsync(output, "the choice is remembered on the next page", async () =>
        {
            await luis.GoAsync("/Account/Register");
            await Expect(html).ToHaveAttributeAsync("lang", "es");
            await Expect(luis.Page.Locator("main h1")).ToHaveTextAsync("Crear una cuenta");
        });
        await Step.RunAsync(output, "a signed-in home page in Spanish", async () =>
        {
            var email = AccountSteps.NewEmail("luis");
            await luis.Page.Locator("#email").FillAsync(email);
            await luis.Page.Locator("#password").FillAsync(Site.Password);
            await luis.Page.Locator("#confirm").FillAsync(Site.Password);
            await luis.FollowAsync(luis.Main.Locator("button[type=submit]"));
            await luis.ConfirmEmailAsync(site.App, email);
            await luis.GoAsync("/Account/Login");
            await luis.Page.Locator("#email").FillAsync(email);
            await luis.Page.Locator("#password").FillAsync(Site.Password);
            await luis.FollowAsync(luis.Main.Locator("form button[type=submit]").First);
            Assert.Equal("/", luis.Path);
            await Expect(html).ToHaveAttributeAsync("lang", "es");
            await luis.GoAsync("/Account/Manage");
            await Expect(html).ToHaveAttributeAsync("lang", "es");
        });
        await Step.RunAsync(output, "switching back to English", async () =>
        {
            await luis.Page.Locator("#lang-select").SelectOptionAsync("en");
            await luis.FollowAsync(luis.Page.Locator("form.lang button"));
            Assert.Equal("/Account/Manage", luis.Path);
            await Expect(html).ToHaveAttributeAsync("lang", "en");
            await Expect(luis.Page.Locator("header")).ToContainTextAsync("Sign out");
        });
    }

    [Fact]
    public async Task On_a_phone_a_newcomer_registers_and_manages_the_account()
    {
        await using var mia = await site.VisitorAsync(output, phone: true);
        var email = AccountSteps.NewEmail("mia");

        await Step.RunAsync(output, "register, confirm and sign in on a 360 px screen", () => mia.JoinAsync(site.App, email, "Mia"));
        await Step.RunAsync(output, "nothing is wider than the screen", async () =>
        {
            var width = await mia.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 360, $"the home page is {width} px wide on a 360 px screen");
        });
        foreach (var page in new[] { "/Account/Manage", "/Account/Manage/Email", "/Account/Manage/ChangePassword",
                     "/Account/Manage/TwoFactorAuthentication", "/Account/Manage/Passkeys", "/Account/Manage/PersonalData" })
            await Step.RunAsync(output, $"the account page {page} opens", async () =>
            {
                await mia.GoAsync(page);
                var width = await mia.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(width <= 360, $"{page} is {width} px wide on a 360 px screen");
            });
        await Step.RunAsync(output, "pages for someone signed out: forgotten password, resend confirmation", async () =>
        {
            await mia.SignOutAsync();
            await mia.GoAsync("/Account/ForgotPassword");
            await mia.GoAsync("/Account/ResendEmailConfirmation");
        });
    }
}
