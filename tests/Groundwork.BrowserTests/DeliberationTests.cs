using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Groundwork.BrowserTests;

/// Deciding together from phones: Nadia founds an open union and chairs it; Omar joins, starts a discussion, and they
/// reply to each other; Omar moves a motion, Nadia seconds it and opens the debate, Omar amends a paragraph, and the
/// amendment and then the motion are voted and adopted. Every page is checked with axe, under the real CSP.
public sealed partial class DeliberationTests(SetUpSite site, ITestOutputHelper output) : IClassFixture<SetUpSite>
{
    [Fact]
    public async Task From_phones_members_discuss_and_a_chair_takes_a_motion_through_an_amendment_and_a_vote_to_adopted()
    {
        await using var nadia = await site.VisitorAsync(output, phone: true);
        await using var omar = await site.VisitorAsync(output, phone: true);
        var union = "Harbour Workers " + Guid.NewGuid().ToString("N")[..6];
        var orgId = 0;

        await Step.RunAsync(output, "Nadia joins and founds an open union", async () =>
        {
            await nadia.JoinAsync(site.App, AccountSteps.NewEmail("nadia"), "Nadia");
            await nadia.GoAsync("/organizations/new");
            await nadia.FillAsync(("Name", union));
            await nadia.Main.GetByLabel("Public: listed in the directory").CheckAsync();
            await nadia.Main.GetByLabel("Open: anyone can join").CheckAsync();
            await nadia.FollowAsync(nadia.Button("Create"));
            orgId = int.Parse(OrgPath().Match(nadia.Path).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        });
        await Step.RunAsync(output, "Omar joins the union", async () =>
        {
            await omar.JoinAsync(site.App, AccountSteps.NewEmail("omar"), "Omar");
            await omar.GoAsync($"/organizations/{orgId}");
            await omar.FollowAsync(omar.Button("Join"));
            await Expect(omar.Main).ToContainTextAsync("You are a member since");
        });

        await Step.RunAsync(output, "Omar starts a discussion", async () =>
        {
            await omar.GoAsync($"/organizations/{orgId}/discussions");
            Assert.Equal("Discussions", await omar.HeadingAsync());
            await omar.Main.Locator("#thread-title").FillAsync("Night shift breaks");
            await omar.Main.Locator("#thread-body").FillAsync("We get **no break** after midnight. @Nadia, can we raise it?");
            await omar.FollowAsync(omar.Button("Start the discussion"));
            Assert.Equal("Night shift breaks", await omar.HeadingAsync());
            await Expect(omar.Main.Locator("article.post strong").First).ToHaveTextAsync("Omar");
            await Expect(omar.Main.Locator(".post-body strong")).ToHaveTextAsync("no break");
        });
        var thread = omar.Path;
        await Step.RunAsync(output, "Nadia is told of the mention, opens the thread and replies", async () =>
        {
            await nadia.GoAsync("/notifications");
            await nadia.FollowAsync(nadia.Main.GetByRole(AriaRole.Link, new() { Name = "Omar mentioned you in a discussion" }));
            Assert.Equal("Night shift breaks", await nadia.HeadingAsync());
            await nadia.Main.Locator("#reply-body").FillAsync("Yes: let's put a motion to the members.");
            await nadia.FollowAsync(nadia.Button("Post the reply"));
            await Expect(nadia.Main.Locator("ol.posts")).ToContainTextAsync("put a motion to the members");
        });
        await Step.RunAsync(output, "Omar replies to Nadia's reply", async () =>
        {
            await omar.GoAsync(thread);
            await omar.FollowAsync(omar.Main.Locator("ol.posts article.post").First.GetByRole(AriaRole.Link, new() { Name = "Reply" }));
            await omar.Main.Locator("#reply-body").FillAsync("I will write it.");
            await omar.FollowAsync(omar.Button("Post the reply"));
            await Expect(omar.Main.Locator("ol.posts.nested")).ToContainTextAsync("I will write it.");
        });

        await Step.RunAsync(output, "Omar moves a motion", async () =>
        {
            await omar.GoAsync($"/organizations/{orgId}/motions");
            Assert.Equal("Motions", await omar.HeadingAsync());
            await omar.Main.Locator("#motion-title").FillAsync("Breaks on the night shift");
            await omar.Main.Locator("#motion-text").FillAsync("The night shift gets a paid break.\n\nThe break lasts 15 minutes.");
            await omar.FollowAsync(omar.Button("Submit the motion"));
            Assert.Equal("Breaks on the night shift", await omar.HeadingAsync());
            await Expect(omar.Main).ToContainTextAsync("Submitted");
        });
        var motion = omar.Path;
        await Step.RunAsync(output, "Nadia seconds it and opens the debate", async () =>
        {
            await nadia.GoAsync(motion);
            await nadia.FollowAsync(nadia.Button("Second this motion"));
            await Expect(nadia.Main).ToContainTextAsync("seconded by Nadia");
            await nadia.FollowAsync(nadia.Button("Open the debate"));
            await Expect(nadia.Main).ToContainTextAsync("In debate");
        });
        await Step.RunAsync(output, "Omar proposes to replace paragraph 2 and Nadia seconds the amendment", async () =>
        {
            await omar.GoAsync(motion);
            await omar.Main.Locator("#amend-kind").SelectOptionAsync("Replace");
            await omar.Main.Locator("#amend-paragraph").FillAsync("2");
            await omar.Main.Locator("#amend-text").FillAsync("The break lasts 30 minutes.");
            await omar.FollowAsync(omar.Button("Propose the amendment"));
            await Expect(omar.Main.Locator("ol.amendments ins")).ToContainTextAsync("30");
            await Expect(omar.Main.Locator("ol.amendments del")).ToContainTextAsync("15");
            await nadia.GoAsync(motion);
            await nadia.FollowAsync(nadia.Main.Locator("ol.amendments li").First.GetByRole(AriaRole.Button, new() { Name = "Second", Exact = true }));
        });
        await Step.RunAsync(output, "the amendment is voted electronically and adopted", async () =>
        {
            await nadia.FollowAsync(nadia.Main.Locator("ol.amendments li").First.GetByRole(AriaRole.Button, new() { Name = "Start the vote" }));
            await Expect(nadia.Main).ToContainTextAsync("Vote on amendment 1");
            await nadia.Main.GetByLabel("In favour").CheckAsync();
            await nadia.FollowAsync(nadia.Button("Cast my vote"));
            await omar.GoAsync(motion);
            await omar.Main.GetByLabel("In favour").CheckAsync();
            await omar.FollowAsync(omar.Button("Cast my vote"));
            await Expect(omar.Main).ToContainTextAsync("Your vote: In favour.");
            await nadia.GoAsync(motion);
            await nadia.FollowAsync(nadia.Button("Close the vote and count"));
            await Expect(nadia.Main.Locator("ol.motion-text").First).ToContainTextAsync("The break lasts 30 minutes.");
            await Expect(nadia.Main.Locator("ol.amendments")).ToContainTextAsync("Adopted");
        });
        await Step.RunAsync(output, "the motion is voted by a show of hands and adopted, its history kept", async () =>
        {
            var toVote = nadia.Main.Locator("form").Filter(new() { HasText = "Put the motion to a vote" });
            await toVote.Locator("select").SelectOptionAsync("ShowOfHands");
            await nadia.FollowAsync(toVote.GetByRole(AriaRole.Button, new() { Name = "Start the vote" }));
            await nadia.Main.GetByLabel("In favour").FillAsync("2");
            await nadia.Main.GetByLabel("Against", new() { Exact = true }).FillAsync("0");
            await nadia.Main.GetByLabel("Abstain", new() { Exact = true }).FillAsync("0");
            await nadia.FollowAsync(nadia.Button("Close the vote and count"));
            await Expect(nadia.Main.Locator(".badge").First).ToHaveTextAsync("Adopted");
            await Expect(nadia.Main).ToContainTextAsync("2 for, 0 against");
            await Expect(nadia.Main.Locator("details")).ToHaveCountAsync(2);
            await omar.GoAsync($"/organizations/{orgId}/motions?status=Adopted");
            await Expect(omar.Main.GetByRole(AriaRole.Link, new() { Name = "Breaks on the night shift" })).ToBeVisibleAsync();
        });
    }

    [GeneratedRegex(@"^/organizations/(\d+)$")]
    private static partial Regex OrgPath();
}
