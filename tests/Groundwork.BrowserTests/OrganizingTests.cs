using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Groundwork.BrowserTests;

/// An organizer on a phone maps the workplace, adds a coworker, logs a one-on-one with an assessment and a
/// follow-up, and sees the wall chart change; every page on the way passes axe under the real CSP.
public sealed class OrganizingTests(SetUpSite site, ITestOutputHelper output) : IClassFixture<SetUpSite>
{
    [Fact]
    public async Task An_organizer_logs_a_one_on_one_from_a_phone_and_sees_the_wall_chart_change()
    {
        await using var ana = await site.VisitorAsync(output, phone: true);
        var orgId = 0;
        await Step.RunAsync(output, "Ana joins and founds a workplace committee", async () =>
        {
            await ana.JoinAsync(site.App, AccountSteps.NewEmail("ana"), "Ana");
            await ana.FollowAsync(ana.Main.GetByRole(AriaRole.Link, new() { Name = "Start an organization" }));
            await ana.FillAsync(("Name", "Bakery workers " + Guid.NewGuid().ToString("N")[..6]));
            await ana.Main.GetByLabel("By invitation only").CheckAsync();
            await ana.FollowAsync(ana.Button("Create"));
            orgId = int.Parse(ana.Path.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        });
        await Step.RunAsync(output, "Ana maps the workplace into a unit", async () =>
        {
            await ana.GoAsync($"/organizations/{orgId}/units");
            await ana.FillAsync(("Name", "Ovens"));
            await ana.FollowAsync(ana.Button("Add"));
            await Expect(ana.Main).ToContainTextAsync("Ovens");
        });
        await Step.RunAsync(output, "the wall chart shows the empty unit", async () =>
        {
            await ana.FollowAsync(ana.Page.Locator("nav.orgnav").GetByRole(AriaRole.Link, new() { Name = "Organizing", Exact = true }));
            Assert.Equal("Organizing", await ana.HeadingAsync());
            await Expect(ana.Main.Locator(".wall-unit")).ToContainTextAsync("Ovens");
            await Expect(ana.Main.Locator(".wall-unit")).ToContainTextAsync("No eligible contacts here yet.");
        });
        await Step.RunAsync(output, "Ana adds a coworker to the unit", async () =>
        {
            await ana.FollowAsync(ana.Main.GetByRole(AriaRole.Link, new() { Name = "New contact" }));
            await ana.Main.Locator("#new-name").FillAsync("Marta the baker");
            await ana.Main.Locator("#new-units").SelectOptionAsync(new SelectOptionValue { Label = "Ovens" });
            await ana.Main.Locator("#new-role").FillAsync("Night baker");
            await ana.Main.Locator("#new-phone").FillAsync("+34 600 000 001");
            await ana.FollowAsync(ana.Button("Add contact"));
            Assert.Equal("Marta the baker", await ana.HeadingAsync());
        });
        await Step.RunAsync(output, "Ana logs the one-on-one with an assessment and a follow-up", async () =>
        {
            await ana.Main.Locator("#t-channel").SelectOptionAsync("InPerson");
            await ana.Main.Locator("#t-notes").FillAsync("Worried about the new rota; will bring two coworkers.");
            await ana.Main.Locator("#t-level").SelectOptionAsync(new SelectOptionValue { Label = "Support: 1. Leader" });
            await ana.Main.Locator("#t-next").FillAsync("Meet after the shift on Friday");
            await ana.Main.Locator("#t-follow").FillAsync(DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await ana.FollowAsync(ana.Button("Save the one-on-one"));
            await Expect(ana.Main.Locator(".status")).ToContainTextAsync("One-on-one saved.");
            await Expect(ana.Main).ToContainTextAsync("Worried about the new rota");
        });
        await Step.RunAsync(output, "the wall chart shows her as a leader on the support scale", async () =>
        {
            await ana.FollowAsync(ana.Page.Locator("nav.orgnav").GetByRole(AriaRole.Link, new() { Name = "Wall chart", Exact = true }));
            var chip = ana.Main.Locator(".wall-unit a.chip", new() { HasText = "Marta the baker" });
            await Expect(chip).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\blvl-1\b"));
            await Expect(chip.Locator(".lvl")).ToHaveTextAsync("1");
            await Expect(ana.Main.Locator(".legend li").First).ToContainTextAsync("Leader: 1");
            await Expect(ana.Main.Locator(".totals")).ToContainTextAsync("1 eligible contacts counted");
        });
        await Step.RunAsync(output, "the filters narrow the chart to the unassessed, who are none", async () =>
        {
            await ana.Main.Locator("#f-level").SelectOptionAsync("0");
            await ana.FollowAsync(ana.Button("Show"));
            await Expect(ana.Main.Locator(".wall-unit a.chip")).ToHaveCountAsync(0);
        });
        await Step.RunAsync(output, "the follow-up, leaders and lists pages open", async () =>
        {
            var nav = ana.Page.Locator("nav.orgnav");
            await ana.FollowAsync(nav.GetByRole(AriaRole.Link, new() { Name = "My follow-ups", Exact = true }));
            await Expect(ana.Main).ToContainTextAsync("Meet after the shift on Friday");
            await ana.FollowAsync(nav.GetByRole(AriaRole.Link, new() { Name = "Leaders", Exact = true }));
            await Expect(ana.Main).ToContainTextAsync("Units without a leader");
            await ana.FollowAsync(nav.GetByRole(AriaRole.Link, new() { Name = "Scales and lists", Exact = true }));
            await ana.FillAsync(("New issue", "The new rota"));
            await ana.FollowAsync(ana.Main.Locator("form", new() { Has = ana.Page.Locator("#issue-name") }).GetByRole(AriaRole.Button, new() { Name = "Add" }));
            await Expect(ana.Main).ToContainTextAsync("The new rota");
            await ana.FollowAsync(nav.GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }));
            await Expect(ana.Main.Locator("table")).ToContainTextAsync("Marta the baker");
        });
    }
}
