using System.Net;
using System.Text.RegularExpressions;
using Groundwork.Decisions;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Decisions;

/// The pages work as plain forms, without JavaScript.
public sealed partial class DecisionPageTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    [Fact]
    public async Task An_organizer_creates_a_secret_ranked_poll_members_rank_with_numbered_selects_and_find_their_tracker_on_the_board()
    {
        var a = await f.AssemblyAsync(5);
        var chair = await f.SignedInCookieClientAsync(a.Admin);
        var list = await chair.GetStringAsync($"/organizations/{a.OrgId}/decisions");
        Assert.Contains($"organizations/{a.OrgId}/discussions", list, StringComparison.Ordinal);
        Assert.Contains($"organizations/{a.OrgId}/motions", list, StringComparison.Ordinal);
        var created = await chair.PostFormAsync($"/organizations/{a.OrgId}/decisions/new", "new-poll", new()
        {
            ["kind"] = "Ranked", ["title"] = "Name the newsletter", ["options"] = "The Spark\nThe Floor\nOur Voice", ["secret"] = "true", ["method"] = "irv",
            ["seats"] = "1", ["scoreMin"] = "0", ["scoreMax"] = "5", ["thresholdNumerator"] = "1", ["thresholdDenominator"] = "2", ["reminderHours"] = "24",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var pollPath = "/" + created.Headers.Location!.OriginalString.TrimStart('/').Replace("https://localhost/", "", StringComparison.Ordinal);
        var pollId = int.Parse(pollPath.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var options = (await (await a.Admin.Api.GetAsync(a.Poll(pollId))).ReadAsync<PollView>()).Options.ToDictionary(o => o.Label, o => o.Id);

        var trackers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var voter = await f.SignedInCookieClientAsync(a.Members[i]);
            var page = await voter.GetStringAsync(pollPath);
            Assert.Contains($"name=\"rank-{options["The Spark"]}\"", page, StringComparison.Ordinal);
            var res = await voter.PostFormAsync(pollPath, "vote", new()
            {
                [$"rank-{options["Our Voice"]}"] = "1", [$"rank-{options[i % 2 == 0 ? "The Spark" : "The Floor"]}"] = "2",
            });
            var html = await res.Content.ReadAsStringAsync();
            Assert.True(res.StatusCode == HttpStatusCode.OK, html);
            var m = TrackerRegex().Match(html);
            Assert.True(m.Success, "no tracker shown");
            trackers.Add(m.Groups[1].Value);
            // Reloading shows that they voted, and never the tracker again.
            var again = await voter.GetStringAsync(pollPath);
            Assert.DoesNotContain(m.Groups[1].Value, again, StringComparison.Ordinal);
        }
        // A rank given twice is refused on the form.
        var sixth = await f.SignedInCookieClientAsync(a.Admin);
        var dup = await sixth.PostFormAsync(pollPath, "vote", new() { [$"rank-{options["Our Voice"]}"] = "1", [$"rank-{options["The Floor"]}"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, dup.StatusCode);

        var closed = await chair.PostFormAsync(pollPath, "close", []);
        var result = await closed.Content.ReadAsStringAsync();
        Assert.Contains("Our Voice", result, StringComparison.Ordinal);
        Assert.Contains("<svg", result, StringComparison.Ordinal);
        Assert.Contains("class=\"stages\"", result, StringComparison.Ordinal);

        var board = $"{pollPath}/board";
        var found = await chair.PostFormAsync(board, "find", new() { ["tracker"] = trackers[2].ToLowerInvariant() });
        var foundHtml = await found.Content.ReadAsStringAsync();
        Assert.Contains("Our Voice &gt; The Spark", foundHtml, StringComparison.Ordinal);
        var missing = await chair.PostFormAsync(board, "find", new() { ["tracker"] = "AAAA-BBBB-CCCC-DDDD-EEEE" });
        Assert.Contains("No ballot with this tracker", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<code class=\"tracker\">([A-Z0-9-]+)</code>")]
    private static partial Regex TrackerRegex();
}
