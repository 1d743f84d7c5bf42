using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Groundwork.BrowserTests;

/// A secret ranked election from phones: three members stand, vote with numbered selects and keep their trackers;
/// two more vote through the API (a secret result needs five ballots); the chair closes it; the stage report is on
/// the results page and each voter finds their receipt on the ballot board.
public sealed partial class DecisionsTests(SetUpSite site, ITestOutputHelper output) : IClassFixture<SetUpSite>
{
    [Fact]
    public async Task Three_members_elect_by_ranked_secret_ballot_from_their_phones_and_find_their_receipts_on_the_board()
    {
        var bea = AccountSteps.NewEmail("bea");
        var cy = AccountSteps.NewEmail("cy");
        var dee = AccountSteps.NewEmail("dee");
        var eli = AccountSteps.NewEmail("eli");
        foreach (var (email, name) in new[] { (bea, "Bea"), (cy, "Cy"), (dee, "Dee"), (eli, "Eli") })
        {
            var (code, text) = await site.App.RunCommandAsync("admin", "create-user", "--email", email, "--password", Site.Password, "--name", name);
            Assert.True(code == 0, text);
        }
        var tokens = new List<string>();
        foreach (var email in new[] { dee, eli })
        {
            var (code, text) = await site.App.RunCommandAsync("admin", "create-token", "--email", email, "--name", "phone", "--scope", "write");
            Assert.True(code == 0, text);
            tokens.Add(text.Trim().Split('\n').Last().Trim());
        }
        await using var chair = await site.VisitorAsync(output, phone: true);
        await using var beaPhone = await site.VisitorAsync(output, phone: true);
        await using var cyPhone = await site.VisitorAsync(output, phone: true);
        var orgId = 0;
        var pollPath = "";
        var trackers = new Dictionary<Visitor, string>();

        await Step.RunAsync(output, "the chair founds an open union", async () =>
        {
            await chair.SignInAsync(Site.AdminEmail);
            await chair.GoAsync("/organizations/new");
            await chair.FillAsync(("Name", "Harbour Workers " + Guid.NewGuid().ToString("N")[..6]));
            await chair.Main.GetByLabel("Public: listed in the directory").CheckAsync();
            await chair.Main.GetByLabel("Open: anyone can join").CheckAsync();
            await chair.FollowAsync(chair.Button("Create"));
            orgId = int.Parse(OrgPath().Match(chair.Path).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        });
        await Step.RunAsync(output, "Bea and Cy join from their phones, Dee and Eli through the API", async () =>
        {
            foreach (var (v, email) in new[] { (beaPhone, bea), (cyPhone, cy) })
            {
                await v.SignInAsync(email);
                await v.GoAsync($"/organizations/{orgId}");
                await v.FollowAsync(v.Button("Join"));
            }
            foreach (var t in tokens)
                Assert.Equal(HttpStatusCode.OK, (await Api(t).PostAsync($"/api/v1/organizations/{orgId}/join", null)).StatusCode);
        });
        await Step.RunAsync(output, "the chair creates a secret ranked election", async () =>
        {
            await chair.GoAsync($"/organizations/{orgId}");
            await chair.FollowAsync(chair.Page.Locator("nav.orgnav").GetByRole(AriaRole.Link, new() { Name = "Decisions", Exact = true }));
            await chair.FollowAsync(chair.Main.GetByRole(AriaRole.Link, new() { Name = "New poll or election" }));
            await chair.Main.Locator("#kind").SelectOptionAsync("Election");
            await chair.Main.Locator("#title").FillAsync("Shop steward");
            await chair.Main.Locator("input[name=secret]").CheckAsync();
            await chair.Main.Locator("#method").SelectOptionAsync("irv");
            await chair.FollowAsync(chair.Button("Create"));
            pollPath = chair.Path;
            Assert.Matches(PollPathRegex(), pollPath);
            Assert.Equal("Shop steward", await chair.HeadingAsync());
        });
        await Step.RunAsync(output, "three members stand for election and the chair opens voting", async () =>
        {
            foreach (var v in new[] { chair, beaPhone, cyPhone })
            {
                await v.GoAsync(pollPath);
                await v.Main.Locator("#stand-statement").FillAsync("I will answer every grievance within a week.");
                await v.FollowAsync(v.Button("Stand for election"));
                await Expect(v.Main).ToContainTextAsync("You stand for election.");
            }
            await chair.FollowAsync(chair.Button("Open voting now"));
            await Expect(chair.Main).ToContainTextAsync("Voting is open.");
        });
        await Step.RunAsync(output, "each ranks the candidates with numbered selects and gets a tracker", async () =>
        {
            foreach (var (v, first, second) in new[] { (chair, "Admin", "Bea"), (beaPhone, "Bea", "Cy"), (cyPhone, "Cy", "Bea") })
            {
                await v.GoAsync(pollPath);
                await v.Main.Locator(".rank-row").Filter(new() { HasText = first }).Locator("select").SelectOptionAsync("1");
                await v.Main.Locator(".rank-row").Filter(new() { HasText = second }).Locator("select").SelectOptionAsync("2");
                await v.FollowAsync(v.Button("Cast my secret ballot"));
                var tracker = (await v.Main.Locator("code.tracker").InnerTextAsync()).Trim();
                Assert.Matches(TrackerRegex(), tracker);
                trackers[v] = tracker;
                await v.GoAsync(pollPath);
                await Expect(v.Main).ToContainTextAsync("You have voted.");
                await Expect(v.Main).Not.ToContainTextAsync(tracker);
            }
        });
        await Step.RunAsync(output, "Dee and Eli vote through the API", async () =>
        {
            using var poll = JsonDocument.Parse(await Api(tokens[0]).GetStringAsync($"/api/v1{pollPath.Replace("/decisions/polls/", "/polls/", StringComparison.Ordinal)}"));
            var ids = poll.RootElement.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("label").GetString()!, o => o.GetProperty("id").GetInt32());
            foreach (var t in tokens)
            {
                var res = await Api(t).PostAsJsonAsync($"/api/v1{pollPath.Replace("/decisions/polls/", "/polls/", StringComparison.Ordinal)}/votes", new { ranking = new[] { ids["Bea"], ids["Admin"] } });
                Assert.Equal(HttpStatusCode.Created, res.StatusCode);
            }
        });
        await Step.RunAsync(output, "the chair closes the election and the stage report shows every round", async () =>
        {
            await chair.GoAsync(pollPath);
            await chair.FollowAsync(chair.Button("Close the poll and count"));
            await Expect(chair.Main.Locator("table.stages")).ToBeVisibleAsync();
            await Expect(chair.Main.Locator("table.stages tbody tr")).Not.ToHaveCountAsync(0);
            await Expect(chair.Main.Locator("p.elected")).ToContainTextAsync("Bea");
            await Expect(chair.Main.Locator("figure.chart svg")).ToBeVisibleAsync();
        });
        await Step.RunAsync(output, "each voter finds their own receipt on the ballot board", async () =>
        {
            foreach (var (v, tracker) in trackers)
            {
                await v.GoAsync(pollPath);
                await Expect(v.Main.Locator("table.stages")).ToBeVisibleAsync();
                await v.FollowAsync(v.Main.GetByRole(AriaRole.Link, new() { Name = "Ballot board", Exact = true }));
                await Expect(v.Main.Locator("table")).ToContainTextAsync(tracker);
                await v.Main.Locator("#tracker").FillAsync(tracker);
                await v.FollowAsync(v.Button("Find my ballot"));
                await Expect(v.Main.Locator("#tracker-result")).ToContainTextAsync("Found: your ballot reads");
            }
        });
    }

    HttpClient Api(string token)
    {
        var c = new HttpClient { BaseAddress = site.App.Url };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    [GeneratedRegex(@"^/organizations/(\d+)$")]
    private static partial Regex OrgPath();

    [GeneratedRegex(@"^/organizations/\d+/decisions/polls/\d+$")]
    private static partial Regex PollPathRegex();

    [GeneratedRegex("^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$")]
    private static partial Regex TrackerRegex();
}
