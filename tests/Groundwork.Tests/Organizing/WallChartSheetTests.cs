using System.Net;
using System.Net.Http.Json;
using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Organizing;

/// The wall chart reads each scale's levels from a few encrypted level sheets maintained on every write. These tests
/// hold the chart against what the per-contact rows (the history's latest pointers) say, after each kind of write.
public sealed class WallChartSheetTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    /// The chart's per-unit counts as the per-contact rows and the contacts' units say they should be.
    async Task AssertChartMatchesRowsAsync(Drive d, ScaleView scale)
    {
        var expected = await f.WithDbAsync(async db =>
        {
            var levels = (await db.ContactLevels.AsNoTracking().Where(k => k.ScaleId == scale.Id).Select(k => new { k.ContactId, k.Level }).ToListAsync())
                .ToDictionary(k => k.ContactId, k => ContactRules.ParseLevel(k.Level));
            var eligible = await db.Contacts.AsNoTracking().Where(c => c.OrganizationId == d.Org && c.Eligible).Select(c => c.Id).ToListAsync();
            var units = await db.ContactUnits.AsNoTracking().Where(cu => eligible.Contains(cu.ContactId)).ToListAsync();
            return new[] { d.UnitA, d.UnitB }.ToDictionary(u => u, u =>
            {
                var people = units.Where(x => x.UnitId == u).Select(x => x.ContactId).ToList();
                return scale.Levels.Select(l => people.Count(p => levels.GetValueOrDefault(p) == l.Id)).Append(people.Count(p => !levels.ContainsKey(p))).ToArray();
            });
        });
        var chart = await d.ChartAsync(d.Organizer, $"?scaleId={scale.Id}");
        foreach (var u in new[] { d.UnitA, d.UnitB })
        {
            var shown = chart.Units.Single(x => x.UnitId == u);
            Assert.Equal(expected[u], shown.Counts.Append(shown.Unassessed).ToArray());
        }
    }

    async Task AssessAsync(Drive d, int contactId, ScaleView scale, int level) =>
        Assert.Equal(HttpStatusCode.Created, (await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{contactId}/assessments",
            new { scaleId = scale.Id, levelId = scale.Levels[level].Id })).StatusCode);

    Task<Dictionary<int, int>> SheetAsync(int orgId, int scaleId) => f.WithDbAsync(async db =>
    {
        var levels = new Dictionary<int, int>();
        foreach (var data in await db.LevelSheets.AsNoTracking().Where(x => x.OrganizationId == orgId && x.ScaleId == scaleId).Select(x => x.Data).ToListAsync())
            LevelSheets.Decode(data, levels);
        return levels;
    });

    [Fact]
    public async Task The_chart_stays_right_after_assessments_a_level_retirement_a_unit_change_and_a_deletion()
    {
        var d = await Drive.CreateAsync(f);
        var scale = (await d.ScalesAsync(d.Organizer)).Single(s => s.SeedKey == "support");
        var ana = await d.ContactAsync(d.Organizer, new { name = "Ana", unitIds = new[] { d.UnitA } });
        var ben = await d.ContactAsync(d.Organizer, new { name = "Ben", unitIds = new[] { d.UnitA } });
        var cy = await d.ContactAsync(d.Organizer, new { name = "Cy", unitIds = new[] { d.UnitA, d.UnitB } });
        await AssertChartMatchesRowsAsync(d, scale);

        await AssessAsync(d, ana.Id, scale, 1);
        await AssessAsync(d, ben.Id, scale, 4);
        await AssessAsync(d, cy.Id, scale, 2);
        await AssertChartMatchesRowsAsync(d, scale);
        await AssessAsync(d, ana.Id, scale, 0); // a newer assessment replaces the sheet's entry
        await AssertChartMatchesRowsAsync(d, scale);
        var day = (await d.ChartAsync(d.Organizer)).Units.Single(u => u.UnitId == d.UnitA);
        Assert.Equal([1, 0, 1, 0, 1], day.Counts);
        Assert.Equal(scale.Levels[0].Id, day.Contacts.Single(c => c.Id == ana.Id).LevelId);

        // Retiring "Opposed" keeps Ben counted there, under a level marked retired.
        var levels = scale.Levels.Select((l, i) => new { id = (int?)l.Id, name = l.Name, retired = i == 4 }).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await d.Admin.Api.PutJsonAsync($"{d.Api}/assessment-scales/{scale.Id}", new { name = "Support", levels })).StatusCode);
        var chart = await d.ChartAsync(d.Organizer);
        Assert.True(chart.Levels[4].Retired);
        Assert.Equal(1, chart.Levels[4].Count);
        await AssertChartMatchesRowsAsync(d, scale);

        // Ben moves to the night shift; Cy leaves the unit (not counted any more).
        var put = await d.Organizer.Api.PutJsonAsync($"{d.Api}/contacts/{ben.Id}", new { name = "Ben", unitIds = new[] { d.UnitB }, version = ben.Version });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        put = await d.Organizer.Api.PutJsonAsync($"{d.Api}/contacts/{cy.Id}", new { name = "Cy", unitIds = new[] { d.UnitA, d.UnitB }, eligible = false, version = cy.Version });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        chart = await d.ChartAsync(d.Organizer);
        Assert.Equal([0, 0, 0, 0, 1], chart.Units.Single(u => u.UnitId == d.UnitB).Counts);
        Assert.Equal(1, chart.Excluded);
        await AssertChartMatchesRowsAsync(d, scale);

        // A deleted contact's level leaves the sheet with it.
        Assert.Contains(ana.Id, (await SheetAsync(d.Org, scale.Id)).Keys);
        Assert.Equal(HttpStatusCode.NoContent, (await d.Organizer.Api.DeleteAsync($"{d.Api}/contacts/{ana.Id}")).StatusCode);
        Assert.DoesNotContain(ana.Id, (await SheetAsync(d.Org, scale.Id)).Keys);
        Assert.Equal(scale.Levels[4].Id, (await SheetAsync(d.Org, scale.Id))[ben.Id]);
        await AssertChartMatchesRowsAsync(d, scale);
    }

    [Fact]
    public async Task Missing_sheets_are_rebuilt_from_the_contacts_levels_and_then_kept_up_to_date()
    {
        var d = await Drive.CreateAsync(f);
        var scale = (await d.ScalesAsync(d.Organizer)).Single(s => s.SeedKey == "support");
        var ids = new List<int>();
        for (var i = 0; i < 20; i++) ids.Add(await f.ContactAsync(d.Org, i % 2 == 0 ? d.UnitA : d.UnitB));
        for (var i = 0; i < 20; i += 2) await AssessAsync(d, ids[i], scale, i % 5);
        // A writer stores only the shard it wrote (10 consecutive ids of one parity touch 8 of 16); the chart stores the rest.
        var written = ids.Where((_, i) => i % 2 == 0).Select(LevelSheets.ShardOf).Distinct().Count();
        Assert.True(written < LevelSheets.Shards);
        Assert.Equal(written, await f.WithDbAsync(db => db.LevelSheets.CountAsync(x => x.OrganizationId == d.Org && x.ScaleId == scale.Id)));
        await AssertChartMatchesRowsAsync(d, scale);
        Assert.Equal(LevelSheets.Shards, await f.WithDbAsync(db => db.LevelSheets.CountAsync(x => x.OrganizationId == d.Org && x.ScaleId == scale.Id)));

        // As an organization assessed before the sheets existed: none stored. The chart rebuilds and stores them.
        await f.WithDbAsync(db => db.LevelSheets.Where(x => x.OrganizationId == d.Org).ExecuteDeleteAsync());
        await AssertChartMatchesRowsAsync(d, scale);
        Assert.Equal(LevelSheets.Shards, await f.WithDbAsync(db => db.LevelSheets.CountAsync(x => x.OrganizationId == d.Org && x.ScaleId == scale.Id)));

        // One shard lost: the next assessment in it rebuilds it with its own change included.
        var shard = LevelSheets.ShardOf(ids[1]);
        await f.WithDbAsync(db => db.LevelSheets.Where(x => x.OrganizationId == d.Org && x.ScaleId == scale.Id && x.Shard == shard).ExecuteDeleteAsync());
        await AssessAsync(d, ids[1], scale, 3);
        Assert.Equal(scale.Levels[3].Id, (await SheetAsync(d.Org, scale.Id))[ids[1]]);
        await AssertChartMatchesRowsAsync(d, scale);
        Assert.Equal(20, (await d.ChartAsync(d.Organizer)).Eligible);
        Assert.Equal(9, (await d.ChartAsync(d.Organizer)).Unassessed);
    }

    [Fact]
    public async Task Concurrent_assessments_of_contacts_sharing_sheets_are_all_kept()
    {
        var d = await Drive.CreateAsync(f);
        var scale = (await d.ScalesAsync(d.Organizer)).Single(s => s.SeedKey == "support");
        var ids = new List<int>();
        for (var i = 0; i < 40; i++) ids.Add(await f.ContactAsync(d.Org, d.UnitA));
        // 40 contacts over 16 shards: every shard is written by two or three requests at once, the first of them
        // building it (no sheet exists yet for this organization).
        var results = await Task.WhenAll(ids.Select((id, i) => d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{id}/assessments",
            new { scaleId = scale.Id, levelId = scale.Levels[i % 5].Id })));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var sheet = await SheetAsync(d.Org, scale.Id);
        Assert.Equal(ids.Select((id, i) => (id, scale.Levels[i % 5].Id)).ToHashSet(), sheet.Select(x => (x.Key, x.Value)).ToHashSet());
        var day = (await d.ChartAsync(d.Organizer)).Units.Single(u => u.UnitId == d.UnitA);
        Assert.Equal([8, 8, 8, 8, 8], day.Counts);
        await AssertChartMatchesRowsAsync(d, scale);
    }

    [Fact]
    public async Task Level_sheets_are_stored_encrypted()
    {
        var d = await Drive.CreateAsync(f);
        var scale = (await d.ScalesAsync(d.Organizer)).Single(s => s.SeedKey == "support");
        var c = await d.ContactAsync(d.Organizer, new { name = "Dee", unitIds = new[] { d.UnitA } });
        await AssessAsync(d, c.Id, scale, 4);
        var stored = await f.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT \"Data\" AS \"Value\" FROM \"LevelSheets\" WHERE \"OrganizationId\" = {0} AND \"ScaleId\" = {1} AND \"Shard\" = {2}",
            d.Org, scale.Id, LevelSheets.ShardOf(c.Id)).SingleAsync());
        Assert.StartsWith("gw1:", stored, StringComparison.Ordinal);
        var clear = LevelSheets.Encode([new(c.Id, scale.Levels[4].Id)]);
        Assert.DoesNotContain(clear, stored, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_round_trips_any_ids_in_any_order()
    {
        var levels = new Dictionary<int, int> { [int.MaxValue] = 3, [1] = 7, [129] = int.MaxValue, [16_384] = 0, [2_000_000] = 128 };
        var back = new Dictionary<int, int>();
        LevelSheets.Decode(LevelSheets.Encode(levels), back);
        Assert.Equal(levels.OrderBy(x => x.Key), back.OrderBy(x => x.Key));
        var empty = new Dictionary<int, int>();
        LevelSheets.Decode(LevelSheets.Encode([]), empty);
        Assert.Empty(empty);
        Assert.Throws<FormatException>(() => LevelSheets.Decode(Convert.ToBase64String([1, 0x80]), empty));
        Assert.Equal(Enumerable.Range(0, LevelSheets.Shards), Enumerable.Range(1000, 64).Select(LevelSheets.ShardOf).Distinct().Order());
    }
}
