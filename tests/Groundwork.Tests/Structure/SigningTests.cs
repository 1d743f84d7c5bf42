using System.Net;
using Groundwork.Organizing.Structure;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Structure;

public sealed class SigningTests
{
    static async Task<int> CardAsync(StructureWorld w)
    {
        var res = await w.Admin.Api.PostJsonAsync(w.Api("/structure-tests"), new { kind = "UnionCard", title = "Card", date = "2026-12-10", thresholdPercent = 50, statement = "I authorize the union to bargain for me." });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.ReadAsync<StructureTestView>()).Id;
    }

    [Fact]
    public async Task A_contact_signs_through_a_personal_link_once_counts_toward_the_majority_and_can_take_it_back()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var test = await CardAsync(w);
        var ana = await w.ContactAsync("Ana", units: [w.Kitchen]);
        await w.ContactAsync("Bo", units: [w.Kitchen]);
        var linkRes = await w.KitchenOrganizer.Api.PostJsonAsync(w.Api($"/structure-tests/{test}/signing-links"), new { contactId = ana, expiresInDays = 7 });
        Assert.Equal(HttpStatusCode.Created, linkRes.StatusCode);
        var link = await linkRes.ReadAsync<SigningLinkCreated>();
        Assert.EndsWith("/sign/" + link.Token, link.Url, StringComparison.Ordinal);
        Assert.False(await f.WithDbAsync(db => db.SigningLinks.AnyAsync(l => l.TokenHash == link.Token)), "only the hash is stored");

        var anon = f.Anonymous();
        var statement = await (await anon.PostJsonAsync("/api/v1/signing/statement", new { token = link.Token })).ReadAsync<StatementView>();
        Assert.Equal(("I authorize the union to bargain for me.", false), (statement.Statement, statement.Signed));
        Assert.Equal(HttpStatusCode.BadRequest, (await anon.PostJsonAsync("/api/v1/signing/sign", new { token = link.Token, name = "Ana Real", consent = false })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anon.PostJsonAsync("/api/v1/signing/sign", new { token = link.Token, name = "  ", consent = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.PostJsonAsync("/api/v1/signing/sign", new { token = link.Token, name = "Ana Real", consent = true, unitId = w.Kitchen })).StatusCode);
        // A replay of the same request is refused and writes nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await anon.PostJsonAsync("/api/v1/signing/sign", new { token = link.Token, name = "Ana Again", consent = true })).StatusCode);
        Assert.Equal(1, await f.WithDbAsync(db => db.Signatures.CountAsync(s => s.StructureTestId == test)));

        var report = await (await w.Admin.Api.GetAsync(w.Api($"/structure-tests/{test}"))).ReadAsync<StructureTestReport>();
        var kitchen = report.Units.Single(u => u.UnitId == w.Kitchen);
        Assert.Equal((1, 2, true), (kitchen.Participants, kitchen.Eligible, kitchen.Reached));

        Assert.Equal(HttpStatusCode.NoContent, (await anon.PostJsonAsync("/api/v1/signing/revoke", new { token = link.Token })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.PostJsonAsync("/api/v1/signing/revoke", new { token = link.Token })).StatusCode);
        report = await (await w.Admin.Api.GetAsync(w.Api($"/structure-tests/{test}"))).ReadAsync<StructureTestReport>();
        Assert.Equal(0, report.Units.Single(u => u.UnitId == w.Kitchen).Participants);
        Assert.Equal(0, await f.WithDbAsync(db => db.Signatures.CountAsync(s => s.StructureTestId == test)));
    }

    [Fact]
    public async Task Bad_unknown_and_expired_tokens_are_refused_without_writing()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        using var f = await new GroundworkFactory { Clock = clock }.StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var test = await CardAsync(w);
        var ana = await w.ContactAsync("Ana", units: [w.Kitchen]);
        var link = await (await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{test}/signing-links"), new { contactId = ana, expiresInDays = 1 })).ReadAsync<SigningLinkCreated>();
        var anon = f.Anonymous();
        foreach (var bad in new[] { "gws_" + new string('A', 43), "not-a-token-at-all", link.Token[..^1] + (link.Token[^1] == 'A' ? 'B' : 'A'), link.Token + "'--" })
        {
            var r = await anon.PostJsonAsync("/api/v1/signing/sign", new { token = bad, name = "Mallory", consent = true });
            Assert.True(r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{bad}: {r.StatusCode}");
        }
        clock.Now = clock.Now.AddDays(2);
        Assert.Equal(HttpStatusCode.Gone, (await anon.PostJsonAsync("/api/v1/signing/sign", new { token = link.Token, name = "Ana", consent = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anon.PostJsonAsync("/api/v1/signing/statement", new { token = link.Token })).StatusCode);
        Assert.Equal(0, await f.WithDbAsync(db => db.Signatures.CountAsync()));
    }

    [Fact]
    public async Task A_member_signs_as_themselves_counts_as_their_linked_contact_and_can_revoke()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var test = await CardAsync(w);
        await w.ContactAsync("Member as contact", personId: w.Member.Id, units: [w.FloorUnit]);
        var m = w.Member.Api;
        Assert.False((await (await m.GetAsync(w.Api($"/structure-tests/{test}/statement"))).ReadAsync<StatementView>()).Signed);
        Assert.Equal(HttpStatusCode.BadRequest, (await m.PostJsonAsync(w.Api($"/structure-tests/{test}/signatures"), new { name = "M", consent = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await m.PostJsonAsync(w.Api($"/structure-tests/{test}/signatures"), new { name = "M", consent = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await m.PostJsonAsync(w.Api($"/structure-tests/{test}/signatures"), new { name = "M", consent = true })).StatusCode);
        Assert.True((await (await m.GetAsync(w.Api($"/structure-tests/{test}/statement"))).ReadAsync<StatementView>()).Signed);
        var report = await (await w.Admin.Api.GetAsync(w.Api($"/structure-tests/{test}"))).ReadAsync<StructureTestReport>();
        Assert.Equal(1, report.Units.Single(u => u.UnitId == w.FloorUnit).Participants);
        Assert.Equal(HttpStatusCode.NoContent, (await m.DeleteAsync(w.Api($"/structure-tests/{test}/signatures/mine"))).StatusCode);
        report = await (await w.Admin.Api.GetAsync(w.Api($"/structure-tests/{test}"))).ReadAsync<StructureTestReport>();
        Assert.Equal(0, report.Units.Single(u => u.UnitId == w.FloorUnit).Participants);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Stranger.Api.PostJsonAsync(w.Api($"/structure-tests/{test}/signatures"), new { name = "S", consent = true })).StatusCode);
    }
}
