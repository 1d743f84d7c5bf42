using System.Net;
using System.Text.Json;
using Groundwork.Data;
using Groundwork.Decisions;
using Groundwork.Members;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Decisions;

public sealed class PollTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    Task<(int Votes, int Roll, int Sealed, int Published)> CountsAsync(int pollId) => f.WithDbAsync(async db => (
        await db.Votes.CountAsync(v => v.PollId == pollId), await db.VoterRoll.CountAsync(v => v.PollId == pollId),
        await db.SealedBallots.CountAsync(v => v.PollId == pollId), await db.PublishedBallots.CountAsync(v => v.PollId == pollId)));

    static async Task AssertProblemAsync(HttpResponseMessage res, HttpStatusCode status, string contains)
    {
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == status, $"expected {status}, got {(int)res.StatusCode} {body}");
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        Assert.Contains(contains, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_proposal_counts_agree_against_the_threshold_shows_reasons_and_stores_the_result_at_close()
    {
        var a = await f.AssemblyAsync(5);
        var poll = await a.CreatePollAsync(new { kind = "Proposal", title = "Adopt the budget", thresholdNumerator = 2, thresholdDenominator = 3, thresholdStrict = false });
        Assert.Equal(PollStatus.Open, poll.Status);
        Assert.Equal(["Agree", "Abstain", "Disagree", "Block"], poll.Options.Select(o => o.Label));
        Assert.Equal(6, poll.EntitledCount); // five members and the admin
        int Opt(string label) => poll.Options.Single(o => o.Label == label).Id;
        await a.VoteOkAsync(a.Members[0], poll.Id, new { choice = Opt("Agree"), reason = "Fair" });
        await a.VoteOkAsync(a.Members[1], poll.Id, new { choice = Opt("Agree") });
        await a.VoteOkAsync(a.Members[2], poll.Id, new { choice = Opt("Disagree"), reason = "Too little for the fund" });
        var live = await (await a.Admin.Api.GetAsync($"{a.Poll(poll.Id)}/results")).ReadAsync<PollResult>();
        Assert.Equal(2, live.Totals.Single(t => t.Label == "Agree").Value);
        Assert.Contains(live.Reasons, r => r.Reason == "Too little for the fund" && r.Position == "Disagree" && r.Name == "Voter 3");
        var result = await a.CloseAsync(poll.Id);
        Assert.True(result.Passed); // 2 of 3 cast is at least two thirds
        Assert.Equal(3, result.Ballots);
        var stored = await f.WithDbAsync(db => db.Polls.Where(p => p.Id == poll.Id).Select(p => p.ResultJson).SingleAsync());
        Assert.Contains("Agree", stored!, StringComparison.Ordinal);
        await AssertProblemAsync(await a.VoteAsync(a.Members[3], poll.Id, new { choice = Opt("Agree") }), HttpStatusCode.Conflict, "closed");
        Assert.Equal(3, (await CountsAsync(poll.Id)).Votes);
    }

    [Fact]
    public async Task A_block_stops_a_proposal_whatever_the_majority()
    {
        var a = await f.AssemblyAsync(4);
        var poll = await a.CreatePollAsync(new { kind = "Proposal", title = "Sell the van" });
        for (var i = 0; i < 3; i++) await a.VoteOkAsync(a.Members[i], poll.Id, new { choice = poll.Options[0].Id });
        await a.VoteOkAsync(a.Members[3], poll.Id, new { choice = poll.Options.Single(o => o.Label == "Block").Id });
        var r = await a.CloseAsync(poll.Id);
        Assert.False(r.Passed);
        Assert.StartsWith("Blocked", r.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_vote_keeps_its_history_and_only_the_latest_counts()
    {
        var a = await f.AssemblyAsync(2);
        var poll = await a.CreatePollAsync(new { kind = "SingleChoice", title = "Meeting place", options = new[] { "Hall", "Pub" }, allowVoteChange = true });
        await a.VoteOkAsync(a.Members[0], poll.Id, new { choice = poll.Options[0].Id });
        await a.VoteOkAsync(a.Members[0], poll.Id, new { choice = poll.Options[1].Id });
        var rows = await f.WithDbAsync(db => db.Votes.Where(v => v.PollId == poll.Id).OrderBy(v => v.Id).Select(v => v.Latest).ToListAsync());
        Assert.Equal([false, true], rows);
        var me = await (await a.Members[0].Api.GetAsync(a.Poll(poll.Id))).ReadAsync<PollView>();
        Assert.Equal(poll.Options.Single(o => o.Label == "Pub").Id, me.Me.Current!.Choice);
        var r = await a.CloseAsync(poll.Id);
        Assert.Equal(["Pub"], r.Elected);
        Assert.Equal(1, r.Ballots);
    }

    [Fact]
    public async Task Without_vote_change_a_second_vote_is_refused_and_nothing_is_stored()
    {
        var a = await f.AssemblyAsync(1);
        var poll = await a.CreatePollAsync(new { kind = "SingleChoice", title = "Colour", options = new[] { "Red", "Green" } });
        await a.VoteOkAsync(a.Members[0], poll.Id, new { choice = poll.Options[0].Id });
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], poll.Id, new { choice = poll.Options[1].Id }), HttpStatusCode.Conflict, "already voted");
        Assert.Equal(1, (await CountsAsync(poll.Id)).Votes);
    }

    [Fact]
    public async Task Bad_ballots_get_a_clear_problem_and_store_nothing()
    {
        var a = await f.AssemblyAsync(2);
        var ranked = await a.CreatePollAsync(new { kind = "Ranked", title = "Name the co-op", options = new[] { "Acorn", "Beacon", "Commons" } });
        var o = ranked.Options.OrderBy(x => x.Position).Select(x => x.Id).ToArray();
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], ranked.Id, new { ranking = new[] { o[0], o[1], o[0] } }), HttpStatusCode.BadRequest, "named twice");
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], ranked.Id, new { ranking = new[] { o[0], 999_999 } }), HttpStatusCode.BadRequest, "not on this poll");
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], ranked.Id, new { ranking = Array.Empty<int>() }), HttpStatusCode.BadRequest, "rank at least one");
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], ranked.Id, new { choice = o[0] }), HttpStatusCode.BadRequest, "takes a ranking");
        var score = await a.CreatePollAsync(new { kind = "Score", title = "Rate the venues", options = new[] { "Hall", "Pub" }, scoreMin = 0, scoreMax = 5 });
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], score.Id, new { values = new[] { new { optionId = score.Options[0].Id, value = 6 } } }), HttpStatusCode.BadRequest, "from 0 to 5");
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], score.Id, new { values = new[] { new { optionId = score.Options[0].Id, value = -1 } } }), HttpStatusCode.BadRequest, "from 0 to 5");
        var dots = await a.CreatePollAsync(new { kind = "DotVote", title = "Priorities", options = new[] { "Rent", "Repairs", "Heating" }, points = 3, maxPerOption = 2 });
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], dots.Id, new { values = new[] { new { optionId = dots.Options[0].Id, value = 2 }, new { optionId = dots.Options[1].Id, value = 2 } } }), HttpStatusCode.BadRequest, "3 points");
        foreach (var id in new[] { ranked.Id, score.Id, dots.Id }) Assert.Equal(0, (await CountsAsync(id)).Votes);
    }

    [Fact]
    public async Task Votes_before_open_or_by_someone_not_on_the_roll_are_refused()
    {
        var a = await f.AssemblyAsync(2);
        var later = await a.CreatePollAsync(new { kind = "SenseCheck", title = "Later", opensUtc = DateTime.UtcNow.AddDays(1), closesUtc = DateTime.UtcNow.AddDays(2) });
        Assert.Equal(PollStatus.Scheduled, later.Status);
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], later.Id, new { choice = later.Options[0].Id }), HttpStatusCode.Conflict, "not open yet");

        // Only the night shift may vote; members[1] is placed there, members[0] is not.
        var unit = await a.World.AddUnitAsync("Night", Groundwork.Organizations.UnitKind.Department);
        await f.PlaceAsync(a.World.MembershipOf(a.Members[1]), [unit], []);
        var night = await a.CreatePollAsync(new { kind = "CountMeIn", title = "Night shift walkout", target = 1, unitIds = new[] { unit } });
        Assert.Equal(1, night.EntitledCount);
        await AssertProblemAsync(await a.VoteAsync(a.Members[0], night.Id, new { choice = night.Options[0].Id }), HttpStatusCode.Forbidden, "voter roll");
        await a.VoteOkAsync(a.Members[1], night.Id, new { choice = night.Options[0].Id });
        // Someone who joins after the poll opened is not on its frozen roll.
        var late = await f.CreateUserAsync("Latecomer");
        await f.AddMemberAsync(a.OrgId, late.Id);
        var open = await a.CreatePollAsync(new { kind = "Consent", title = "Before they joined" });
        var newcomer = await f.CreateUserAsync("Newcomer");
        await f.AddMemberAsync(a.OrgId, newcomer.Id);
        await AssertProblemAsync(await a.VoteAsync(newcomer, open.Id, new { choice = open.Options[0].Id }), HttpStatusCode.Forbidden, "voter roll");
        var r = await a.CloseAsync(night.Id);
        Assert.True(r.Passed); // target of one reached
    }

    [Fact]
    public async Task A_hundred_identical_secret_ballots_sent_at_once_store_exactly_one()
    {
        var a = await f.AssemblyAsync(1);
        var poll = await a.CreatePollAsync(new { kind = "SingleChoice", title = "Strike?", options = new[] { "Yes", "No" }, secret = true });
        var voter = a.Members[0];
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => a.VoteAsync(voter, poll.Id, new { choice = poll.Options[0].Id })));
        var others = responses.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).ToList();
        Assert.True(others.Count == 0, string.Join("\n", await Task.WhenAll(others.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        // The roll keeps only who has not voted (the admin); the box keeps its slot per entitled person, one of them filled.
        var (_, roll, slots, _) = await CountsAsync(poll.Id);
        Assert.Equal((1, 2), (roll, slots));
        Assert.False(await f.WithDbAsync(db => db.VoterRoll.AnyAsync(v => v.PollId == poll.Id && v.PersonId == voter.Id)));
        var key = f.Services.GetRequiredService<SealedKeys>().Find(PollKeys.Name(poll.Id))!;
        var box = await f.WithDbAsync(db => db.SealedBallots.Where(b => b.PollId == poll.Id).Select(b => b.Sealed).ToListAsync());
        Assert.Single(SecretBox.Open(key, poll.Id, box));
        Assert.Equal(1, await f.WithDbAsync(db => db.Polls.Where(p => p.Id == poll.Id).Select(p => p.BallotCount).SingleAsync()));
    }

    [Fact]
    public async Task A_hundred_identical_open_votes_sent_at_once_store_exactly_one()
    {
        var a = await f.AssemblyAsync(1);
        var poll = await a.CreatePollAsync(new { kind = "SingleChoice", title = "Picnic?", options = new[] { "Yes", "No" } });
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => a.VoteAsync(a.Members[0], poll.Id, new { choice = poll.Options[0].Id })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(1, (await CountsAsync(poll.Id)).Votes);
    }

    [Fact]
    public async Task A_secret_ballot_hides_its_result_until_close_and_publishes_nothing_under_five_ballots()
    {
        var a = await f.AssemblyAsync(6);
        var small = await a.CreatePollAsync(new { kind = "SingleChoice", title = "Small", options = new[] { "A", "B" }, secret = true });
        for (var i = 0; i < 4; i++) await a.VoteOkAsync(a.Members[i], small.Id, new { choice = small.Options[0].Id });
        await AssertProblemAsync(await a.Members[0].Api.GetAsync($"{a.Poll(small.Id)}/results"), HttpStatusCode.Conflict, "when the poll closes");
        await AssertProblemAsync(await a.Members[0].Api.GetAsync($"{a.Poll(small.Id)}/board"), HttpStatusCode.Conflict, "when the poll closes");
        var close = await a.Admin.Api.PostAsync($"{a.Poll(small.Id)}/close", null);
        await AssertProblemAsync(close, HttpStatusCode.Conflict, "Fewer than 5");
        await AssertProblemAsync(await a.Members[0].Api.GetAsync($"{a.Poll(small.Id)}/results"), HttpStatusCode.Conflict, "Fewer than 5");
        await AssertProblemAsync(await a.Members[0].Api.GetAsync($"{a.Poll(small.Id)}/board"), HttpStatusCode.Conflict, "Fewer than 5");
        Assert.Equal(PollStatus.Closed, (await (await a.Admin.Api.GetAsync(a.Poll(small.Id))).ReadAsync<PollView>()).Status);
        // The key is gone once the box is rewritten.
        var keys = f.Services.GetRequiredService<SealedKeys>();
        Assert.False(keys.Exists(PollKeys.Name(small.Id)));
    }

    [Fact]
    public async Task A_ballot_cannot_switch_between_secret_and_open_once_voting_started()
    {
        var a = await f.AssemblyAsync(1);
        var scheduled = await a.CreatePollAsync(new { kind = "Consensus", title = "Later", opensUtc = DateTime.UtcNow.AddDays(1) });
        var switched = await a.Admin.Api.PatchJsonAsync(a.Poll(scheduled.Id), new { secret = true });
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.True((await switched.ReadAsync<PollView>()).Secret);
        var open = await a.CreatePollAsync(new { kind = "Consensus", title = "Now", secret = true });
        await AssertProblemAsync(await a.Admin.Api.PatchJsonAsync(a.Poll(open.Id), new { secret = false }), HttpStatusCode.Conflict, "cannot switch");
        var notSecret = await a.CreatePollAsync(new { kind = "Consensus", title = "Now open" });
        await AssertProblemAsync(await a.Admin.Api.PatchJsonAsync(a.Poll(notSecret.Id), new { secret = true }), HttpStatusCode.Conflict, "cannot switch");
        Assert.True(await f.WithDbAsync(db => db.Polls.Where(p => p.Id == open.Id).Select(p => p.Secret).SingleAsync()));
    }

    [Fact]
    public async Task Members_may_not_create_or_close_polls_and_another_organization_sees_nothing()
    {
        var a = await f.AssemblyAsync(1);
        var other = await f.AssemblyAsync(0);
        var poll = await a.CreatePollAsync(new { kind = "SenseCheck", title = "Ours" });
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Members[0].Api.PostJsonAsync(a.Polls, new { kind = "SenseCheck", title = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Members[0].Api.PostAsync($"{a.Poll(poll.Id)}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.Api.GetAsync(a.Poll(poll.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.Api.GetAsync(a.Polls)).StatusCode);
        // Their own organization's route with our poll's id finds nothing either.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.Api.GetAsync(other.Poll(poll.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.Api.PostAsync($"{other.Poll(poll.Id)}/close", null)).StatusCode);
    }

    public static TheoryData<string, string, string> EveryKind() => new()
    {
        { "Proposal", "{}", """{"choice":0}""" },
        { "Consent", "{}", """{"choice":0}""" },
        { "Consensus", "{}", """{"choice":0}""" },
        { "Gradients", "{}", """{"choice":0}""" },
        { "SenseCheck", "{}", """{"choice":0}""" },
        { "CountMeIn", """{"target":3}""", """{"choice":0}""" },
        { "SingleChoice", """{"options":["A","B","C"]}""", """{"choice":1}""" },
        { "MultipleChoice", """{"options":["A","B","C"],"maxChoices":2}""", """{"choices":[0,2]}""" },
        { "TimePoll", """{"options":["Mon 18:00","Tue 18:00","Wed 19:00"]}""", """{"choices":[1,2]}""" },
        { "DotVote", """{"options":["A","B","C"],"points":3}""", """{"values":[{"optionId":0,"value":2},{"optionId":2,"value":1}]}""" },
        { "Score", """{"options":["A","B","C"],"scoreMin":1,"scoreMax":5}""", """{"values":[{"optionId":0,"value":5},{"optionId":1,"value":1}]}""" },
        { "Ranked", """{"options":["A","B","C"],"method":"schulze"}""", """{"ranking":[2,0,1]}""" },
    };

    /// Option positions in the ballot template are turned into the poll's option ids.
    static object Ballot(string template, List<OptionView> options)
    {
        var ids = options.OrderBy(o => o.Position).Select(o => o.Id).ToArray();
        var node = System.Text.Json.Nodes.JsonNode.Parse(template)!.AsObject();
        if (node["choice"] is { } c) node["choice"] = ids[c.GetValue<int>()];
        foreach (var key in new[] { "choices", "ranking" })
            if (node[key] is System.Text.Json.Nodes.JsonArray arr) node[key] = new System.Text.Json.Nodes.JsonArray([.. arr.Select(x => (System.Text.Json.Nodes.JsonNode?)ids[x!.GetValue<int>()])]);
        if (node["values"] is System.Text.Json.Nodes.JsonArray vs)
            foreach (var v in vs) v!["optionId"] = ids[v["optionId"]!.GetValue<int>()];
        return node;
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public async Task Every_kind_of_poll_takes_its_ballot_in_secret_and_in_the_open_and_counts_it(string kind, string extra, string ballot)
    {
        foreach (var secret in new[] { false, true })
        {
            var a = await f.AssemblyAsync(5);
            var body = System.Text.Json.Nodes.JsonNode.Parse(extra)!.AsObject();
            body["kind"] = kind;
            body["title"] = $"{kind} poll";
            body["secret"] = secret;
            var poll = await a.CreatePollAsync(body);
            foreach (var m in a.Members)
            {
                var tracker = await a.VoteOkAsync(m, poll.Id, Ballot(ballot, poll.Options));
                Assert.Equal(secret, tracker is not null);
            }
            var r = await a.CloseAsync(poll.Id);
            Assert.Equal(5, r.Ballots);
            Assert.NotEmpty(r.Outcome);
            Assert.Contains(r.Totals, t => t.Value > 0);
            var board = await a.Members[0].Api.GetAsync($"{a.Poll(poll.Id)}/board");
            Assert.Equal(HttpStatusCode.OK, board.StatusCode);
            using var doc = JsonDocument.Parse(await board.Content.ReadAsStringAsync());
            Assert.Equal(5, doc.RootElement.GetProperty("ballots").GetArrayLength());
        }
    }

    [Fact]
    public async Task Creating_a_poll_refuses_bad_rules_with_a_field_message()
    {
        var a = await f.AssemblyAsync(0);
        async Task Bad(object body, string field)
        {
            var res = await a.Admin.Api.PostJsonAsync(a.Polls, body);
            var text = await res.Content.ReadAsStringAsync();
            Assert.True(res.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.Contains(field, text, StringComparison.Ordinal);
        }
        await Bad(new { kind = "SingleChoice", title = "One option", options = new[] { "Only" } }, "options");
        await Bad(new { kind = "SingleChoice", title = "Twins", options = new[] { "Same", "Same" } }, "options");
        await Bad(new { kind = "Ranked", title = "Odd method", options = new[] { "A", "B" }, method = "dictator" }, "method");
        await Bad(new { kind = "Proposal", title = "Secret change", secret = true, allowVoteChange = true }, "allowVoteChange");
        await Bad(new { kind = "Proposal", title = "Past", closesUtc = DateTime.UtcNow.AddDays(-1) }, "closesUtc");
        await Bad(new { kind = "Proposal", title = "Given options", options = new[] { "Yes", "No" } }, "options");
        await Bad(new { kind = "DotVote", title = "No points", options = new[] { "A", "B" } }, "points");
        Assert.Equal(0, await f.WithDbAsync(db => db.Polls.CountAsync(p => p.OrganizationId == a.OrgId)));
    }

    [Fact]
    public async Task A_unit_organizer_may_only_ask_their_own_units()
    {
        var a = await f.AssemblyAsync(0);
        var organizer = await f.CreateUserAsync("Unit organizer");
        var mine = await a.World.AddUnitAsync("Floor 1", Groundwork.Organizations.UnitKind.Department);
        var theirs = await a.World.AddUnitAsync("Floor 2", Groundwork.Organizations.UnitKind.Department);
        await f.PlaceAsync(await f.AddMemberAsync(a.OrgId, organizer.Id, Role.Organizer), [], [mine]);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.Api.PostJsonAsync(a.Polls, new { kind = "SenseCheck", title = "Everyone" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.Api.PostJsonAsync(a.Polls, new { kind = "SenseCheck", title = "Theirs", unitIds = new[] { theirs } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await organizer.Api.PostJsonAsync(a.Polls, new { kind = "SenseCheck", title = "Mine", unitIds = new[] { mine } })).StatusCode);
    }
}
