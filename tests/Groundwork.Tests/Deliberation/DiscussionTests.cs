using System.Net;
using Groundwork.Deliberation;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Deliberation;

public sealed class DiscussionTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    sealed record Org(int Id, TestUser Admin, TestUser Ana, TestUser Ben, TestUser Organizer)
    {
        public string Api => $"/api/v1/organizations/{Id}/discussions";
    }

    async Task<Org> OrgAsync()
    {
        string Unique(string name) => name + Guid.NewGuid().ToString("N")[..6];
        var w = await TestWorld.For(f).AdminNamed(Unique("Admin ")).Person(Unique("Ana"), key: "Ana").Person(Unique("Ben Bloggs "), key: "Ben")
            .Person(Unique("Olu "), Role.Organizer, key: "Olu").BuildAsync();
        return new Org(w.Org, w.Admin, w["Ana"], w["Ben"], w["Olu"]);
    }

    static async Task<DiscussionView> StartAsync(Org o, TestUser who, string body = "Let us talk about the rota.", int? unitId = null)
    {
        var res = await who.Api.PostJsonAsync(o.Api, new { title = "Night rota", body, unitId });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return await res.ReadAsync<DiscussionView>();
    }

    Task<int> NotificationsAsync(string personId, string keyPrefix) =>
        f.WithDbAsync(db => db.Notifications.CountAsync(n => n.PersonId == personId && n.Key.StartsWith(keyPrefix)));

    [Fact]
    public async Task A_member_starts_a_thread_and_others_reply_and_read_it_in_order()
    {
        var o = await OrgAsync();
        var d = await StartAsync(o, o.Ana, "**Bold** start");
        Assert.Contains("<strong>Bold</strong>", d.Opening.Html, StringComparison.Ordinal);
        var r1 = await o.Ben.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "First reply" });
        Assert.Equal(HttpStatusCode.Created, r1.StatusCode);
        var first = await r1.ReadAsync<PostView>();
        var r2 = await o.Ana.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "Nested", replyToId = first.Id });
        Assert.Equal(first.Id, (await r2.ReadAsync<PostView>()).ReplyToId);

        var thread = await (await o.Organizer.Api.GetAsync($"{o.Api}/{d.Id}")).ReadAsync<DiscussionView>();
        Assert.Equal(["First reply", "Nested"], thread.Replies.Select(r => r.Body));
        Assert.Equal(2, thread.ReplyCount);
        var list = await (await o.Ben.Api.GetAsync(o.Api)).ReadAsync<DiscussionPage>();
        Assert.Equal(2, list.Items.Single(x => x.Id == d.Id).ReplyCount);
    }

    [Fact]
    public async Task Replies_to_a_nested_reply_stay_one_level_deep()
    {
        var o = await OrgAsync();
        var d = await StartAsync(o, o.Ana);
        var top = await (await o.Ben.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "top" })).ReadAsync<PostView>();
        var nested = await (await o.Ana.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "nested", replyToId = top.Id })).ReadAsync<PostView>();
        var deeper = await (await o.Ben.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "deeper", replyToId = nested.Id })).ReadAsync<PostView>();
        Assert.Equal(top.Id, deeper.ReplyToId);
    }

    [Fact]
    public async Task A_mention_notifies_the_named_member_once_and_a_reply_notifies_the_other_participants()
    {
        var o = await OrgAsync();
        var anaName = await f.WithDbAsync(db => db.Users.Where(u => u.Id == o.Ana.Id).Select(u => u.DisplayName).SingleAsync());
        var benName = await f.WithDbAsync(db => db.Users.Where(u => u.Id == o.Ben.Id).Select(u => u.DisplayName).SingleAsync());
        var d = await StartAsync(o, o.Ana, "Opening");
        // Ben names Ana twice and the organizer once; Ana is also a participant, but hears of it once, as a mention.
        var reply = await (await o.Ben.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = $"@{anaName} and @{anaName}, see this" })).ReadAsync<PostView>();
        Assert.Equal(1, await NotificationsAsync(o.Ana.Id, "discussion-mention:"));
        Assert.Equal(0, await NotificationsAsync(o.Ana.Id, "discussion-reply:"));
        // Editing the post to add a name tells only the newly named.
        var edit = await o.Ben.Api.PutJsonAsync($"{o.Api}/{d.Id}/posts/{reply.Id}", new { body = $"@{anaName} and @[{benName}] and the rota" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(1, await NotificationsAsync(o.Ana.Id, "discussion-mention:"));
        Assert.Equal(0, await NotificationsAsync(o.Ben.Id, "discussion-mention:")); // naming yourself tells nobody

        // Ana replies: Ben (a participant) hears of it; the organizer, who never wrote, does not.
        await o.Ana.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "Thanks" });
        Assert.Equal(1, await NotificationsAsync(o.Ben.Id, "discussion-reply:"));
        Assert.Equal(0, await NotificationsAsync(o.Organizer.Id, "discussion-"));
        var link = await f.WithDbAsync(db => db.Notifications.Where(n => n.PersonId == o.Ben.Id).Select(n => n.Link).FirstAsync());
        Assert.Equal($"organizations/{o.Id}/discussions/{d.Id}", link);
    }

    [Fact]
    public async Task A_member_of_another_organization_is_not_told_of_a_mention()
    {
        var o = await OrgAsync();
        var outsider = await f.CreateUserAsync("Zed" + Guid.NewGuid().ToString("N")[..6]);
        var name = await f.WithDbAsync(db => db.Users.Where(u => u.Id == outsider.Id).Select(u => u.DisplayName).SingleAsync());
        await StartAsync(o, o.Ana, $"Hello @{name}");
        Assert.Equal(0, await NotificationsAsync(outsider.Id, "discussion-"));
    }

    [Fact]
    public async Task The_author_edits_with_history_kept_and_nobody_else_may_edit()
    {
        var o = await OrgAsync();
        var d = await StartAsync(o, o.Ana, "Version one");
        var url = $"{o.Api}/{d.Id}/posts/{d.Opening.Id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Ben.Api.PutJsonAsync(url, new { body = "Hijacked" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Admin.Api.PutJsonAsync(url, new { body = "Admin rewrite" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await o.Ana.Api.PutJsonAsync(url, new { body = "Version two" })).StatusCode);
        var history = await (await o.Ben.Api.GetAsync(url + "/history")).ReadAsync<List<PostRevisionView>>();
        Assert.Equal(["Version one", "Version two"], history.Select(h => h.Body));
        var thread = await (await o.Ben.Api.GetAsync($"{o.Api}/{d.Id}")).ReadAsync<DiscussionView>();
        Assert.Equal("Version two", thread.Opening.Body);
        Assert.NotNull(thread.Opening.EditedUtc);
    }

    [Fact]
    public async Task Deletion_leaves_the_post_in_place_as_deleted_and_wipes_its_words()
    {
        var o = await OrgAsync();
        var d = await StartAsync(o, o.Ana);
        var mine = await (await o.Ben.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "Regrettable words" })).ReadAsync<PostView>();
        var other = await (await o.Ana.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "Ana's words" })).ReadAsync<PostView>();
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Ben.Api.DeleteAsync($"{o.Api}/{d.Id}/posts/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await o.Ben.Api.DeleteAsync($"{o.Api}/{d.Id}/posts/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await o.Organizer.Api.DeleteAsync($"{o.Api}/{d.Id}/posts/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await o.Ben.Api.DeleteAsync($"{o.Api}/{d.Id}/posts/{mine.Id}")).StatusCode);
        var thread = await (await o.Ana.Api.GetAsync($"{o.Api}/{d.Id}")).ReadAsync<DiscussionView>();
        Assert.Equal(2, thread.Replies.Count);
        Assert.All(thread.Replies, r => { Assert.True(r.Deleted); Assert.Equal("", r.Body); });
        Assert.Equal(0, await f.WithDbAsync(db => db.PostRevisions.CountAsync(r => r.PostId == mine.Id)));
        Assert.Equal(HttpStatusCode.Conflict, (await o.Ben.Api.PutJsonAsync($"{o.Api}/{d.Id}/posts/{mine.Id}", new { body = "back" })).StatusCode);
    }

    [Fact]
    public async Task Organizers_lock_and_pin_and_a_locked_thread_takes_no_member_replies()
    {
        var o = await OrgAsync();
        var old = await StartAsync(o, o.Ana);
        var d = await StartAsync(o, o.Ana);
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Ana.Api.PostJsonAsync($"{o.Api}/{old.Id}/moderation", new { locked = true })).StatusCode);
        var res = await o.Organizer.Api.PostJsonAsync($"{o.Api}/{old.Id}/moderation", new { locked = true, pinned = true });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var reply = await o.Ben.Api.PostJsonAsync($"{o.Api}/{old.Id}/replies", new { body = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await o.Organizer.Api.PostJsonAsync($"{o.Api}/{old.Id}/replies", new { body = "Closing note" })).StatusCode);
        var list = await (await o.Ben.Api.GetAsync(o.Api)).ReadAsync<DiscussionPage>();
        Assert.Equal(old.Id, list.Items[0].Id); // pinned first, though the other is newer
        Assert.True(list.Items[0].IsLocked);
        Assert.Contains(list.Items, x => x.Id == d.Id);
    }

    [Fact]
    public async Task A_unit_thread_is_seen_by_members_of_the_unit_and_its_organizers_only()
    {
        var o = await OrgAsync();
        var unit = await (await o.Admin.Api.PostJsonAsync($"/api/v1/organizations/{o.Id}/units", new { name = "Night shift" })).ReadAsync<UnitView>();
        var anaM = await f.WithDbAsync(db => db.Memberships.Where(m => m.OrganizationId == o.Id && m.PersonId == o.Ana.Id).Select(m => m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await o.Admin.Api.PutJsonAsync($"/api/v1/organizations/{o.Id}/members/{anaM}/units", new { unitIds = new[] { unit.Id } })).StatusCode);
        var d = await StartAsync(o, o.Ana, "Only nights", unit.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await o.Ben.Api.GetAsync($"{o.Api}/{d.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await o.Ben.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = "peek" })).StatusCode);
        Assert.DoesNotContain((await (await o.Ben.Api.GetAsync(o.Api)).ReadAsync<DiscussionPage>()).Items, x => x.Id == d.Id);
        Assert.Equal(HttpStatusCode.OK, (await o.Organizer.Api.GetAsync($"{o.Api}/{d.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await o.Admin.Api.GetAsync($"{o.Api}/{d.Id}")).StatusCode);
        Assert.Contains((await (await o.Ana.Api.GetAsync(o.Api)).ReadAsync<DiscussionPage>()).Items, x => x.Id == d.Id);
        // Ben may not start one there either, and a mention of him there tells him nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Ben.Api.PostJsonAsync(o.Api, new { title = "x", body = "y", unitId = unit.Id })).StatusCode);
        var benName = await f.WithDbAsync(db => db.Users.Where(u => u.Id == o.Ben.Id).Select(u => u.DisplayName).SingleAsync());
        await o.Ana.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = $"@[{benName}] look" });
        Assert.Equal(0, await NotificationsAsync(o.Ben.Id, "discussion-"));
    }

    [Fact]
    public async Task Members_of_another_organization_see_nothing()
    {
        var o = await OrgAsync();
        var d = await StartAsync(o, o.Ana);
        var stranger = await f.CreateUserAsync();
        var theirs = await stranger.CreateOrgAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"{o.Api}/{d.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync(o.Api)).StatusCode);
        // Their own organization's route with our thread's id: not found.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/organizations/{theirs.Id}/discussions/{d.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync($"/api/v1/organizations/{theirs.Id}/discussions/{d.Id}/replies", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PutJsonAsync($"/api/v1/organizations/{theirs.Id}/discussions/{d.Id}/posts/{d.Opening.Id}", new { body = "x" })).StatusCode);
        Assert.Equal(1, await f.WithDbAsync(db => db.Posts.CountAsync(p => p.DiscussionId == d.Id)));
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_problem_and_stores_nothing()
    {
        var o = await OrgAsync();
        var d = await StartAsync(o, o.Ana);
        var before = await f.WithDbAsync(db => db.Posts.CountAsync());
        var big = new string('x', 1_000_000);
        (string Url, object Body)[] attempts =
        [
            (o.Api, new { title = "", body = "x" }),
            (o.Api, new { title = "t", body = "   " }),
            (o.Api, new { title = "t", body = new string('x', DiscussionInput.MaxBody + 1) }),
            (o.Api, new { title = "t", body = "x", unitId = 2147483647 }),
            ($"{o.Api}/{d.Id}/replies", new { body = "" }),
            ($"{o.Api}/{d.Id}/replies", new { body = "x", replyToId = 2147483647 }),
            ($"{o.Api}/2147483647/replies", new { body = "x" }),
            ($"{o.Api}/{d.Id}/moderation", new { }),
        ];
        foreach (var (url, body) in attempts)
        {
            var res = await o.Organizer.Api.PostJsonAsync(url, body);
            Assert.True((int)res.StatusCode is >= 400 and < 500, $"{url}: {(int)res.StatusCode}");
            Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        }
        var huge = await o.Ana.Api.PostAsync($"{o.Api}/{d.Id}/replies", new StringContent($"{{\"body\":\"{big}\"}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True((int)huge.StatusCode is 400 or 413, $"1 MB reply: {(int)huge.StatusCode}");
        Assert.Equal(before, await f.WithDbAsync(db => db.Posts.CountAsync()));
        Assert.Equal(1, await f.WithDbAsync(db => db.Discussions.CountAsync(x => x.OrganizationId == o.Id)));
    }

    [Fact]
    public async Task Threads_and_replies_are_paginated()
    {
        var o = await OrgAsync();
        var d = await StartAsync(o, o.Ana);
        await f.WithDbAsync(async db =>
        {
            for (var i = 0; i < DiscussionQueries.RepliesPerPage + 5; i++)
                db.Posts.Add(new Post { DiscussionId = d.Id, AuthorId = o.Ben.Id, Body = $"reply {i}", CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var page2 = await (await o.Ana.Api.GetAsync($"{o.Api}/{d.Id}?page=2")).ReadAsync<DiscussionView>();
        Assert.Equal(2, page2.Pages);
        Assert.Equal(5, page2.Replies.Count);
        Assert.Equal($"reply {DiscussionQueries.RepliesPerPage}", page2.Replies[0].Body);
    }

    [Fact]
    public async Task Thread_bodies_and_replies_are_not_stored_in_clear()
    {
        var o = await OrgAsync();
        var canary = "CANARYthread" + Guid.NewGuid().ToString("N");
        var d = await StartAsync(o, o.Ana, canary);
        await o.Ben.Api.PostJsonAsync($"{o.Api}/{d.Id}/replies", new { body = canary + "reply" });
        var raw = await f.WithDbAsync(async db =>
        {
            var c = db.Database.GetDbConnection();
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT \"Body\" FROM \"Posts\" UNION ALL SELECT \"Body\" FROM \"PostRevisions\" UNION ALL SELECT \"Title\" FROM \"Discussions\"";
            var all = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) all.Add(r.GetString(0));
            return all;
        });
        Assert.NotEmpty(raw);
        Assert.DoesNotContain(raw, t => t.Contains("CANARY", StringComparison.Ordinal) || t.Contains("Night rota", StringComparison.Ordinal));
    }
}
