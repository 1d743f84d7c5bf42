using System.Net;
using System.Net.Http.Json;
using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Organizing;

/// An organizer limited to one unit reaches none of another unit's contacts, by any route; members and other
/// organizations reach none at all.
public sealed class NeedToKnowTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    [Fact]
    public async Task An_organizer_limited_to_one_unit_cannot_read_or_touch_a_contact_of_another_unit_through_any_route()
    {
        var d = await Drive.CreateAsync(f);
        var s = (await d.ScalesAsync(d.Admin)).Single(x => x.SeedKey == "support");
        var mine = await d.ContactAsync(d.Admin, new { name = "Mine Day", unitIds = new[] { d.UnitA } });
        var hidden = await d.ContactAsync(d.Admin, new { name = "Hidden Night", unitIds = new[] { d.UnitB }, notes = "night secret" });
        var loose = await d.ContactAsync(d.Admin, new { name = "Loose Nobody" });
        await d.Admin.Api.PutJsonAsync($"{d.Api}/contacts/{hidden.Id}/leader", new { isLeader = true });
        var rel = await (await d.Admin.Api.PostJsonAsync($"{d.Api}/relationships", new { fromContactId = hidden.Id, toContactId = mine.Id, kind = "Influences" })).ReadAsync<RelationshipView>();
        await d.Admin.Api.PostJsonAsync($"{d.Api}/contacts/{hidden.Id}/assessments", new { scaleId = s.Id, levelId = s.Levels[1].Id });
        // A follow-up the limited organizer once owned, on a contact since moved out of their unit.
        var moved = await d.ContactAsync(d.Admin, new { name = "Moved Away", unitIds = new[] { d.UnitA } });
        Assert.Equal(HttpStatusCode.Created, (await d.Limited.Api.PostJsonAsync($"{d.Api}/contacts/{moved.Id}/conversations", new { channel = "Phone", followUpOn = DateTime.UtcNow.ToString("yyyy-MM-dd") })).StatusCode);
        var movedTalk = (await d.Limited.Api.GetFromJsonAsync<List<FollowUpView>>($"{d.Api}/follow-ups", Builders.Json))!.Single().ConversationId;
        Assert.Equal(HttpStatusCode.OK, (await d.Admin.Api.PutJsonAsync($"{d.Api}/contacts/{moved.Id}", new { name = "Moved Away", unitIds = new[] { d.UnitB }, version = 1 })).StatusCode);
        var api = d.Limited.Api;
        var before = await f.WithDbAsync(async db => (await db.Contacts.CountAsync(), await db.Conversations.CountAsync(), await db.Assessments.CountAsync(), await db.Relationships.CountAsync()));

        foreach (var id in new[] { hidden.Id, loose.Id, moved.Id })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{d.Api}/contacts/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PutJsonAsync($"{d.Api}/contacts/{id}", new { name = "Taken", unitIds = new[] { d.UnitA }, version = 1 })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PutJsonAsync($"{d.Api}/contacts/{id}/leader", new { isLeader = false })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{d.Api}/contacts/{id}/conversations")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"{d.Api}/contacts/{id}/conversations", new { channel = "Phone" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{d.Api}/contacts/{id}/assessments")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"{d.Api}/contacts/{id}/assessments", new { scaleId = s.Id, levelId = s.Levels[0].Id })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"{d.Api}/relationships", new { fromContactId = mine.Id, toContactId = id, kind = "Friends" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"{d.Api}/contacts/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"{d.Api}/relationships/{rel.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"{d.Api}/follow-ups/{movedTalk}/done", null)).StatusCode);

        var texts = new List<string>
        {
            await api.GetStringAsync($"{d.Api}/contacts"),
            await api.GetStringAsync($"{d.Api}/contacts?q=Night"),
            await api.GetStringAsync($"{d.Api}/contacts?unitId={d.UnitB}"),
            await api.GetStringAsync($"{d.Api}/wall-chart"),
            await api.GetStringAsync($"{d.Api}/wall-chart?unitId={d.UnitB}"),
            await api.GetStringAsync($"{d.Api}/leaders"),
            await api.GetStringAsync($"{d.Api}/talk-to"),
            await api.GetStringAsync($"{d.Api}/follow-ups"),
            await api.GetStringAsync($"{d.Api}/contacts/{mine.Id}"), // the relationship to the hidden contact is not shown
        };
        var web = await f.SignedInCookieClientAsync(d.Limited);
        foreach (var page in new[] { "", "/contacts", "/contacts?q=Hidden", "/follow-ups", "/leaders", $"/contacts/{mine.Id}" })
        {
            var r = await web.GetAsync($"/organizations/{d.Org}/organizing{page}");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            texts.Add(await r.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync($"/organizations/{d.Org}/organizing/contacts/{hidden.Id}")).StatusCode);
        foreach (var t in texts)
        {
            Assert.DoesNotContain("Hidden Night", t, StringComparison.Ordinal);
            Assert.DoesNotContain("Loose Nobody", t, StringComparison.Ordinal);
            Assert.DoesNotContain("Moved Away", t, StringComparison.Ordinal);
        }
        Assert.Contains("Mine Day", texts[0], StringComparison.Ordinal);
        Assert.DoesNotContain(d.UnitB.ToString(), (await api.GetFromJsonAsync<WallChart>($"{d.Api}/wall-chart", Builders.Json))!.Units.Select(u => u.UnitId.ToString()));
        var after = await f.WithDbAsync(async db => (await db.Contacts.CountAsync(), await db.Conversations.CountAsync(), await db.Assessments.CountAsync(), await db.Relationships.CountAsync()));
        Assert.Equal(before, after);
        Assert.Equal("Hidden Night", (await d.Admin.Api.GetFromJsonAsync<ContactView>($"{d.Api}/contacts/{hidden.Id}", Builders.Json))!.Name);
        Assert.True((await d.Admin.Api.GetFromJsonAsync<ContactView>($"{d.Api}/contacts/{hidden.Id}", Builders.Json))!.IsLeader);
    }

    [Fact]
    public async Task Members_see_no_contacts_and_another_organization_does_not_learn_the_drive_exists()
    {
        var d = await Drive.CreateAsync(f);
        var other = await Drive.CreateAsync(f);
        var c = await d.ContactAsync(d.Admin, new { name = "Somebody", unitIds = new[] { d.UnitA } });
        foreach (var path in new[] { "/contacts", $"/contacts/{c.Id}", "/wall-chart", "/follow-ups", "/leaders", "/talk-to", $"/contacts/{c.Id}/conversations", $"/contacts/{c.Id}/assessments" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await d.Member.Api.GetAsync(d.Api + path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.Api.GetAsync(d.Api + path)).StatusCode);
        }
        // Another organization's admin naming this contact under their own organization finds nothing either.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.Api.GetAsync($"{other.Api}/contacts/{c.Id}")).StatusCode);
        var theirs = await other.ContactAsync(other.Admin, new { name = "Theirs", unitIds = new[] { other.UnitA } });
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.Api.PostJsonAsync($"{other.Api}/relationships", new { fromContactId = theirs.Id, toContactId = c.Id, kind = "Friends" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.Api.PostJsonAsync($"{other.Api}/contacts/{c.Id}/conversations", new { channel = "Phone" })).StatusCode);
    }
}
