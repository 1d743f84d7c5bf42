using System.Diagnostics;
using System.Text;
using Groundwork.Tests.Infrastructure;
using Npgsql;

namespace Groundwork.Tests.Deliberation;

/// Canary thread titles, bodies, replies, motions and amendments must appear nowhere in clear: not in the SQLite file and its
/// WAL, not in a pg_dump, not in the logs.
public sealed class DeliberationCanaryTests
{
    [Fact]
    public async Task Canary_threads_replies_motions_and_amendments_never_appear_in_clear_in_the_database_or_the_logs()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var (title, body, reply, edit, motionTitle, motionText, amendment) =
            (Canary.New("title"), Canary.New("body"), Canary.New("reply"), Canary.New("edit"), Canary.New("motiontitle"), Canary.New("motiontext"), Canary.New("amendment"));
        var w = await TestWorld.For(f).Person("Ben").BuildAsync();
        var (org, admin, ben) = (w.Org, w.Admin, w["Ben"]);
        var d = await (await admin.Api.PostJsonAsync($"/api/v1/organizations/{org}/discussions", new { title, body })).ReadAsync<Groundwork.Deliberation.DiscussionView>();
        var r = await (await ben.Api.PostJsonAsync($"/api/v1/organizations/{org}/discussions/{d.Id}/replies", new { body = reply })).ReadAsync<Groundwork.Deliberation.PostView>();
        Assert.True((await ben.Api.PutJsonAsync($"/api/v1/organizations/{org}/discussions/{d.Id}/posts/{r.Id}", new { body = edit })).IsSuccessStatusCode);
        var m = await (await ben.Api.PostJsonAsync($"/api/v1/organizations/{org}/motions", new { title = motionTitle, text = motionText })).ReadAsync<Groundwork.Deliberation.MotionView>();
        await admin.Api.PostAsync($"/api/v1/organizations/{org}/motions/{m.Id}/second", null);
        await admin.Api.PostJsonAsync($"/api/v1/organizations/{org}/motions/{m.Id}/advance", new { to = "Debate" });
        Assert.True((await admin.Api.PostJsonAsync($"/api/v1/organizations/{org}/motions/{m.Id}/amendments", new { kind = "Replace", paragraph = 1, text = amendment })).IsSuccessStatusCode);
        // Pages render them too, so their logging is covered.
        var web = await f.SignedInCookieClientAsync(ben);
        Assert.Contains(edit, await web.GetStringAsync($"/organizations/{org}/discussions/{d.Id}"), StringComparison.Ordinal);
        Assert.Contains(amendment, await web.GetStringAsync($"/organizations/{org}/motions/{m.Id}"), StringComparison.Ordinal);

        string[] canaries = [title, body, reply, edit, motionTitle, motionText, amendment];
        await Canary.AssertAbsentAsync(f, canaries);
    }

}
