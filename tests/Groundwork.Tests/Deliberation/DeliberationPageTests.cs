using System.Net;
using Groundwork.Deliberation;
using Groundwork.Members;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Deliberation;

/// The pages, through their forms as a browser without JavaScript posts them.
public sealed class DeliberationPageTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    static string Path(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { IsAbsoluteUri: true } abs ? abs.PathAndQuery : "/" + redirect.Headers.Location!.OriginalString.TrimStart('/');

    [Fact]
    public async Task A_member_starts_a_thread_and_replies_through_the_forms_and_hostile_markdown_is_rendered_harmless()
    {
        var w = await TestWorld.For(f).Person("Ana").BuildAsync();
        var (org, ana) = (w.Org, w["Ana"]);
        var web = await f.SignedInCookieClientAsync(ana);
        var list = $"/organizations/{org}/discussions";

        var bad = await web.PostFormAsync(list, "new-thread", new() { ["Input.Title"] = "", ["Input.Body"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("aria-invalid=\"true\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("field-error", badHtml, StringComparison.Ordinal);
        Assert.Equal(0, await f.WithDbAsync(db => db.Discussions.CountAsync(d => d.OrganizationId == org)));

        var made = await web.PostFormAsync(list, "new-thread", new() { ["Input.Title"] = "Heating is broken", ["Input.Body"] = "It is **cold**.<script>alert(1)</script>" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var thread = Path(made);
        var html = await web.GetStringAsync(thread);
        Assert.Contains("<strong>cold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);

        var replied = await web.PostFormAsync(thread, "reply", new() { ["ReplyInput.Body"] = "Still cold on floor 3" });
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        html = await web.GetStringAsync(thread);
        Assert.Contains("Still cold on floor 3", html, StringComparison.Ordinal);
        Assert.Contains("Heating is broken", await web.GetStringAsync(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chair_takes_a_motion_through_an_amendment_and_a_vote_to_adopted_on_the_pages()
    {
        var w = await TestWorld.For(f).AdminNamed("Chair").Person("Ana").Person("Ben").BuildAsync();
        var (org, chair, ana, ben) = (w.Org, w.Admin, w["Ana"], w["Ben"]);
        var anaWeb = await f.SignedInCookieClientAsync(ana);
        var benWeb = await f.SignedInCookieClientAsync(ben);
        var chairWeb = await f.SignedInCookieClientAsync(chair);

        var made = await anaWeb.PostFormAsync($"/organizations/{org}/motions", "new-motion",
            new() { ["Input.Title"] = "Rent strike", ["Input.Text"] = "We withhold rent.\n\nFrom the first of the month.", ["Input.Majority"] = "Simple", ["Input.Base"] = "YesAndNo" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var page = Path(made);
        var id = await f.WithDbAsync(db => db.Motions.Where(m => m.OrganizationId == org).Select(m => m.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.OK, (await benWeb.PostFormAsync(page, "second", [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chairWeb.PostFormAsync(page, "debate", [])).StatusCode);
        var bad = await benWeb.PostFormAsync(page, "amend", new() { ["Amend.Kind"] = "Replace", ["Amend.Paragraph"] = "9", ["Amend.Text"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await benWeb.PostFormAsync(page, "amend", new() { ["Amend.Kind"] = "Replace", ["Amend.Paragraph"] = "2", ["Amend.Text"] = "From the first of next month." })).StatusCode);
        var amendment = await f.WithDbAsync(db => db.Amendments.Where(a => a.MotionId == id).Select(a => a.Id).SingleAsync());
        var html = await anaWeb.GetStringAsync(page);
        Assert.Contains("<ins>", html, StringComparison.Ordinal);
        Assert.Contains("<del>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anaWeb.PostFormAsync(page, $"second-a-{amendment}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chairWeb.PostFormAsync(page, $"vote-a-{amendment}", new() { ["VoteInput.Method"] = "ShowOfHands" })).StatusCode);
        var closed = await chairWeb.PostFormAsync(page, "close", new() { ["CloseInput.For"] = "2", ["CloseInput.Against"] = "1", ["CloseInput.Abstain"] = "0" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(AmendmentStatus.Adopted, await f.WithDbAsync(db => db.Amendments.Where(a => a.Id == amendment).Select(a => a.Status).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await chairWeb.PostFormAsync(page, "to-vote", new() { ["VoteInput.Method"] = "Electronic" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anaWeb.PostFormAsync(page, "ballot", new() { ["Ballot.Answer"] = "For" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await benWeb.PostFormAsync(page, "ballot", new() { ["Ballot.Answer"] = "For" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chairWeb.PostFormAsync(page, "close", [])).StatusCode);
        Assert.Equal(MotionStatus.Adopted, await f.WithDbAsync(db => db.Motions.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
        html = await benWeb.GetStringAsync(page);
        Assert.Contains("From the first of next month.", html, StringComparison.Ordinal);
        Assert.Contains("2 for, 0 against", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_another_organization_gets_not_found_for_the_pages()
    {
        var w = await TestWorld.For(f).AdminNamed(null).Visible(Groundwork.Organizations.Visibility.Secret).Stranger(null).BuildAsync();
        var (org, admin, stranger) = (w.Org, w.Admin, w["Stranger"]);
        var t = await DeliberationSeed.ThreadAsync(f, org, admin.Id);
        var m = await DeliberationSeed.MotionAsync(f, org, admin.Id, MotionStatus.Debate);
        var web = await f.SignedInCookieClientAsync(stranger);
        foreach (var url in new[] { $"/organizations/{org}/discussions", $"/organizations/{org}/discussions/{t.Discussion}", $"/organizations/{org}/motions", $"/organizations/{org}/motions/{m.Motion}" })
            Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync(url)).StatusCode);
    }
}
