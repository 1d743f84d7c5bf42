using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Groundwork.BrowserTests;

/// Pledges in the browser, under the real CSP with axe on every page: an organizer starts a pledge and signs it with
/// one tap; she starts a public one, and a stranger on a phone signs it by confirming an email address.
public sealed class PledgesTests(SetUpSite site, ITestOutputHelper output) : IClassFixture<SetUpSite>
{
    [Fact]
    public async Task An_organizer_starts_and_signs_a_pledge_and_a_stranger_signs_a_public_one_by_email()
    {
        await using var rosa = await site.VisitorAsync(output);
        await using var stranger = await site.VisitorAsync(output, phone: true);
        var rosaEmail = AccountSteps.NewEmail("rosa");
        var strangerEmail = AccountSteps.NewEmail("stranger");
        var publicUrl = "";

        await Step.RunAsync(output, "Rosa joins and founds a public union", async () =>
        {
            await rosa.JoinAsync(site.App, rosaEmail, "Rosa");
            await rosa.FollowAsync(rosa.Main.GetByRole(AriaRole.Link, new() { Name = "Start an organization" }));
            await rosa.FillAsync(("Name", "Night Shift Union " + Guid.NewGuid().ToString("N")[..6]));
            await rosa.Main.GetByLabel("Public: listed in the directory").CheckAsync();
            await rosa.FollowAsync(rosa.Button("Create"));
        });
        await Step.RunAsync(output, "Rosa opens Pledges and starts one that needs one signer", async () =>
        {
            await rosa.FollowAsync(rosa.Page.Locator("nav.orgnav").GetByRole(AriaRole.Link, new() { Name = "Pledges", Exact = true }));
            Assert.Equal("Pledges", await rosa.HeadingAsync());
            await Expect(rosa.Main).ToContainTextAsync("No pledges yet.");
            await rosa.FillAsync(("What signers commit to", "We stop work at noon on Friday"), ("At least this many signers", "1"));
            await rosa.Main.GetByLabel("Deadline (UTC)", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
            await rosa.FollowAsync(rosa.Button("Start the pledge"));
            Assert.Contains("/pledges/", rosa.Path, StringComparison.Ordinal);
            await Expect(rosa.Main).ToContainTextAsync("We stop work at noon on Friday");
            await Expect(rosa.Main.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "0 of 1 signed (0%)");
        });
        await Step.RunAsync(output, "one tap signs it, and it activates", async () =>
        {
            await rosa.FollowAsync(rosa.Button("Sign: I'm in"));
            await Expect(rosa.Main).ToContainTextAsync("Active");
            await Expect(rosa.Main.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "1 of 1 signed (100%)");
        });
        await Step.RunAsync(output, "Rosa starts a public pledge", async () =>
        {
            await rosa.FollowAsync(rosa.Page.Locator("nav.orgnav").GetByRole(AriaRole.Link, new() { Name = "Pledges", Exact = true }));
            await rosa.FillAsync(("What signers commit to", "Elm Street withholds rent from 1 May"), ("At least this many signers", "50"));
            await rosa.Main.GetByLabel("Deadline (UTC)", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
            await rosa.Main.GetByLabel("Who may sign").SelectOptionAsync("Public");
            await rosa.FollowAsync(rosa.Button("Start the pledge"));
            await rosa.FollowAsync(rosa.Main.GetByRole(AriaRole.Link, new() { Name = "public page of this pledge" }));
            publicUrl = rosa.Page.Url;
            Assert.Contains("/pledges/public/", publicUrl, StringComparison.Ordinal);
        });
        await Step.RunAsync(output, "a stranger on a phone signs it with an email and confirms from the link", async () =>
        {
            await stranger.GoAsync(publicUrl);
            await Expect(stranger.Main).ToContainTextAsync("Elm Street withholds rent from 1 May");
            await stranger.FillAsync(("Email", strangerEmail));
            await stranger.FollowAsync(stranger.Button("Sign"));
            await Expect(stranger.Main).ToContainTextAsync("Check your email");
            var link = await Mailbox.LinkAsync(site.App, strangerEmail, "/pledges/confirm/");
            await stranger.GoAsync(link);
            await stranger.FollowAsync(stranger.Button("Confirm: count my signature"));
            await Expect(stranger.Main).ToContainTextAsync("Your signature counts.");
            await stranger.FollowAsync(stranger.Main.GetByRole(AriaRole.Link, new() { Name = "See the pledge" }));
            await Expect(stranger.Main.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "1 of 50 signed (2%)");
        });
    }
}
