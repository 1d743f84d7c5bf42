using System.Globalization;
using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

/// Filters of the wall chart. LevelId 0 means "not yet assessed".
public sealed record WallChartFilter(int? ScaleId = null, int? UnitId = null, int? LevelId = null, bool? Leader = null, int? TagId = null,
    int? IssueId = null, int? ContactedWithinDays = null, int? NotContactedForDays = null, bool? FollowUpDue = null, int? PerUnit = null)
{
    public const int DefaultPerUnit = 60;
    public const int MaxPerUnit = 1000;
}

public sealed record LevelCount(int Id, string Name, int Position, bool Retired, int Count);
public sealed record WallContact(int Id, string Name, int? LevelId, bool IsLeader);
/// Contacts holds at most the filter's PerUnit people (strongest level first); Eligible counts them all.
public sealed record WallUnit(int? UnitId, string Name, int? ParentUnitId, int Eligible, int[] Counts, int Unassessed, List<WallContact> Contacts);
public sealed record WallChart(int ScaleId, List<ScaleView> Scales, List<LevelCount> Levels, int Eligible, int Unassessed, int Excluded, List<WallUnit> Units);

public sealed record LeaderRef(int Id, string Name);
public sealed record UnitLeaders(int UnitId, string Name, List<LeaderRef> Leaders);
public sealed record LeadersView(List<UnitLeaders> Units, List<UnitLeaders> WithoutLeader);

public sealed record Suggestion(int ContactId, string Name, RelationshipKind Kind, bool IsLeader, string? Level);
public sealed record TalkTo(int ContactId, string Name, string? Level, List<Suggestion> TalkedToBy);

/// The wall chart, leaders and who should talk to whom: read models computed from what is maintained on every write
/// (the scale's level sheets, last contacted), decrypting only the names shown.
public static class WallChartQueries
{
    public static async Task<WallChart?> BuildAsync(AppDbContext db, OrganizingScope s, WallChartFilter f, DateTime now, CancellationToken ct)
    {
        var scales = await AssessmentScales.ListAsync(db, s.OrgId, ct);
        var scale = f.ScaleId is { } sid ? scales.FirstOrDefault(x => x.Id == sid) : scales.FirstOrDefault();
        if (scale is null) return null;
        var q = ContactAccess.Visible(db, s.OrgId, s.Covered).AsNoTracking();
        if (f.Leader is { } leader) q = q.Where(c => c.IsLeader == leader);
        if (f.TagId is { } tag) q = q.Where(c => db.ContactTags.Any(t => t.ContactId == c.Id && t.TagId == tag));
        if (f.IssueId is { } issue)
            q = q.Where(c => db.Conversations.Any(v => v.ContactId == c.Id && v.Issues.Any(i => i.IssueId == issue)));
        if (f.ContactedWithinDays is { } within) { var since = now.AddDays(-Math.Clamp(within, 0, 36500)); q = q.Where(c => c.LastContactedUtc >= since); }
        if (f.NotContactedForDays is { } notFor) { var before = now.AddDays(-Math.Clamp(notFor, 0, 36500)); q = q.Where(c => c.LastContactedUtc == null || c.LastContactedUtc < before); }
        if (f.FollowUpDue is true)
            q = q.Where(c => db.Conversations.Any(v => v.ContactId == c.Id && v.FollowUpUtc <= now && v.FollowUpDoneUtc == null));

        // One query for who is in the chart and in which units (clear columns only: nothing to decrypt), one read of
        // the scale's level sheets (16 decryptions, not one per contact), then the names of the people shown only.
        // Read without EF's materializer: an object per row (11,000 for a 10,000-person workplace) was a third of the chart.
        var rows = new List<(int Id, bool Eligible, bool IsLeader, int? UnitId)>();
        await (from c in q
               from cu in db.ContactUnits.Where(cu => cu.ContactId == c.Id).DefaultIfEmpty()
               select new { c.Id, c.Eligible, c.IsLeader, UnitId = (int?)cu.UnitId })
            .ReadAsync(db, ["Id", "Eligible", "IsLeader", "UnitId"], (r, o) =>
                rows.Add((r.GetInt32(o[0]), r.GetBoolean(o[1]), r.GetBoolean(o[2]), r.IsDBNull(o[3]) ? null : r.GetInt32(o[3]))), ct);
        var levelOf = await LevelSheets.LoadAsync(db, s.OrgId, scale.Id, ct);
        var levels = scale.Levels;
        var rankOf = new Dictionary<int, int>(levels.Length);
        for (var i = 0; i < levels.Length; i++) rankOf[levels[i].Id] = i;
        var unassessed = levels.Length;
        int Rank(int contactId) => levelOf.TryGetValue(contactId, out var l) && rankOf.TryGetValue(l, out var r) ? r : unassessed;

        var seen = new Dictionary<int, Person>(rows.Count);
        var byUnit = new Dictionary<int, List<int>>();
        var loose = new List<int>();
        var excluded = 0;
        foreach (var row in rows)
        {
            if (!seen.TryGetValue(row.Id, out var p))
            {
                var rank = Rank(row.Id);
                var inChart = row.Eligible && (f.LevelId is not { } wanted || (wanted == 0 ? rank == unassessed : rank < unassessed && levels[rank].Id == wanted));
                seen[row.Id] = p = new Person(rank, row.IsLeader, row.Eligible, inChart);
                if (!row.Eligible && f.UnitId is null) excluded++;
            }
            // A chart of one unit counts the people left out of that unit (one row per person and unit).
            if (!row.Eligible && f.UnitId is { } shownUnit && row.UnitId == shownUnit) excluded++;
            if (!p.InChart) continue;
            if (row.UnitId is not { } unit) loose.Add(row.Id);
            else if (byUnit.TryGetValue(unit, out var list)) list.Add(row.Id);
            else byUnit[unit] = [row.Id];
        }

        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == s.OrgId).Select(u => new { u.Id, u.Name, u.ParentUnitId }).ToListAsync(ct);
        var shownUnits = units.Where(u => ContactAccess.Covers(s.Covered, [u.Id]) && (f.UnitId is null || f.UnitId == u.Id))
            .OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        var perUnit = Math.Clamp(f.PerUnit ?? WallChartFilter.DefaultPerUnit, 0, WallChartFilter.MaxPerUnit);
        var groups = new List<(int? Id, string Name, int? Parent, int[] Counts, int Eligible, List<int> Shown)>(shownUnits.Count + 1);
        void Group(int? id, string name, int? parent, List<int> people)
        {
            var counts = new int[levels.Length + 1];
            // Strongest level first, then the oldest contact: rank and id packed in one sortable key.
            var keys = new long[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                var rank = seen[people[i]].Rank;
                counts[rank]++;
                keys[i] = ((long)rank << 32) | (uint)people[i];
            }
            Array.Sort(keys);
            var shown = new List<int>(Math.Min(perUnit, keys.Length));
            for (var i = 0; i < keys.Length && i < perUnit; i++) shown.Add((int)(keys[i] & 0xFFFFFFFF));
            groups.Add((id, name, parent, counts, people.Count, shown));
        }
        foreach (var u in shownUnits) Group(u.Id, u.Name, u.ParentUnitId, byUnit.GetValueOrDefault(u.Id) ?? []);
        if (f.UnitId is null && s.Covered is null && loose.Count > 0) Group(null, "", null, loose);

        var shownIds = groups.SelectMany(g => g.Shown).Distinct().ToList();
        var names = new Dictionary<int, string>(shownIds.Count);
        if (shownIds.Count > 0)
            // One array-like parameter (JSON on SQLite, an array on PostgreSQL) rather than thousands of scalar ones.
        {
            var decrypt = RawRows.FromStore<Contact>(db, nameof(Contact.Name));
            await db.Contacts.Where(c => EF.Parameter(shownIds).Contains(c.Id)).Select(c => new { c.Id, c.Name })
                .ReadAsync(db, ["Id", "Name"], (r, o) => names[r.GetInt32(o[0])] = (string)decrypt(r.GetString(o[1]))!, ct);
        }
        // Names in the reader's collation, each turned into a sort key once: a culture comparison per pair (ICU)
        // cost more than all the rest of the chart's work in memory.
        var collation = CultureInfo.CurrentCulture.CompareInfo;
        var sortKeys = new Dictionary<int, SortKey>(shownIds.Count);
        foreach (var id in shownIds) sortKeys[id] = collation.GetSortKey(names.GetValueOrDefault(id) ?? "", CompareOptions.IgnoreCase);
        var result = new List<WallUnit>(groups.Count);
        foreach (var g in groups)
        {
            var contacts = new List<WallContact>(g.Shown.Count);
            foreach (var id in g.Shown)
            {
                var p = seen[id];
                contacts.Add(new WallContact(id, names.GetValueOrDefault(id) ?? "", p.Rank < unassessed ? levels[p.Rank].Id : null, p.IsLeader));
            }
            contacts.Sort((a, b) => SortKey.Compare(sortKeys[a.Id], sortKeys[b.Id]) is var c and not 0 ? c : a.Id.CompareTo(b.Id));
            result.Add(new WallUnit(g.Id, g.Name, g.Parent, g.Eligible, g.Counts[..levels.Length], g.Counts[levels.Length], contacts));
        }

        // Totals count people once, whatever the number of their units.
        var totals = new int[levels.Length + 1];
        var inChartCount = 0;
        if (f.UnitId is { } only)
            foreach (var id in byUnit.GetValueOrDefault(only) ?? []) { totals[seen[id].Rank]++; inChartCount++; }
        else
            foreach (var p in seen.Values)
                if (p.InChart) { totals[p.Rank]++; inChartCount++; }
        return new WallChart(scale.Id, scales, [.. levels.Select((l, i) => new LevelCount(l.Id, l.Name, l.Position, l.Retired, totals[i]))],
            inChartCount, totals[levels.Length], excluded, result);
    }

    readonly record struct Person(int Rank, bool IsLeader, bool Eligible, bool InChart);

    public static async Task<LeadersView> LeadersAsync(AppDbContext db, OrganizingScope s, CancellationToken ct)
    {
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered).AsNoTracking();
        var leaders = await (from cu in db.ContactUnits.AsNoTracking()
                             join c in visible on cu.ContactId equals c.Id
                             where c.IsLeader && c.Eligible
                             select new { cu.UnitId, c.Id, c.Name }).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == s.OrgId).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var all = units.Where(u => ContactAccess.Covers(s.Covered, [u.Id])).OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(u => new UnitLeaders(u.Id, u.Name, [.. leaders.Where(l => l.UnitId == u.Id).OrderBy(l => l.Name, StringComparer.CurrentCultureIgnoreCase).Select(l => new LeaderRef(l.Id, l.Name))]))
            .ToList();
        return new LeadersView([.. all.Where(u => u.Leaders.Count > 0)], [.. all.Where(u => u.Leaders.Count == 0)]);
    }

    /// For each contact not yet won over (unassessed, or undecided and below on the support scale), the related contacts
    /// who could talk to them: leaders and supporters (the first two levels).
    public static async Task<List<TalkTo>> TalkToAsync(AppDbContext db, OrganizingScope s, CancellationToken ct)
    {
        var scales = await AssessmentScales.ListAsync(db, s.OrgId, ct);
        var scale = scales.FirstOrDefault(x => x.SeedKey == "support") ?? scales.FirstOrDefault();
        if (scale is null) return [];
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered).AsNoTracking();
        var people = await visible.Where(c => c.Eligible).Select(c => new { c.Id, c.Name, c.IsLeader }).ToDictionaryAsync(c => c.Id, ct);
        var levels = scale.Levels.ToDictionary(l => l.Id);
        var levelOf = new Dictionary<int, LevelView>();
        foreach (var (contactId, levelId) in await LevelSheets.LoadAsync(db, s.OrgId, scale.Id, ct))
            if (people.ContainsKey(contactId) && levels.TryGetValue(levelId, out var l)) levelOf[contactId] = l;
        var rels = await db.Relationships.AsNoTracking().Where(r => r.OrganizationId == s.OrgId).Select(r => new { r.FromContactId, r.ToContactId, r.Kind }).ToListAsync(ct);
        var rank = scale.Levels.Where(l => !l.Retired).OrderBy(l => l.Position).Select(l => l.Id).ToList();
        bool Strong(int id) => people[id].IsLeader || (levelOf.TryGetValue(id, out var l) && rank.IndexOf(l.Id) is >= 0 and < 2);
        bool Needs(int id) => !people[id].IsLeader && (!levelOf.TryGetValue(id, out var l) || rank.IndexOf(l.Id) is < 0 or >= 2);
        var result = new List<TalkTo>();
        foreach (var (id, p) in people.OrderBy(p => p.Value.Name, StringComparer.CurrentCultureIgnoreCase))
        {
            if (!Needs(id)) continue;
            var suggestions = rels
                .Select(r => r.ToContactId == id ? (Other: r.FromContactId, r.Kind) : r.FromContactId == id && r.Kind != RelationshipKind.Influences ? (Other: r.ToContactId, r.Kind) : (Other: 0, r.Kind))
                .Where(x => x.Other != 0 && people.ContainsKey(x.Other) && Strong(x.Other))
                .DistinctBy(x => x.Other)
                .Select(x => new Suggestion(x.Other, people[x.Other].Name, x.Kind, people[x.Other].IsLeader, levelOf.GetValueOrDefault(x.Other)?.Name)).ToList();
            if (suggestions.Count > 0) result.Add(new TalkTo(id, p.Name, levelOf.GetValueOrDefault(id)?.Name, suggestions));
            if (result.Count >= 500) break;
        }
        return result;
    }
}
