using System.Net;
using System.Net.Http.Json;
using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Organizing;

public sealed class OrganizingTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    Task<int> CountAsync() => f.WithDbAsync(async db => await db.Contacts.CountAsync() + await db.Conversations.CountAsync() + await db.Assessments.CountAsync()
        + await db.ContactLevels.CountAsync() + await db.ContactChannels.CountAsync() + await db.ContactUnits.CountAsync() + await db.Relationships.CountAsync());

    [Fact]
    public async Task A_contact_is_created_read_updated_and_found_by_unit_tag_and_name()
    {
        var d = await Drive.CreateAsync(f);
        var tag = await (await d.Organizer.Api.PostJsonAsync($"{d.Api}/contact-tags", new { name = "Night bus" })).ReadAsync<NamedView>();
        var field = await (await d.Admin.Api.PostJsonAsync($"{d.Api}/custom-fields", new { name = "Shift start", type = "Number" })).ReadAsync<CustomFieldView>();
        var c = await d.ContactAsync(d.Organizer, new
        {
            name = "Rosa Luz", role = "Line cook", employer = "Big Kitchen Ltd", languages = "es, en", notes = "Works doubles",
            unitIds = new[] { d.UnitA }, tagIds = new[] { tag.Id }, channels = new[] { new { kind = "Phone", value = "+44 7700 900123" } },
            customFields = new Dictionary<string, string> { [field.Id.ToString()] = "6" },
        });
        Assert.Equal(1, c.Version);
        var got = await d.Organizer.Api.GetFromJsonAsync<ContactView>($"{d.Api}/contacts/{c.Id}", Builders.Json);
        Assert.Equal("Line cook", got!.Role);
        Assert.Equal("+44 7700 900123", Assert.Single(got.Channels).Value);
        Assert.Equal("6", got.CustomFields[field.Id.ToString()]);
        await d.ContactAsync(d.Organizer, new { name = "Ben Night", unitIds = new[] { d.UnitB } });

        var byUnit = await d.Organizer.Api.GetFromJsonAsync<ContactPage>($"{d.Api}/contacts?unitId={d.UnitA}", Builders.Json);
        Assert.Equal(["Rosa Luz"], byUnit!.Items.Select(i => i.Name));
        var byTag = await d.Organizer.Api.GetFromJsonAsync<ContactPage>($"{d.Api}/contacts?tagId={tag.Id}", Builders.Json);
        Assert.Equal(1, byTag!.Total);
        var byName = await d.Organizer.Api.GetFromJsonAsync<ContactPage>($"{d.Api}/contacts?q=night", Builders.Json);
        Assert.Equal(["Ben Night"], byName!.Items.Select(i => i.Name));
        var paged = await d.Organizer.Api.GetFromJsonAsync<ContactPage>($"{d.Api}/contacts?pageSize=1&page=2", Builders.Json);
        Assert.Equal(2, paged!.Total);
        Assert.Equal(["Rosa Luz"], paged.Items.Select(i => i.Name));

        var put = await d.Organizer.Api.PutJsonAsync($"{d.Api}/contacts/{c.Id}", new { name = "Rosa L.", unitIds = new[] { d.UnitA, d.UnitB }, eligible = false, ineligibleReason = "Became a supervisor", version = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = await put.ReadAsync<ContactView>();
        Assert.Equal(2, updated.Version);
        Assert.False(updated.Eligible);
        Assert.Equal([d.UnitA, d.UnitB], updated.UnitIds);
        Assert.Empty(updated.Channels);
    }

    [Fact]
    public async Task A_stale_edit_is_a_409_and_keeps_the_newer_version()
    {
        var d = await Drive.CreateAsync(f);
        var c = await d.ContactAsync(d.Organizer, new { name = "Ana", unitIds = new[] { d.UnitA } });
        Assert.Equal(HttpStatusCode.OK, (await d.Organizer.Api.PutJsonAsync($"{d.Api}/contacts/{c.Id}", new { name = "Ana first", unitIds = new[] { d.UnitA }, version = 1 })).StatusCode);
        var stale = await d.Admin.Api.PutJsonAsync($"{d.Api}/contacts/{c.Id}", new { name = "Ana second", unitIds = new[] { d.UnitA }, version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this contact", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Ana first", (await d.Admin.Api.GetFromJsonAsync<ContactView>($"{d.Api}/contacts/{c.Id}", Builders.Json))!.Name);
    }

    [Fact]
    public async Task Bad_contact_input_gets_a_clear_problem_and_writes_nothing()
    {
        var d = await Drive.CreateAsync(f);
        var other = await Drive.CreateAsync(f);
        var field = await (await d.Admin.Api.PostJsonAsync($"{d.Api}/custom-fields", new { name = "Lease ends", type = "Date" })).ReadAsync<CustomFieldView>();
        var before = await CountAsync();
        (object Body, string Message)[] cases =
        [
            (new { name = "X", unitIds = new[] { other.UnitA } }, "units does not exist"),
            (new { name = "X", unitIds = new[] { int.MaxValue } }, "units does not exist"),
            (new { name = "X", tagIds = new[] { 12345678 } }, "tags does not exist"),
            (new { name = "X", customFields = new Dictionary<string, string> { [field.Id.ToString()] = "next spring" } }, "takes a date"),
            (new { name = "X", customFields = new Dictionary<string, string> { ["999999"] = "1" } }, "no custom field"),
            (new { name = "X", channels = new[] { new { kind = 999, value = "1" } } }, "kind"),
            (new { name = new string('x', 201) }, "Name"),
            (new { name = "X", notes = new string('x', 8001) }, "Notes"),
            (new { name = "X", personId = "someone-else" }, "not a member"),
            (new { name = "   " }, "name"),
        ];
        foreach (var (body, message) in cases)
        {
            var r = await d.Admin.Api.PostJsonAsync($"{d.Api}/contacts", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.Contains(message, await r.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        // A limited organizer cannot place a contact outside their units, nor in none.
        Assert.Equal(HttpStatusCode.BadRequest, (await d.Limited.Api.PostJsonAsync($"{d.Api}/contacts", new { name = "X", unitIds = new[] { d.UnitB } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await d.Limited.Api.PostJsonAsync($"{d.Api}/contacts", new { name = "X" })).StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_conversation_for_a_contact_of_another_organization_is_not_found_and_writes_nothing()
    {
        var d = await Drive.CreateAsync(f);
        var other = await Drive.CreateAsync(f);
        var theirs = await other.ContactAsync(other.Admin, new { name = "Theirs", unitIds = new[] { other.UnitA } });
        var before = await CountAsync();
        var r = await d.Admin.Api.PostJsonAsync($"{d.Api}/contacts/{theirs.Id}/conversations", new { channel = "Phone", notes = "hello" });
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_follow_up_in_the_past_an_unknown_level_or_issue_is_refused_with_a_clear_message_and_nothing_written()
    {
        var d = await Drive.CreateAsync(f);
        var other = await Drive.CreateAsync(f);
        var c = await d.ContactAsync(d.Organizer, new { name = "Kim", unitIds = new[] { d.UnitA } });
        var theirLevel = (await other.ScalesAsync(other.Admin))[0].Levels[0].Id;
        var scale = (await d.ScalesAsync(d.Organizer))[0];
        var before = await CountAsync();
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");
        (object Body, string Message)[] cases =
        [
            (new { channel = "InPerson", notes = "x", followUpOn = yesterday }, "in the past"),
            (new { channel = "InPerson", scaleId = scale.Id, levelId = theirLevel }, "does not exist"),
            (new { channel = "InPerson", levelId = int.MaxValue }, "does not exist"),
            (new { channel = "InPerson", issueIds = new[] { 424242 } }, "not on this organization's list"),
            (new { channel = "Carrier pigeon" }, "could not be read"),
            (new { channel = 99 }, "Say how you talked"),
            (new { channel = "Phone", atUtc = DateTime.UtcNow.AddDays(2) }, "future"),
            (new { channel = "Phone", nextStep = new string('n', 1001) }, "NextStep"),
        ];
        foreach (var (body, message) in cases)
        {
            var r = await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{c.Id}/conversations", body);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{message}: {(int)r.StatusCode}");
            Assert.Contains(message, await r.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        var bad = await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{c.Id}/assessments", new { scaleId = scale.Id, levelId = 987654 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("does not exist", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        // Today is not in the past.
        var today = await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{c.Id}/conversations", new { channel = "Text", followUpOn = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, today.StatusCode);
    }

    [Fact]
    public async Task A_one_on_one_with_an_assessment_moves_the_wall_chart_and_the_history_is_kept()
    {
        var d = await Drive.CreateAsync(f);
        var scale = (await d.ScalesAsync(d.Organizer)).Single(s => s.SeedKey == "support");
        Assert.Equal(["Leader", "Supporter", "Undecided", "Leaning against", "Opposed"], scale.Levels.Select(l => l.Name));
        var issue = await (await d.Organizer.Api.PostJsonAsync($"{d.Api}/organizing-issues", new { name = "Unpaid overtime" })).ReadAsync<NamedView>();
        var kim = await d.ContactAsync(d.Organizer, new { name = "Kim", unitIds = new[] { d.UnitA } });
        await d.ContactAsync(d.Organizer, new { name = "Lee", unitIds = new[] { d.UnitA } });
        var boss = await d.ContactAsync(d.Organizer, new { name = "The supervisor", unitIds = new[] { d.UnitA }, eligible = false });
        Assert.Equal(HttpStatusCode.Created, (await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{boss.Id}/assessments", new { scaleId = scale.Id, levelId = scale.Levels[4].Id })).StatusCode);

        var chart = await d.ChartAsync(d.Organizer);
        var day = chart.Units.Single(u => u.UnitId == d.UnitA);
        Assert.Equal(2, day.Eligible);
        Assert.Equal(2, day.Unassessed);
        Assert.Equal(1, chart.Excluded);
        Assert.All(chart.Levels, l => Assert.Equal(0, l.Count)); // the supervisor's "opposed" is not counted
        // A chart of one unit counts who is left out of that unit only.
        Assert.Equal(1, (await d.ChartAsync(d.Organizer, $"?unitId={d.UnitA}")).Excluded);
        Assert.Equal(0, (await d.ChartAsync(d.Organizer, $"?unitId={d.UnitB}")).Excluded);

        var log = await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{kim.Id}/conversations", new
        {
            channel = "InPerson", notes = "Angry about overtime", issueIds = new[] { issue.Id }, scaleId = scale.Id, levelId = scale.Levels[2].Id,
            nextStep = "Bring a friend to the meeting", followUpOn = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Created, log.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{kim.Id}/assessments", new { scaleId = scale.Id, levelId = scale.Levels[1].Id })).StatusCode);

        chart = await d.ChartAsync(d.Organizer);
        day = chart.Units.Single(u => u.UnitId == d.UnitA);
        Assert.Equal(1, day.Counts[1]);
        Assert.Equal(0, day.Counts[2]);
        Assert.Equal(1, day.Unassessed);
        Assert.Equal(scale.Levels[1].Id, day.Contacts.Single(c => c.Id == kim.Id).LevelId);
        Assert.Equal(1, chart.Levels.Single(l => l.Id == scale.Levels[1].Id).Count);
        // Filters: by level, by issue, by "contacted in the last week".
        Assert.Equal(["Kim"], (await d.ChartAsync(d.Organizer, $"?levelId={scale.Levels[1].Id}")).Units.Single(u => u.UnitId == d.UnitA).Contacts.Select(c => c.Name));
        Assert.Equal(["Lee"], (await d.ChartAsync(d.Organizer, "?levelId=0")).Units.Single(u => u.UnitId == d.UnitA).Contacts.Select(c => c.Name));
        Assert.Equal(["Kim"], (await d.ChartAsync(d.Organizer, $"?issueId={issue.Id}")).Units.Single(u => u.UnitId == d.UnitA).Contacts.Select(c => c.Name));
        Assert.Equal(["Kim"], (await d.ChartAsync(d.Organizer, "?contactedWithinDays=7")).Units.Single(u => u.UnitId == d.UnitA).Contacts.Select(c => c.Name));
        Assert.Equal(["Lee"], (await d.ChartAsync(d.Organizer, "?notContactedForDays=7")).Units.Single(u => u.UnitId == d.UnitA).Contacts.Select(c => c.Name));

        var history = (await d.Organizer.Api.GetFromJsonAsync<List<AssessmentView>>($"{d.Api}/contacts/{kim.Id}/assessments", Builders.Json))!;
        Assert.Equal(["Supporter", "Undecided"], history!.Select(h => h.Level));
        Assert.True(history[0].Latest);
        Assert.False(history[1].Latest);
        Assert.NotNull(history[1].ConversationId);
        var talks = await d.Organizer.Api.GetFromJsonAsync<List<ConversationView>>($"{d.Api}/contacts/{kim.Id}/conversations", Builders.Json);
        Assert.Equal("Angry about overtime", Assert.Single(talks!).Notes);
        Assert.NotNull((await d.Organizer.Api.GetFromJsonAsync<ContactView>($"{d.Api}/contacts/{kim.Id}", Builders.Json))!.LastContactedUtc);
    }

    [Fact]
    public async Task My_follow_ups_are_mine_soonest_first_and_leave_the_list_when_done()
    {
        var d = await Drive.CreateAsync(f);
        var a = await d.ContactAsync(d.Organizer, new { name = "Later", unitIds = new[] { d.UnitA } });
        var b = await d.ContactAsync(d.Organizer, new { name = "Today", unitIds = new[] { d.UnitA } });
        await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{a.Id}/conversations", new { channel = "Phone", followUpOn = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd"), nextStep = "Call back" });
        await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{b.Id}/conversations", new { channel = "Phone", followUpOn = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        await d.Admin.Api.PostJsonAsync($"{d.Api}/contacts/{a.Id}/conversations", new { channel = "Phone", followUpOn = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        var mine = (await d.Organizer.Api.GetFromJsonAsync<List<FollowUpView>>($"{d.Api}/follow-ups", Builders.Json))!;
        Assert.Equal(["Today", "Later"], mine!.Select(x => x.ContactName));
        Assert.True(mine[0].Due);
        Assert.False(mine[1].Due);
        Assert.Equal(HttpStatusCode.NoContent, (await d.Organizer.Api.PostAsync($"{d.Api}/follow-ups/{mine[0].ConversationId}/done", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await d.Organizer.Api.PostAsync($"{d.Api}/follow-ups/{mine[0].ConversationId}/done", null)).StatusCode);
        Assert.Equal(["Later"], (await d.Organizer.Api.GetFromJsonAsync<List<FollowUpView>>($"{d.Api}/follow-ups", Builders.Json))!.Select(x => x.ContactName));
        Assert.Single((await d.Admin.Api.GetFromJsonAsync<List<FollowUpView>>($"{d.Api}/follow-ups", Builders.Json))!);
    }

    [Fact]
    public async Task Levels_are_renamed_added_reordered_and_retired_and_a_retired_level_cannot_be_recorded()
    {
        var d = await Drive.CreateAsync(f);
        var scales = await d.ScalesAsync(d.Organizer);
        Assert.Equal(2, scales.Count);
        Assert.Equal(2, (await d.ScalesAsync(d.Admin)).Count); // seeded once
        var s = scales[0];
        var c = await d.ContactAsync(d.Organizer, new { name = "Mo", unitIds = new[] { d.UnitA } });
        Assert.Equal(HttpStatusCode.Created, (await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{c.Id}/assessments", new { scaleId = s.Id, levelId = s.Levels[4].Id })).StatusCode);
        var levels = s.Levels.Select((l, i) => new { id = (int?)l.Id, name = i == 0 ? "Organic leader" : l.Name, retired = i == 4 }).Reverse().Skip(1).Reverse()
            .Prepend(new { id = (int?)s.Levels[4].Id, name = s.Levels[4].Name, retired = true }).Append(new { id = (int?)null, name = "New level", retired = false }).ToArray();
        Assert.Equal(HttpStatusCode.Forbidden, (await d.Organizer.Api.PutJsonAsync($"{d.Api}/assessment-scales/{s.Id}", new { name = "Support", levels })).StatusCode);
        var put = await d.Admin.Api.PutJsonAsync($"{d.Api}/assessment-scales/{s.Id}", new { name = "Support", levels });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var changed = await put.ReadAsync<ScaleView>();
        Assert.Equal(["Opposed", "Organic leader", "Supporter", "Undecided", "Leaning against", "New level"], changed.Levels.Select(l => l.Name));
        Assert.True(changed.Levels[0].Retired);
        var retired = await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{c.Id}/assessments", new { scaleId = s.Id, levelId = s.Levels[4].Id });
        Assert.Equal(HttpStatusCode.BadRequest, retired.StatusCode);
        Assert.Contains("retired", await retired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // History keeps the retired level.
        var history = await d.Organizer.Api.GetFromJsonAsync<List<AssessmentView>>($"{d.Api}/contacts/{c.Id}/assessments", Builders.Json);
        Assert.Equal("Opposed", Assert.Single(history!).Level);
        var all = await d.Admin.Api.PutJsonAsync($"{d.Api}/assessment-scales/{s.Id}", new { name = "Support", levels = new[] { new { id = s.Levels[0].Id, name = "x", retired = true } } });
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
    }

    [Fact]
    public async Task Relationships_show_on_the_contact_and_suggest_who_should_talk_to_whom()
    {
        var d = await Drive.CreateAsync(f);
        var s = (await d.ScalesAsync(d.Organizer)).Single(x => x.SeedKey == "support");
        var leader = await d.ContactAsync(d.Organizer, new { name = "Leader Lu", unitIds = new[] { d.UnitA } });
        var waverer = await d.ContactAsync(d.Organizer, new { name = "Wavering Wu", unitIds = new[] { d.UnitA } });
        Assert.Equal(HttpStatusCode.NoContent, (await d.Organizer.Api.PutJsonAsync($"{d.Api}/contacts/{leader.Id}/leader", new { isLeader = true })).StatusCode);
        await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{waverer.Id}/assessments", new { scaleId = s.Id, levelId = s.Levels[2].Id });
        var rel = await d.Organizer.Api.PostJsonAsync($"{d.Api}/relationships", new { fromContactId = leader.Id, toContactId = waverer.Id, kind = "WorksBeside", notes = "Same line" });
        Assert.Equal(HttpStatusCode.Created, rel.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await d.Organizer.Api.PostJsonAsync($"{d.Api}/relationships", new { fromContactId = leader.Id, toContactId = waverer.Id, kind = "WorksBeside" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await d.Organizer.Api.PostJsonAsync($"{d.Api}/relationships", new { fromContactId = leader.Id, toContactId = leader.Id, kind = "Friends" })).StatusCode);
        var seen = await d.Organizer.Api.GetFromJsonAsync<ContactView>($"{d.Api}/contacts/{waverer.Id}", Builders.Json);
        var r = Assert.Single(seen!.Relationships);
        Assert.Equal("Leader Lu", r.OtherName);
        Assert.Equal("Same line", r.Notes);
        var talkTo = await d.Organizer.Api.GetFromJsonAsync<List<TalkTo>>($"{d.Api}/talk-to", Builders.Json);
        var t = Assert.Single(talkTo!);
        Assert.Equal(waverer.Id, t.ContactId);
        Assert.Equal("Leader Lu", Assert.Single(t.TalkedToBy).Name);

        var leaders = await d.Organizer.Api.GetFromJsonAsync<LeadersView>($"{d.Api}/leaders", Builders.Json);
        Assert.Equal(["Leader Lu"], leaders!.Units.Single(u => u.UnitId == d.UnitA).Leaders.Select(l => l.Name));
        Assert.Equal([d.UnitB], leaders.WithoutLeader.Select(u => u.UnitId));
        Assert.Equal(HttpStatusCode.NoContent, (await d.Organizer.Api.DeleteAsync($"{d.Api}/relationships/{(await rel.ReadAsync<RelationshipView>()).Id}")).StatusCode);
        Assert.Empty((await d.Organizer.Api.GetFromJsonAsync<ContactView>($"{d.Api}/contacts/{waverer.Id}", Builders.Json))!.Relationships);
    }

    [Fact]
    public async Task Retention_deletes_old_conversation_notes_once_and_keeps_recent_ones()
    {
        var d = await Drive.CreateAsync(f);
        var c = await d.ContactAsync(d.Organizer, new { name = "Old talk", unitIds = new[] { d.UnitA } });
        var old = await f.ConversationAsync(d.Org, c.Id, d.Organizer.Id, at: DateTime.UtcNow.AddDays(-40), notes: "old secret");
        var recent = await f.ConversationAsync(d.Org, c.Id, d.Organizer.Id, at: DateTime.UtcNow.AddDays(-5), notes: "recent");
        var noPolicy = await Drive.CreateAsync(f);
        var other = await noPolicy.ContactAsync(noPolicy.Admin, new { name = "Kept", unitIds = new[] { noPolicy.UnitA } });
        var kept = await f.ConversationAsync(noPolicy.Org, other.Id, noPolicy.Admin.Id, at: DateTime.UtcNow.AddDays(-400), notes: "no policy");
        Assert.Equal(HttpStatusCode.BadRequest, (await d.Admin.Api.PutJsonAsync($"{d.Api}/organizing-settings", new { noteRetentionDays = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await d.Organizer.Api.PutJsonAsync($"{d.Api}/organizing-settings", new { noteRetentionDays = 30 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await d.Admin.Api.PutJsonAsync($"{d.Api}/organizing-settings", new { noteRetentionDays = 30 })).StatusCode);

        var now = DateTime.UtcNow;
        var first = await f.WithDbAsync(db => NoteRetention.PurgeAsync(db, now, default));
        Assert.True(first >= 1);
        Assert.Equal(0, await f.WithDbAsync(db => db.Conversations.CountAsync(x => x.Id == old && x.NotesPurgedUtc == null)));
        Assert.Equal(0, await f.WithDbAsync(db => NoteRetention.PurgeAsync(db, now, default)));
        var notes = await f.WithDbAsync(db => db.Conversations.AsNoTracking().Where(x => x.Id == old || x.Id == recent || x.Id == kept).ToDictionaryAsync(x => x.Id, x => x.Notes));
        Assert.Null(notes[old]);
        Assert.Equal("recent", notes[recent]);
        Assert.Equal("no policy", notes[kept]);
        var view = await d.Organizer.Api.GetFromJsonAsync<List<ConversationView>>($"{d.Api}/contacts/{c.Id}/conversations", Builders.Json);
        Assert.True(view!.Single(v => v.Id == old).NotesDeleted);
    }

    [Fact]
    public async Task Deleting_a_contact_removes_its_conversations_assessments_and_relationships()
    {
        var d = await Drive.CreateAsync(f);
        var s = (await d.ScalesAsync(d.Organizer))[0];
        var a = await d.ContactAsync(d.Organizer, new { name = "Gone", unitIds = new[] { d.UnitA }, channels = new[] { new { kind = "Email", value = "gone@example.test" } } });
        var b = await d.ContactAsync(d.Organizer, new { name = "Stays", unitIds = new[] { d.UnitA } });
        await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{a.Id}/conversations", new { channel = "Phone", notes = "x", scaleId = s.Id, levelId = s.Levels[0].Id });
        await d.Organizer.Api.PostJsonAsync($"{d.Api}/relationships", new { fromContactId = a.Id, toContactId = b.Id, kind = "Friends" });
        Assert.Equal(HttpStatusCode.NoContent, (await d.Organizer.Api.DeleteAsync($"{d.Api}/contacts/{a.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await d.Organizer.Api.GetAsync($"{d.Api}/contacts/{a.Id}")).StatusCode);
        var left = await f.WithDbAsync(async db => await db.Conversations.CountAsync(x => x.ContactId == a.Id) + await db.Assessments.CountAsync(x => x.ContactId == a.Id)
            + await db.ContactLevels.CountAsync(x => x.ContactId == a.Id) + await db.Relationships.CountAsync(x => x.FromContactId == a.Id) + await db.ContactChannels.CountAsync(x => x.ContactId == a.Id));
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task The_organizing_page_shows_the_wall_chart_and_a_one_on_one_logged_by_form_changes_it()
    {
        var d = await Drive.CreateAsync(f);
        var s = (await d.ScalesAsync(d.Organizer))[0];
        var c = await d.ContactAsync(d.Organizer, new { name = "Form Fatima", unitIds = new[] { d.UnitA } });
        var web = await f.SignedInCookieClientAsync(d.Organizer);
        var page = await web.GetStringAsync($"/organizations/{d.Org}/organizing");
        Assert.Contains("Form Fatima", page, StringComparison.Ordinal);
        var chip = $"href=\"organizations/{d.Org}/organizing/contacts/{c.Id}\"";
        Assert.Contains("class=\"chip lvl-0\" " + chip, page, StringComparison.Ordinal);
        var url = $"/organizations/{d.Org}/organizing/contacts/{c.Id}";
        var post = await web.PostFormAsync(url, "talk", new() { ["Talk.Channel"] = "Phone", ["Talk.Notes"] = "Form notes", ["Talk.Level"] = $"{s.Id}:{s.Levels[0].Id}" });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Form notes", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var past = await web.PostFormAsync(url, "talk", new() { ["Talk.Channel"] = "Phone", ["Talk.FollowUpOn"] = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        page = await web.GetStringAsync($"/organizations/{d.Org}/organizing");
        Assert.Contains("class=\"chip lvl-1\" " + chip, page, StringComparison.Ordinal);
        Assert.Equal(1, (await d.ChartAsync(d.Organizer)).Levels[0].Count);
    }
}
