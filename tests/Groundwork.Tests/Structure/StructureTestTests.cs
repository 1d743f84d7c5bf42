using System.Net;
using Groundwork.Organizing.Structure;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Structure;

public sealed class StructureTestTests
{
    static async Task<StructureTestView> CreateTestAsync(StructureWorld w, TestUser by, string kind = "ButtonDay", int threshold = 70, string? statement = null)
    {
        var res = await by.Api.PostJsonAsync(w.Api("/structure-tests"), new { kind, title = "Button day", date = "2026-12-10", thresholdPercent = threshold, statement });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return await res.ReadAsync<StructureTestView>();
    }

    [Fact]
    public async Task Each_unit_is_counted_against_its_eligible_contacts_and_a_contact_in_two_units_counts_in_both()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var a = await w.ContactAsync("Ana", units: [w.Kitchen]);
        var b = await w.ContactAsync("Bo", units: [w.Kitchen, w.FloorUnit]);
        await w.ContactAsync("Cy", units: [w.Kitchen]);
        var boss = await w.ContactAsync("Supervisor", eligible: false, units: [w.Kitchen]);
        await w.ContactAsync("Di", units: [w.FloorUnit]);
        var t = await CreateTestAsync(w, w.Admin, threshold: 60);

        var rec = await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { contactIds = new[] { a, b, boss } });
        Assert.Equal(HttpStatusCode.OK, rec.StatusCode);
        var report = await (await w.Admin.Api.GetAsync(w.Api($"/structure-tests/{t.Id}"))).ReadAsync<StructureTestReport>();
        var kitchen = report.Units.Single(u => u.UnitId == w.Kitchen);
        var floor = report.Units.Single(u => u.UnitId == w.FloorUnit);
        Assert.Equal((2, 3, 66, true), (kitchen.Participants, kitchen.Eligible, kitchen.Percent, kitchen.Reached));
        Assert.Equal((1, 2, 50, false), (floor.Participants, floor.Eligible, floor.Percent, floor.Reached));
        Assert.Equal((2, 4), (report.Participants, report.Eligible));

        // Recording the same people again changes nothing.
        var again = await (await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { contactIds = new[] { a, b } })).ReadAsync<ParticipationResult>();
        Assert.Equal((0, 2), (again.Recorded, again.AlreadyRecorded));
    }

    [Fact]
    public async Task Recording_a_whole_unit_takes_its_eligible_contacts_and_a_closed_test_refuses_more()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        await w.ContactAsync("Ana", units: [w.FloorUnit]);
        await w.ContactAsync("Bo", units: [w.FloorUnit]);
        await w.ContactAsync("Boss", eligible: false, units: [w.FloorUnit]);
        var t = await CreateTestAsync(w, w.Admin);
        var r = await (await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { unitId = w.FloorUnit })).ReadAsync<ParticipationResult>();
        Assert.Equal(2, r.Recorded);
        Assert.Equal(HttpStatusCode.OK, (await w.Admin.Api.PostAsync(w.Api($"/structure-tests/{t.Id}/close"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await w.Admin.Api.PostAsync(w.Api($"/structure-tests/{t.Id}/close"), null)).StatusCode);
        var late = await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { unitId = w.FloorUnit });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task An_organizer_of_one_unit_sees_and_records_only_the_contacts_of_that_unit()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var mine = await w.ContactAsync("Kitchen Kim", units: [w.Kitchen]);
        var theirs = await w.ContactAsync("Floor Flo", units: [w.FloorUnit]);
        var t = await CreateTestAsync(w, w.KitchenOrganizer, "UnionCard", statement: "I want a union.");
        var o = w.KitchenOrganizer.Api;

        Assert.Equal(HttpStatusCode.NotFound, (await o.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { contactIds = new[] { theirs } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await o.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { contactIds = new[] { mine, theirs } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await o.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { unitId = w.FloorUnit })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await o.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/signing-links"), new { contactId = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await o.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { contactIds = new[] { mine } })).StatusCode);
        // The admin records the other unit's contact and a signature from it arrives through a link.
        Assert.Equal(HttpStatusCode.OK, (await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/participation"), new { contactIds = new[] { theirs } })).StatusCode);
        var link = await (await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/signing-links"), new { contactId = theirs })).ReadAsync<SigningLinkCreated>();
        Assert.Equal(HttpStatusCode.OK, (await f.Anonymous().PostJsonAsync("/api/v1/signing/sign", new { token = link.Token, name = "Flo Signer", consent = true })).StatusCode);

        var list = await (await o.GetAsync(w.Api($"/structure-tests/{t.Id}/participation"))).ReadAsync<List<ParticipantView>>();
        Assert.Equal([mine], list.Select(p => p.ContactId));
        var report = await (await o.GetAsync(w.Api($"/structure-tests/{t.Id}"))).ReadAsync<StructureTestReport>();
        Assert.Equal([w.Kitchen], report.Units.Select(u => u.UnitId));
        Assert.Equal((1, 1), (report.Participants, report.Eligible));
        var chart = await o.GetStringAsync(w.Api($"/structure-tests/{t.Id}/chart.svg"));
        Assert.Contains("Kitchen", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("Floor", chart, StringComparison.Ordinal);
        var signatures = await o.GetStringAsync(w.Api($"/structure-tests/{t.Id}/signatures"));
        Assert.DoesNotContain("Flo", signatures, StringComparison.Ordinal);
        var trend = await (await o.GetAsync(w.Api("/structure-tests/trend"))).ReadAsync<List<TrendPoint>>();
        Assert.Equal((1, 1), (trend.Single().Participants, trend.Single().Eligible));
        Assert.Equal(HttpStatusCode.NotFound, (await o.DeleteAsync(w.Api($"/structure-tests/{t.Id}/participation/{theirs}"))).StatusCode);
        // The admin sees both.
        var all = await w.Admin.Api.GetStringAsync(w.Api($"/structure-tests/{t.Id}/signatures"));
        Assert.Contains("Flo Signer", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_of_another_organization_and_plain_members_see_nothing()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var t = await CreateTestAsync(w, w.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Stranger.Api.GetAsync(w.Api($"/structure-tests/{t.Id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Stranger.Api.GetAsync(w.Api("/structure-tests"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Member.Api.GetAsync(w.Api($"/structure-tests/{t.Id}/participation"))).StatusCode);
    }

    [Fact]
    public async Task A_test_needs_a_title_a_threshold_from_1_to_100_and_for_a_card_the_text_people_sign()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var api = w.Admin.Api;
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync(w.Api("/structure-tests"), new { kind = "March", title = " ", date = "2026-12-10", thresholdPercent = 70 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync(w.Api("/structure-tests"), new { kind = "March", title = "x", date = "2026-12-10", thresholdPercent = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync(w.Api("/structure-tests"), new { kind = "March", title = "x", date = "2026-12-10", thresholdPercent = 101 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync(w.Api("/structure-tests"), new { kind = "UnionCard", title = "x", date = "2026-12-10", thresholdPercent = 70 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync(w.Api("/structure-tests"), new { kind = "Riot", title = "x", date = "2026-12-10", thresholdPercent = 70 })).StatusCode);
        Assert.Empty(await (await api.GetAsync(w.Api("/structure-tests"))).ReadAsync<List<StructureTestView>>());
    }
}
