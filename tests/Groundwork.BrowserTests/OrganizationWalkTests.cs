using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Groundwork.BrowserTests;

/// The newcomer's path through organizations, as two people at two browsers: Rosa founds a tenants' union on
/// a desktop, invites Tomás, who joins from his phone; Rosa opens a chapter for one building and Tomás, who
/// lives there, transfers to it.
public sealed partial class OrganizationWalkTests(SetUpSite site, ITestOutputHelper output) : IClassFixture<SetUpSite>
{
    const string Union = "Riverside Tenants' Union";
    const string Chapter = "Riverside Building 12";

    [Fact]
    public async Task A_founder_invites_a_neighbour_opens_a_chapter_and_the_neighbour_transfers_to_it()
    {
        await using var rosa = await site.VisitorAsync(output);
        await using var tomas = await site.VisitorAsync(output, phone: true);
        var rosaEmail = AccountSteps.NewEmail("rosa");
        var tomasEmail = AccountSteps.NewEmail("tomas");
        var unionId = 0;
        var chapterId = 0;
        var invitation = "";

        await Step.RunAsync(output, "Rosa joins the instance", () => rosa.JoinAsync(site.App, rosaEmail, "Rosa"));
        await Step.RunAsync(output, "Rosa founds a public tenants' union that admits by invitation", async () =>
        {
            await Expect(rosa.Main).ToContainTextAsync("You are not in any organization yet.");
            await rosa.FollowAsync(rosa.Main.GetByRole(AriaRole.Link, new() { Name = "Start an organization" }));
            await rosa.FillAsync(("Name", Union));
            await rosa.Main.Locator("#kind").SelectOptionAsync("TenantsUnion");
            await rosa.Main.Locator("#area").FillAsync("Riverside");
            await rosa.Main.Locator("#description").FillAsync("Renters of the Riverside estate, organizing for repairs and fair rents.");
            await rosa.Main.GetByLabel("Public: listed in the directory").CheckAsync();
            await rosa.Main.GetByLabel("By invitation only").CheckAsync();
            await rosa.FollowAsync(rosa.Button("Create"));
            unionId = OrganizationId(rosa.Path);
            Assert.Equal(Union, await rosa.HeadingAsync());
            await Expect(rosa.Main).ToContainTextAsync("You are a member since");
        });
        await Step.RunAsync(output, "the union is found in the directory", async () =>
        {
            await rosa.FollowAsync(rosa.Page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Directory" }));
            await rosa.Main.Locator("#q").FillAsync("Riverside");
            await rosa.FollowAsync(rosa.Button("Search"));
            await Expect(rosa.Main.GetByRole(AriaRole.Link, new() { Name = Union })).ToBeVisibleAsync();
        });
        await Step.RunAsync(output, "Rosa creates a single-use invitation link", async () =>
        {
            await rosa.GoAsync($"/organizations/{unionId}");
            await rosa.FollowAsync(OrgNav(rosa, "Invitations"));
            await rosa.FollowAsync(rosa.Button("Create link"));
            invitation = (await rosa.Main.Locator("#invitation-link").InnerTextAsync()).Trim();
            Assert.Contains("/invitations/", invitation, StringComparison.Ordinal);
        });

        await Step.RunAsync(output, "Tomás opens the link on his phone and is asked to have an account", async () =>
        {
            await tomas.GoAsync(invitation);
            Assert.Equal($"You are invited to join {Union}", await tomas.HeadingAsync());
            await tomas.FollowAsync(tomas.Main.GetByRole(AriaRole.Link, new() { Name = "Create an account" }));
            Assert.StartsWith("/Account/Register", tomas.Path, StringComparison.Ordinal);
        });
        await Step.RunAsync(output, "Tomás registers, confirms his email and signs in from the invitation", async () =>
        {
            await tomas.RegisterAsync(tomasEmail, "Tomás");
            await tomas.ConfirmEmailAsync(site.App, tomasEmail);
            await tomas.GoAsync(invitation);
            await tomas.FollowAsync(tomas.Main.GetByRole(AriaRole.Link, new() { Name = "Sign in" }));
            await tomas.FillAsync(("Email", tomasEmail), ("Password", Site.Password));
            await tomas.FollowAsync(tomas.Button("Sign in"));
            Assert.Equal(new Uri(invitation).AbsolutePath, tomas.Path);
        });
        await Step.RunAsync(output, "Tomás accepts and is a member", async () =>
        {
            await tomas.FollowAsync(tomas.Button("Accept and join"));
            Assert.Equal($"/organizations/{unionId}", tomas.Path);
            await Expect(tomas.Main).ToContainTextAsync("You are a member since");
        });
        await Step.RunAsync(output, "the used-up link cannot be used again", async () =>
        {
            await tomas.GoAsync(invitation);
            Assert.Equal("This invitation cannot be used", await tomas.HeadingAsync());
        });

        await Step.RunAsync(output, "Rosa sees Tomás among the members", async () =>
        {
            await rosa.GoAsync($"/organizations/{unionId}");
            await rosa.FollowAsync(OrgNav(rosa, "Members"));
            await Expect(rosa.Main.Locator("table")).ToContainTextAsync("Tomás");
        });
        await Step.RunAsync(output, "Rosa opens a chapter for building 12", async () =>
        {
            await rosa.GoAsync($"/organizations/{unionId}");
            await rosa.FollowAsync(rosa.Main.GetByRole(AriaRole.Link, new() { Name = "Create a chapter inside this organization" }));
            await rosa.FillAsync(("Name", Chapter));
            await rosa.Main.Locator("#kind").SelectOptionAsync("BuildingAssociation");
            await rosa.Main.GetByLabel("Public: listed in the directory").CheckAsync();
            await rosa.Main.GetByLabel("By invitation only").CheckAsync();
            await Expect(rosa.Main.Locator("#parent")).ToHaveValueAsync(unionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await rosa.FollowAsync(rosa.Button("Create"));
            chapterId = OrganizationId(rosa.Path);
            Assert.Equal(Chapter, await rosa.HeadingAsync());
            await Expect(rosa.Main.GetByRole(AriaRole.Link, new() { Name = Union })).ToBeVisibleAsync();
        });

        await Step.RunAsync(output, "Tomás asks to transfer to the chapter, sharing his history", async () =>
        {
            await tomas.GoAsync($"/organizations/{unionId}");
            await tomas.Main.Locator("#to").SelectOptionAsync(new SelectOptionValue { Label = Chapter });
            await tomas.Main.GetByLabel("Share my join date and standing with the receiving organization").CheckAsync();
            await tomas.Main.Locator("#note").FillAsync("I live in building 12.");
            await tomas.FollowAsync(tomas.Button("Ask to transfer"));
        });
        await Step.RunAsync(output, "Rosa accepts the transfer in the chapter", async () =>
        {
            await rosa.GoAsync($"/organizations/{chapterId}");
            await rosa.FollowAsync(OrgNav(rosa, "Transfers"));
            var request = rosa.Main.Locator("li").Filter(new() { HasText = "Tomás" });
            await Expect(request).ToContainTextAsync("shared with consent");
            await rosa.FollowAsync(request.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }));
            await Expect(rosa.Main.Locator("li").Filter(new() { HasText = "Tomás" })).ToContainTextAsync("Accepted");
        });
        await Step.RunAsync(output, "Tomás is a member of the chapter, not of the union", async () =>
        {
            await tomas.GoAsync("/");
            await Expect(tomas.Main.GetByRole(AriaRole.Link, new() { Name = Chapter })).ToBeVisibleAsync();
            await Expect(tomas.Main.GetByRole(AriaRole.Link, new() { Name = Union, Exact = true })).ToHaveCountAsync(0);
            await tomas.FollowAsync(tomas.Main.GetByRole(AriaRole.Link, new() { Name = Chapter }));
            await Expect(tomas.Main).ToContainTextAsync("You are a member since");
        });

        await Step.RunAsync(output, "every section of the union opens for its admin", async () =>
        {
            await rosa.GoAsync($"/organizations/{unionId}");
            foreach (var section in new[] { "Units", "Members", "Invitations", "Federation", "Transfers", "Settings", "Audit log" })
            {
                await rosa.FollowAsync(OrgNav(rosa, section));
                Assert.Equal(section, await rosa.HeadingAsync());
            }
        });
    }

    static ILocator OrgNav(Visitor v, string section) =>
        v.Page.Locator("nav.orgnav").GetByRole(AriaRole.Link, new() { Name = section, Exact = true });

    static int OrganizationId(string path)
    {
        var match = OrganizationPath().Match(path);
        Assert.True(match.Success, $"not an organization page: {path}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^/organizations/(\d+)$")]
    private static partial Regex OrganizationPath();
}
