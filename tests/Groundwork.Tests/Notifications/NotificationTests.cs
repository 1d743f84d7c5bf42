using System.Net;
using Groundwork.Data;
using Groundwork.Notifications;
using Groundwork.Tests.Infrastructure;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Groundwork.Tests.Notifications;

public sealed class NotificationTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    Notifier Notifier => f.Services.GetRequiredService<Notifier>();
    IStringLocalizer<SharedResource> L => f.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public async Task The_same_key_tells_each_person_once_even_when_sent_twenty_times_at_once()
    {
        var a = await f.CreateUserAsync();
        var b = await f.CreateUserAsync();
        var key = "test-once:" + Guid.NewGuid().ToString("N");
        var counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Notifier.NotifyAsync([a.Id, b.Id, a.Id], key, () => new NotificationText("Poll open", "Vote now", "notifications"), default)));
        Assert.Equal(2, counts.Sum());
        Assert.Equal(2, await f.WithDbAsync(db => db.Notifications.CountAsync(n => n.Key == key)));
        Assert.Equal(0, await Notifier.NotifyAsync([a.Id], key, () => new NotificationText("again", "again", null), default));
    }

    [Fact]
    public async Task Each_person_reads_it_in_their_own_language()
    {
        var en = await f.CreateUserAsync();
        var es = await f.CreateUserAsync();
        await f.WithDbAsync(async db => await db.Users.Where(p => p.Id == es.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, "es")));
        var key = "test-lang:" + Guid.NewGuid().ToString("N");
        Assert.Equal(2, await Notifier.NotifyAsync([en.Id, es.Id], key, () => new NotificationText(L["Notifications"], L["Nothing new."], null), default));
        var titles = await f.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Key == key).ToDictionaryAsync(n => n.PersonId, n => n.Title));
        Assert.Equal("Notifications", titles[en.Id]);
        Assert.Equal("Notificaciones", titles[es.Id]);
    }

    [Fact]
    public async Task The_email_goes_out_once_to_a_confirmed_address_and_the_text_is_not_stored_in_clear()
    {
        var a = await f.CreateUserAsync();
        var key = "test-mail:" + Guid.NewGuid().ToString("N");
        var title = "Canary title " + Guid.NewGuid().ToString("N");
        await Notifier.NotifyAsync([a.Id], key, () => new NotificationText(title, "The body", "organizations/1"), default);
        var outbox = f.Services.GetRequiredService<NotificationOutbox>();
        // The background outbox may have sent it already; either way, a few more passes send nothing new.
        for (var i = 0; i < 3; i++) await outbox.SendBatchAsync(default);
        var state = await f.WithDbAsync(db => db.Notifications.Where(n => n.Key == key).Select(n => n.Email).SingleAsync());
        Assert.Equal(EmailState.Sent, state);
        var mails = Directory.GetFiles(Path.Combine(f.DataDirectory, "mail"), "*.eml")
            .Select(File.ReadAllText).Where(t => t.Contains(title, StringComparison.Ordinal)).ToList();
        Assert.Single(mails);
        Assert.Contains(a.Email, mails[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/organizations/1", mails[0], StringComparison.Ordinal);

        var raw = await f.WithDbAsync(async db =>
        {
            var c = db.Database.GetDbConnection();
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT \"Title\" FROM \"Notifications\"";
            var all = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) all.Add(r.GetString(0));
            return all;
        });
        Assert.NotEmpty(raw);
        Assert.DoesNotContain(raw, t => t.Contains("Canary title", StringComparison.Ordinal));
    }

    [Fact]
    public async Task People_list_and_mark_only_their_own()
    {
        var a = await f.CreateUserAsync();
        var b = await f.CreateUserAsync();
        var key = "test-api:" + Guid.NewGuid().ToString("N");
        await Notifier.NotifyAsync([a.Id], key + "1", () => new NotificationText("First", "one", null), default);
        await Notifier.NotifyAsync([a.Id], key + "2", () => new NotificationText("Second", "two", null), default);
        var mine = await (await a.Api.GetAsync("/api/v1/me/notifications")).ReadAsync<NotificationList>();
        Assert.Equal(["Second", "First"], mine.Items.Select(n => n.Title));
        Assert.Equal(2, mine.Unread);
        var theirs = await (await b.Api.GetAsync("/api/v1/me/notifications")).ReadAsync<NotificationList>();
        Assert.Empty(theirs.Items);

        // Someone else's id marks nothing.
        var res = await b.Api.PostJsonAsync("/api/v1/me/notifications/read", new { ids = new[] { mine.Items[0].Id } });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(2, (await (await a.Api.GetAsync("/api/v1/me/notifications")).ReadAsync<NotificationList>()).Unread);

        var one = await (await a.Api.PostJsonAsync("/api/v1/me/notifications/read", new { ids = new[] { mine.Items[0].Id } })).ReadAsync<NotificationList>();
        Assert.Equal(1, one.Unread);
        Assert.NotNull(one.Items.Single(n => n.Title == "Second").ReadUtc);
        var none = await a.Api.PostJsonAsync("/api/v1/me/notifications/read", new { });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var all = await (await a.Api.PostJsonAsync("/api/v1/me/notifications/read", new { all = true })).ReadAsync<NotificationList>();
        Assert.Equal(0, all.Unread);
    }

    [Fact]
    public async Task The_page_lists_them_and_the_menu_counts_the_unread()
    {
        var a = await f.CreateUserAsync();
        await Notifier.NotifyAsync([a.Id], "test-page:" + Guid.NewGuid().ToString("N"), () => new NotificationText("Strike vote opens", "Vote by Friday", "notifications"), default);
        var client = await f.SignedInCookieClientAsync(a);
        var html = await client.GetStringAsync("/notifications");
        Assert.Contains("Strike vote opens", html, StringComparison.Ordinal);
        Assert.Contains("(1<span class=\"sr-only\"> unread</span>)", html, StringComparison.Ordinal);
        var res = await client.PostFormAsync("/notifications", "read-all", new() { ["Input.All"] = "true" });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(0, await f.WithDbAsync(db => db.Notifications.CountAsync(n => n.PersonId == a.Id && n.ReadUtc == null)));
    }

    [Fact]
    public async Task Choosing_a_language_while_signed_in_sets_the_language_of_notifications()
    {
        var a = await f.CreateUserAsync();
        var client = await f.SignedInCookieClientAsync(a);
        var html = await client.GetStringAsync("/notifications");
        var form = System.Text.RegularExpressions.Regex.Match(html, "<form action=\"language\"[\\s\\S]*?</form>").Value;
        var fields = Builders.HiddenInputs(form);
        fields["culture"] = "es";
        var res = await client.PostAsync("/language", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("es", await f.WithDbAsync(db => db.Users.Where(p => p.Id == a.Id).Select(p => p.PreferredLanguage).SingleAsync()));
        var key = "test-pref:" + Guid.NewGuid().ToString("N");
        await Notifier.NotifyAsync([a.Id], key, () => new NotificationText(L["Notifications"], L["Nothing new."], null), default);
        Assert.Equal("Notificaciones", await f.WithDbAsync(db => db.Notifications.Where(n => n.Key == key).Select(n => n.Title).SingleAsync()));
    }
}
