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
/// (the latest level per contact and scale, last contacted), decrypting only the names and levels shown.
public static class WallChartRules
{
    sealed record Row(int Id, bool Eligible, bool IsLeader);

    public static async Task<WallChart?> BuildAsync(AppDbContext db, OrganizingScope s, WallChartFilter f, DateTime now, CancellationToken ct)
    {
        var scales = await AssessmentRules.ListAsync(db, s.OrgId, ct);
        var scale = f.ScaleId is { } sid ? scales.FirstOrDefault(x => x.Id == sid) : scales.FirstOrDefault();
        if (scale is null) return null;
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered).AsNoTracking();
        var q = visible;
        if (f.Leader is { } leader) q = q.Where(c => c.IsLeader == leader);
        if (f.TagId is { } tag) q = q.Where(c => db.ContactTags.Any(t => t.ContactId == c.Id && t.TagId == tag));
        if (f.IssueId is { } issue)
            q = q.Where(c => db.Conversations.Any(v => v.ContactId == c.Id && v.Issues.Any(i => i.IssueId == issue)));
        if (f.ContactedWithinDays is { } within) { var since = now.AddDays(-Math.Clamp(within, 0, 36500)); q = q.Where(c => c.LastContactedUtc >= since); }
        if (f.NotContactedForDays is { } notFor) { var before = now.AddDays(-Math.Clamp(notFor, 0, 36500)); q = q.Where(c => c.LastContactedUtc == null || c.LastContactedUtc < before); }
        if (f.FollowUpDue is true)
            q = q.Where(c => db.Conversations.Any(v => v.ContactId == c.Id && v.FollowUpUtc <= now && v.FollowUpDoneUtc == null));
        // Names are decrypted only for the people the chart shows (decryption is most of its cost at 10,000 contacts).
        var rows = await q.Select(c => new Row(c.Id, c.Eligible, c.IsLeader)).ToListAsync(ct);
        var excluded = rows.Count(r => !r.Eligible);
        var eligible = rows.Where(r => r.Eligible).ToDictionary(r => r.Id);

        var levelOf = new Dictionary<int, int>();
        var levelIds = scale.Levels.Select(l => l.Id).ToHashSet();
        foreach (var k in await db.ContactLevels.AsNoTracking().Where(k => k.OrganizationId == s.OrgId && k.ScaleId == scale.Id)
                     .Select(k => new { k.ContactId, k.Level }).ToListAsync(ct))
        {
            if (!eligible.ContainsKey(k.ContactId)) continue;
            var id = ContactRules.ParseLevel(k.Level);
            if (levelIds.Contains(id)) levelOf[k.ContactId] = id;
        }
        if (f.LevelId is { } wanted)
            foreach (var id in eligible.Keys.Where(id => wanted == 0 ? levelOf.ContainsKey(id) : levelOf.GetValueOrDefault(id) != wanted).ToList())
                eligible.Remove(id);

        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == s.OrgId).Select(u => new { u.Id, u.Name, u.ParentUnitId }).ToListAsync(ct);
        var shownUnits = units.Where(u => ContactAccess.Covers(s.Covered, [u.Id]) && (f.UnitId is null || f.UnitId == u.Id))
            .OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        var memberships = await (from cu in db.ContactUnits.AsNoTracking()
                                 join c in visible on cu.ContactId equals c.Id
                                 select new { cu.ContactId, cu.UnitId }).ToListAsync(ct);
        var byUnit = memberships.Where(m => eligible.ContainsKey(m.ContactId)).ToLookup(m => m.UnitId, m => m.ContactId);
        var levels = scale.Levels.ToList();
        var rank = levels.Select((l, i) => (l.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var perUnit = Math.Clamp(f.PerUnit ?? WallChartFilter.DefaultPerUnit, 0, WallChartFilter.MaxPerUnit);
        var groups = new List<(int? Id, string Name, int? Parent, List<Row> People, List<Row> Shown)>();
        void Group(int? id, string name, int? parent, IEnumerable<int> contactIds)
        {
            var people = contactIds.Distinct().Select(i => eligible[i]).ToList();
            var shown = people.OrderBy(p => levelOf.TryGetValue(p.Id, out var l) ? rank[l] : int.MaxValue).ThenBy(p => p.Id).Take(perUnit).ToList();
            groups.Add((id, name, parent, people, shown));
        }
        foreach (var u in shownUnits) Group(u.Id, u.Name, u.ParentUnitId, byUnit[u.Id]);
        if (f.UnitId is null && s.Covered is null)
        {
            var placed = memberships.Select(m => m.ContactId).ToHashSet();
            var loose = eligible.Keys.Where(id => !placed.Contains(id)).ToList();
            if (loose.Count > 0) Group(null, "", null, loose);
        }
        var shownIds = groups.SelectMany(g => g.Shown.Select(p => p.Id)).Distinct().ToList();
        var names = new Dictionary<int, string>();
        foreach (var chunk in shownIds.Chunk(2000))
            foreach (var n in await db.Contacts.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                names[n.Id] = n.Name;
        var result = groups.Select(g => new WallUnit(g.Id, g.Name, g.Parent, g.People.Count,
                levels.Select(l => g.People.Count(p => levelOf.GetValueOrDefault(p.Id) == l.Id)).ToArray(), g.People.Count(p => !levelOf.ContainsKey(p.Id)),
                [.. g.Shown.Select(p => new WallContact(p.Id, names.GetValueOrDefault(p.Id) ?? "", levelOf.TryGetValue(p.Id, out var l) ? l : null, p.IsLeader))
                    .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)]))
            .ToList();
        // Totals count people once, whatever the number of their units.
        var inChart = f.UnitId is { } only ? byUnit[only].Distinct().ToList() : [.. eligible.Keys];
        var totals = levels.Select(l => new LevelCount(l.Id, l.Name, l.Position, l.Retired, inChart.Count(i => levelOf.GetValueOrDefault(i) == l.Id))).ToList();
        return new WallChart(scale.Id, scales, totals, inChart.Count, inChart.Count(i => !levelOf.ContainsKey(i)), excluded, result);
    }

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
        var scales = await AssessmentRules.ListAsync(db, s.OrgId, ct);
        var scale = scales.FirstOrDefault(x => x.SeedKey == "support") ?? scales.FirstOrDefault();
        if (scale is null) return [];
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered).AsNoTracking();
        var people = await visible.Where(c => c.Eligible).Select(c => new { c.Id, c.Name, c.IsLeader }).ToDictionaryAsync(c => c.Id, ct);
        var levels = scale.Levels.ToDictionary(l => l.Id);
        var levelOf = new Dictionary<int, LevelView>();
        foreach (var k in await db.ContactLevels.AsNoTracking().Where(k => k.OrganizationId == s.OrgId && k.ScaleId == scale.Id).Select(k => new { k.ContactId, k.Level }).ToListAsync(ct))
            if (people.ContainsKey(k.ContactId) && levels.TryGetValue(ContactRules.ParseLevel(k.Level), out var l)) levelOf[k.ContactId] = l;
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
