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

    [Fact]
    public async Task A_member_nominates_another_from_the_page_and_the_nominee_accepts_there()
    {
        var a = await f.AssemblyAsync(4);
        var election = await a.CreatePollAsync(new { kind = "Election", title = "Treasurer", seats = 1, method = "irv", secret = true });
        var path = $"/organizations/{a.OrgId}/decisions/polls/{election.Id}";
        var nominator = await f.SignedInCookieClientAsync(a.Members[0]);
        var page = await nominator.GetStringAsync(path);
        Assert.Contains("name=\"nomineeId\"", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{a.Members[1].Id}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{a.Members[0].Id}\"", page, StringComparison.Ordinal);

        // Nobody chosen, or someone outside the organization: a field message, and nothing stored.
        var empty = await nominator.PostFormAsync(path, "nominate", new() { ["nomineeId"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Choose the member you nominate.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var outsider = await f.CreateUserAsync("Outsider");
        var stranger = await nominator.PostFormAsync(path, "nominate", new() { ["nomineeId"] = outsider.Id });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("Only a member of this organization can be nominated.", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await (await a.Admin.Api.GetAsync(a.Poll(election.Id))).ReadAsync<PollView>()).Nominations);

        var sent = await nominator.PostFormAsync(path, "nominate", new() { ["nomineeId"] = a.Members[1].Id });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var sentHtml = await sent.Content.ReadAsStringAsync();
        Assert.Contains("Nomination sent", sentHtml, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{a.Members[1].Id}\"", sentHtml, StringComparison.Ordinal);
        // A second nomination of the same member is refused by the database's unique index, with the message.
        var twice = await (await f.SignedInCookieClientAsync(a.Members[2])).PostFormAsync(path, "nominate", new() { ["nomineeId"] = a.Members[1].Id });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("This member is already nominated.", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Pending until the nominee answers, on the same page; only then is it on the ballot.
        var pending = Assert.Single((await (await a.Admin.Api.GetAsync(a.Poll(election.Id))).ReadAsync<PollView>()).Nominations);
        Assert.Equal(NominationStatus.Pending, pending.Status);
        Assert.Equal(a.Members[1].Id, pending.NomineeId);
        Assert.False(pending.NominatedBySelf);
        var nominee = await f.SignedInCookieClientAsync(a.Members[1]);
        Assert.Contains($"answer-statement-{pending.Id}", await nominee.GetStringAsync(path), StringComparison.Ordinal);
        Assert.DoesNotContain($"answer-statement-{pending.Id}", await nominator.GetStringAsync(path), StringComparison.Ordinal);
        var accepted = await nominee.PostFormAsync(path, $"answer-{pending.Id}", new() { ["accept"] = "true", ["statement"] = "I will keep the books open." });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var done = Assert.Single((await (await a.Admin.Api.GetAsync(a.Poll(election.Id))).ReadAsync<PollView>()).Nominations);
        Assert.Equal(NominationStatus.Accepted, done.Status);
        Assert.Equal("I will keep the books open.", done.Statement);
    }

    [GeneratedRegex("<code class=\"tracker\">([A-Z0-9-]+)</code>")]
    private static partial Regex TrackerRegex();
}
