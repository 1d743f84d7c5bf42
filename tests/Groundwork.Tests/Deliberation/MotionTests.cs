using System.Net;
using Groundwork.Deliberation;
using Groundwork.Members;
using Groundwork.Tally.Questions;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Deliberation;

public sealed class MotionTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    sealed record Org(int Id, TestUser Chair, TestUser Ana, TestUser Ben, TestUser Cy)
    {
        public string Api => $"/api/v1/organizations/{Id}/motions";
    }

    async Task<Org> OrgAsync()
    {
        var w = await TestWorld.For(f).AdminNamed("Chair").Person("Ana").Person("Ben").Person("Cy").BuildAsync();
        return new Org(w.Org, w.Admin, w["Ana"], w["Ben"], w["Cy"]);
    }

    static async Task<MotionView> Ok(HttpResponseMessage res, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(res.StatusCode == expected, $"{(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return await res.ReadAsync<MotionView>();
    }

    static async Task<MotionView> InDebateAsync(Org o, string text = "We demand a raise.\n\nWe strike on Monday.\n\nWe meet at the gate.", object? rules = null)
    {
        var m = await Ok(await o.Ana.Api.PostJsonAsync(o.Api, rules ?? new { title = "Pay claim", text }), HttpStatusCode.Created);
        Assert.Equal(MotionStatus.Submitted, m.Status);
        Assert.Equal(MotionStatus.Seconded, (await Ok(await o.Ben.Api.PostAsync($"{o.Api}/{m.Id}/second", null))).Status);
        return await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Debate" }));
    }

    static async Task<MotionView> VoteAsync(Org o, int motionId, int voteId, params (TestUser Who, string Answer)[] ballots)
    {
        MotionView last = null!;
        foreach (var (who, answer) in ballots)
            last = await Ok(await who.Api.PostJsonAsync($"{o.Api}/{motionId}/votes/{voteId}/ballot", new { answer }));
        return last;
    }

    [Fact]
    public async Task A_motion_goes_from_submitted_through_an_adopted_amendment_and_a_vote_to_adopted_with_its_history()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o);
        Assert.Equal(MotionStatus.Debate, m.Status);
        Assert.Equal(3, m.Paragraphs.Count);

        m = await Ok(await o.Cy.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 2, text = "We strike on Tuesday." }), HttpStatusCode.Created);
        var a = m.Amendments.Single();
        Assert.Equal(AmendmentStatus.Proposed, a.Status);
        Assert.Contains(a.Diff, s => s.Change == MotionText.Change.Removed && s.Text.Contains("Monday", StringComparison.Ordinal));
        Assert.Contains(a.Diff, s => s.Change == MotionText.Change.Added && s.Text.Contains("Tuesday", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, (await o.Cy.Api.PostAsync($"{o.Api}/{m.Id}/amendments/{a.Id}/second", null)).StatusCode);
        m = await Ok(await o.Ana.Api.PostAsync($"{o.Api}/{m.Id}/amendments/{a.Id}/second", null));
        // The motion cannot go to a vote while a seconded amendment waits.
        Assert.Equal(HttpStatusCode.Conflict, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting" })).StatusCode);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments/{a.Id}/vote", new { method = "Electronic" }));
        var vote = m.OpenVote!;
        Assert.Equal(a.Id, vote.AmendmentId);
        m = await VoteAsync(o, m.Id, vote.Id, (o.Ana, "For"), (o.Ben, "For"), (o.Cy, "Against"), (o.Chair, "Abstain"));
        Assert.Equal(4, m.OpenVote!.BallotsCast);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { }));
        Assert.Equal(AmendmentStatus.Adopted, m.Amendments.Single().Status);
        Assert.Equal("We strike on Tuesday.", m.Paragraphs[1].Text);
        Assert.Equal(2, m.CurrentVersion);
        Assert.Equal([1, 2], m.History.Select(h => h.Number));
        Assert.Equal(a.Id, m.History[1].AmendmentId);
        Assert.Equal("We strike on Monday.", m.History[0].Paragraphs[1].Text);

        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting", method = "Electronic" }));
        Assert.Equal(MotionStatus.Voting, m.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await o.Ana.Api.PostAsync($"{o.Api}/{m.Id}/withdraw", null)).StatusCode);
        var final = m.OpenVote!;
        Assert.Null(final.AmendmentId);
        await VoteAsync(o, m.Id, final.Id, (o.Ana, "Against"), (o.Ana, "For"), (o.Ben, "For"), (o.Cy, "Against"));
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{final.Id}/close", new { }));
        Assert.Equal(MotionStatus.Adopted, m.Status);
        var closed = m.Votes.Single(v => v.Id == final.Id);
        Assert.Equal((2L, 1L, 0L), (closed.For!.Value, closed.Against!.Value, closed.Abstain!.Value));
        Assert.Equal(QuestionOutcome.Passed, closed.Outcome);
        Assert.Contains("2 for, 1 against", m.Result, StringComparison.Ordinal);
        // After close, nothing more is counted.
        Assert.Equal(HttpStatusCode.Conflict, (await o.Cy.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{final.Id}/ballot", new { answer = "Against" })).StatusCode);
        Assert.Equal(1, await f.WithDbAsync(db => db.Notifications.CountAsync(n => n.PersonId == o.Cy.Id && n.Key == $"motion-decided:{m.Id}")));
    }

    [Fact]
    public async Task The_mover_cannot_second_and_two_members_seconding_at_once_make_one_seconder()
    {
        var o = await OrgAsync();
        var m = await Ok(await o.Ana.Api.PostJsonAsync(o.Api, new { title = "T", text = "Text." }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await o.Ana.Api.PostAsync($"{o.Api}/{m.Id}/second", null)).StatusCode);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? o.Ben : o.Cy).Api.PostAsync($"{o.Api}/{m.Id}/second", null)));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var seconder = await f.WithDbAsync(db => db.Motions.Where(x => x.Id == m.Id).Select(x => x.SeconderId).SingleAsync());
        Assert.Contains(seconder, new[] { o.Ben.Id, o.Cy.Id });
    }

    [Fact]
    public async Task Only_the_chair_moves_a_motion_on_and_not_before_it_is_seconded()
    {
        var o = await OrgAsync();
        var m = await Ok(await o.Ana.Api.PostJsonAsync(o.Api, new { title = "T", text = "Text." }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Debate" })).StatusCode);
        await o.Ben.Api.PostAsync($"{o.Api}/{m.Id}/second", null);
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Ana.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Debate" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Adopted" })).StatusCode);
        Assert.Equal(MotionStatus.Debate, (await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Debate" }))).Status);
    }

    [Fact]
    public async Task Only_the_mover_withdraws_and_only_before_the_vote()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o);
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Ben.Api.PostAsync($"{o.Api}/{m.Id}/withdraw", null)).StatusCode);
        m = await Ok(await o.Cy.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments", new { kind = "Delete", paragraph = 3 }), HttpStatusCode.Created);
        m = await Ok(await o.Ana.Api.PostAsync($"{o.Api}/{m.Id}/withdraw", null));
        Assert.Equal(MotionStatus.Withdrawn, m.Status);
        Assert.Equal(AmendmentStatus.Lapsed, m.Amendments.Single().Status);
        Assert.Equal(HttpStatusCode.Conflict, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting" })).StatusCode);
    }

    [Fact]
    public async Task Fifty_ballots_at_once_from_one_member_store_one_and_the_last_answer_counts()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting" }));
        var vote = m.OpenVote!;
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            o.Ben.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/ballot", new { answer = i % 2 == 0 ? "For" : "Against" })));
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, ((int)r.StatusCode).ToString()));
        Assert.Contains(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, await f.WithDbAsync(db => db.MotionBallots.CountAsync(b => b.MotionVoteId == vote.Id)));
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { }));
        var closed = m.Votes.Single();
        Assert.Equal(1, closed.For + closed.Against);
    }

    [Fact]
    public async Task Two_amendments_to_the_same_paragraph_cannot_both_be_adopted()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o);
        await o.Ben.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 1, text = "We demand a big raise." });
        m = await Ok(await o.Cy.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 1, text = "We demand a small raise." }), HttpStatusCode.Created);
        var (first, second) = (m.Amendments[0], m.Amendments[1]);
        await o.Ana.Api.PostAsync($"{o.Api}/{m.Id}/amendments/{first.Id}/second", null);
        await o.Ana.Api.PostAsync($"{o.Api}/{m.Id}/amendments/{second.Id}/second", null);
        // Both put to a vote at once: one question at a time, so the database lets one open.
        var opened = await Task.WhenAll(new[] { first.Id, second.Id }.Select(id => o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments/{id}/vote", new { method = "ShowOfHands" })));
        Assert.Equal(1, opened.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, opened.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        m = await Ok(await o.Chair.Api.GetAsync($"{o.Api}/{m.Id}"));
        var vote = m.OpenVote!;
        var winner = vote.AmendmentId!.Value;
        var loser = winner == first.Id ? second.Id : first.Id;
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { @for = 3, against = 1, abstain = 0 }));
        Assert.Equal(AmendmentStatus.Adopted, m.Amendments.Single(a => a.Id == winner).Status);
        // The other was drafted against the old paragraph: it lapses and cannot be voted.
        Assert.Equal(AmendmentStatus.Lapsed, m.Amendments.Single(a => a.Id == loser).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments/{loser}/vote", new { method = "Electronic" })).StatusCode);
        Assert.Equal(2, await f.WithDbAsync(db => db.MotionVersions.CountAsync(v => v.MotionId == m.Id)));
    }

    [Fact]
    public async Task Insertions_and_deletions_change_the_text_and_the_history_keeps_every_version()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o);
        async Task AdoptAsync(object amendment)
        {
            var view = await Ok(await o.Cy.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments", amendment), HttpStatusCode.Created);
            var a = view.Amendments[^1];
            await o.Ana.Api.PostAsync($"{o.Api}/{m.Id}/amendments/{a.Id}/second", null);
            var voting = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments/{a.Id}/vote", new { method = "ShowOfHands" }));
            m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{voting.OpenVote!.Id}/close", new { @for = 3, against = 0, abstain = 1 }));
        }
        await AdoptAsync(new { kind = "InsertAfter", paragraph = 0, text = "Whereas we are underpaid," });
        await AdoptAsync(new { kind = "Delete", paragraph = 4 });
        await AdoptAsync(new { kind = "InsertAfter", paragraph = 3, text = "We ask the community to join us." });
        Assert.Equal(["Whereas we are underpaid,", "We demand a raise.", "We strike on Monday.", "We ask the community to join us."], m.Paragraphs.Select(p => p.Text));
        Assert.Equal([1, 2, 3, 4], m.History.Select(h => h.Number));
        Assert.Equal(3, m.History[0].Paragraphs.Count);
        Assert.All(m.History.Skip(1), h => Assert.NotNull(h.AmendmentId));
    }

    [Fact]
    public async Task A_rejected_amendment_leaves_the_text_and_a_two_thirds_motion_fails_at_six_of_ten()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o, rules: new { title = "Bylaw change", text = "Dues are 2%.", majority = "TwoThirds" });
        m = await Ok(await o.Cy.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 1, text = "Dues are 1%." }), HttpStatusCode.Created);
        var a = m.Amendments.Single();
        await o.Ana.Api.PostAsync($"{o.Api}/{m.Id}/amendments/{a.Id}/second", null);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/amendments/{a.Id}/vote", new { method = "ShowOfHands" }));
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{m.OpenVote!.Id}/close", new { @for = 2, against = 2, abstain = 0 }));
        Assert.Equal(AmendmentStatus.Rejected, m.Amendments.Single().Status);
        Assert.Equal("Dues are 2%.", m.Paragraphs.Single().Text);
        // A show of hands cannot count more hands than members (4 here), so make room for ten.
        for (var i = 0; i < 6; i++) await f.AddMemberAsync(o.Id, (await f.CreateUserAsync()).Id);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting", method = "ShowOfHands" }));
        var vote = m.OpenVote!;
        Assert.Equal(HttpStatusCode.Conflict, (await o.Ben.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/ballot", new { answer = "For" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { @for = 6 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { @for = 60, against = 4, abstain = 0 })).StatusCode);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { @for = 6, against = 4, abstain = 0 }));
        Assert.Equal(MotionStatus.Rejected, m.Status);
        Assert.Equal(QuestionOutcome.Failed, m.Votes.Single(v => v.Id == vote.Id).Outcome);
    }

    [Fact]
    public async Task Without_a_quorum_the_motion_returns_to_debate_undecided()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o, rules: new { title = "Q", text = "Text.", quorum = 3 });
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting" }));
        await VoteAsync(o, m.Id, m.OpenVote!.Id, (o.Ana, "For"), (o.Ben, "For"));
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{m.OpenVote!.Id}/close", new { }));
        Assert.Equal(MotionStatus.Debate, m.Status);
        Assert.Equal(QuestionOutcome.NoQuorum, m.Votes.Single().Outcome);
        Assert.Null(m.DecidedUtc);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_problem_and_stores_nothing()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o);
        var other = await OrgAsync();
        var theirs = await InDebateAsync(other);
        async Task<Dictionary<string, int>> Counts() => await f.WithDbAsync(async db => new Dictionary<string, int>
        {
            ["motions"] = await db.Motions.CountAsync(), ["versions"] = await db.MotionVersions.CountAsync(), ["amendments"] = await db.Amendments.CountAsync(),
            ["votes"] = await db.MotionVotes.CountAsync(), ["ballots"] = await db.MotionBallots.CountAsync(),
        });
        var before = await Counts();
        (TestUser Who, string Url, object? Body)[] attempts =
        [
            (o.Ana, o.Api, new { title = "", text = "x" }),
            (o.Ana, o.Api, new { title = "t", text = " \n\n " }),
            (o.Ana, o.Api, new { title = "t", text = new string('x', MotionInput.MaxText + 1) }),
            (o.Ana, o.Api, new { title = "t", text = "x", majority = "Unanimous" }),
            (o.Ana, o.Api, new { title = "t", text = "x", majority = 7 }),
            (o.Ana, o.Api, new { title = "t", text = "x", @base = "VotersPresent" }),
            (o.Ana, o.Api, new { title = "t", text = "x", quorum = 0 }),
            (o.Ana, o.Api, new { title = "t", text = string.Join("\n\n", Enumerable.Repeat("p", MotionText.MaxParagraphs + 1)) }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 4, text = "No such paragraph" }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 0, text = "No such paragraph" }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 1, text = "We demand a raise." }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 1, text = "" }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { kind = "Replace", paragraph = 1, text = "Two\n\nparagraphs" }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { kind = "Delete", paragraph = 1, text = "text for a deletion" }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { kind = "InsertAfter", paragraph = 9, text = "x" }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { kind = "Rewrite", paragraph = 1, text = "x" }),
            (o.Cy, $"{o.Api}/{m.Id}/amendments", new { paragraph = 1, text = "x" }),
            (o.Cy, $"{o.Api}/2147483647/amendments", new { kind = "Replace", paragraph = 1, text = "x" }),
            (o.Cy, $"{o.Api}/{theirs.Id}/amendments", new { kind = "Replace", paragraph = 1, text = "x" }),
            (o.Cy, $"{o.Api}/{theirs.Id}/second", null),
            (o.Ben, $"{o.Api}/{m.Id}/votes/2147483647/ballot", new { answer = "For" }),
            (o.Chair, $"{o.Api}/{m.Id}/advance", new { to = "Voting", method = "Telepathy" }),
            (o.Chair, $"/api/v1/organizations/{other.Id}/motions/{theirs.Id}/advance", new { to = "Voting" }),
            (o.Chair, $"{o.Api}/{m.Id}/votes/1/close", new { }),
        ];
        foreach (var (who, url, body) in attempts)
        {
            var res = body is null ? await who.Api.PostAsync(url, null) : await who.Api.PostJsonAsync(url, body);
            Assert.True((int)res.StatusCode is >= 400 and < 500, $"{url} {System.Text.Json.JsonSerializer.Serialize(body)}: {(int)res.StatusCode}");
            Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        }
        // A vote when none is open: there is no vote to name, and a closed one takes no ballots.
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting" }));
        var vote = m.OpenVote!;
        Assert.Equal(HttpStatusCode.BadRequest, (await o.Ben.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/ballot", new { answer = "Maybe" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await o.Ben.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/ballot", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { @for = 1, against = 1, abstain = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Ana.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/ballot", new { answer = "For" })).StatusCode);
        await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { });
        Assert.Equal(HttpStatusCode.Conflict, (await o.Ben.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/ballot", new { answer = "For" })).StatusCode);
        var after = await Counts();
        Assert.Equal(before["motions"], after["motions"]);
        Assert.Equal(before["amendments"], after["amendments"]);
        Assert.Equal(before["ballots"], after["ballots"]);
        Assert.Equal(before["votes"] + 1, after["votes"]); // only the one the chair opened
    }

    [Fact]
    public async Task Members_of_another_organization_see_none_of_its_motions()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o);
        var stranger = await f.CreateUserAsync();
        var theirs = await stranger.CreateOrgAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"{o.Api}/{m.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/organizations/{theirs.Id}/motions/{m.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostAsync($"/api/v1/organizations/{theirs.Id}/motions/{m.Id}/second", null)).StatusCode);
        Assert.DoesNotContain((await (await stranger.Api.GetAsync($"/api/v1/organizations/{theirs.Id}/motions")).ReadAsync<List<MotionSummary>>()), x => x.Id == m.Id);
    }

    [Fact]
    public async Task A_removed_member_cannot_vote_and_their_earlier_ballot_is_not_counted()
    {
        var o = await OrgAsync();
        var m = await InDebateAsync(o);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting" }));
        await VoteAsync(o, m.Id, m.OpenVote!.Id, (o.Cy, "Against"), (o.Ana, "For"));
        await f.WithDbAsync(db => db.Memberships.Where(x => x.OrganizationId == o.Id && x.PersonId == o.Cy.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, MembershipStatus.Removed)));
        Assert.Equal(HttpStatusCode.NotFound, (await o.Cy.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{m.OpenVote.Id}/ballot", new { answer = "Against" })).StatusCode);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{m.OpenVote.Id}/close", new { }));
        Assert.Equal((1L, 0L), (m.Votes.Single().For!.Value, m.Votes.Single().Against!.Value));
        Assert.Equal(MotionStatus.Adopted, m.Status);
    }

    [Fact]
    public async Task Ballots_racing_the_close_are_either_counted_or_refused_never_stored_uncounted()
    {
        var o = await OrgAsync();
        var voters = new List<TestUser>();
        for (var i = 0; i < 20; i++)
        {
            var u = await f.CreateUserAsync();
            await f.AddMemberAsync(o.Id, u.Id);
            voters.Add(u);
        }
        var m = await InDebateAsync(o);
        m = await Ok(await o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/advance", new { to = "Voting" }));
        var vote = m.OpenVote!;
        var ballots = voters.Select(u => u.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/ballot", new { answer = "For" })).ToList();
        var close = o.Chair.Api.PostJsonAsync($"{o.Api}/{m.Id}/votes/{vote.Id}/close", new { });
        var results = await Task.WhenAll(ballots);
        Assert.Equal(HttpStatusCode.OK, (await close).StatusCode);
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, ((int)r.StatusCode).ToString()));
        var stored = await f.WithDbAsync(db => db.MotionBallots.CountAsync(b => b.MotionVoteId == vote.Id));
        var counted = await f.WithDbAsync(db => db.MotionVotes.Where(v => v.Id == vote.Id).Select(v => v.For).SingleAsync());
        Assert.Equal(results.Count(r => r.StatusCode == HttpStatusCode.OK), stored);
        Assert.Equal(stored, counted);
    }
}
