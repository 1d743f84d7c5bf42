using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record ChannelView(int Id, ChannelKind Kind, string Value);
public sealed record LatestLevelView(int ScaleId, int LevelId, string Level, int Position, DateTime AssessedUtc);
public sealed record RelationshipView(int Id, int OtherContactId, string OtherName, RelationshipKind Kind, bool Outgoing, string? Notes);

public sealed record ContactView(int Id, string Name, string? Role, string? Employer, string? Languages, string? Notes,
    int[] UnitIds, ChannelView[] Channels, int[] TagIds, Dictionary<string, string?> CustomFields, bool Eligible,
    string? IneligibleReason, bool IsLeader, string? PersonId, DateTime? LastContactedUtc, DateTime CreatedUtc, DateTime UpdatedUtc,
    int Version, LatestLevelView[] Levels, RelationshipView[] Relationships);

public sealed record ContactSummary(int Id, string Name, string? Role, int[] UnitIds, bool IsLeader, bool Eligible, DateTime? LastContactedUtc);

public sealed record ContactPage(List<ContactSummary> Items, int Total, int Page, int PageSize);

/// Reading contacts within the caller's reach: one contact with its levels and relationships, or a page of them.
public static class ContactQueries
{
    public const int MaxPageSize = 100;

    public static async Task<Outcome<ContactView>> GetAsync(AppDbContext db, OrganizingScope s, int contactId, CancellationToken ct)
    {
        var c = await ContactAccess.Visible(db, s.OrgId, s.Covered).AsNoTracking().AsSplitQuery()
            .Include(x => x.Units).Include(x => x.Channels).Include(x => x.Tags)
            .FirstOrDefaultAsync(x => x.Id == contactId, ct);
        if (c is null) return Failure.NotFound("No such contact.");
        return await ViewAsync(db, s, c, ct);
    }

    internal static async Task<ContactView> ViewAsync(AppDbContext db, OrganizingScope s, Contact c, CancellationToken ct)
    {
        var levels = await (from k in db.ContactLevels.AsNoTracking() where k.ContactId == c.Id select new { k.ScaleId, k.Level, k.AssessedUtc }).ToListAsync(ct);
        var levelIds = levels.Select(l => ContactRules.ParseLevel(l.Level)).ToList();
        var names = await db.AssessmentLevels.AsNoTracking().Where(l => levelIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered);
        var rels = await db.Relationships.AsNoTracking()
            .Where(r => r.OrganizationId == s.OrgId && (r.FromContactId == c.Id || r.ToContactId == c.Id))
            .Select(r => new { r.Id, r.FromContactId, r.ToContactId, r.Kind, r.Notes }).ToListAsync(ct);
        var otherIds = rels.Select(r => r.FromContactId == c.Id ? r.ToContactId : r.FromContactId).Distinct().ToList();
        // Need to know: a relationship to someone the caller cannot see is not shown at all.
        var others = await visible.Where(o => otherIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new ContactView(c.Id, c.Name, c.Role, c.Employer, c.Languages, c.Notes,
            [.. c.Units.Select(u => u.UnitId).Order()], [.. c.Channels.OrderBy(x => x.Id).Select(x => new ChannelView(x.Id, x.Kind, x.Value))],
            [.. c.Tags.Select(t => t.TagId).Order()], ContactRules.ReadFields(c.CustomFieldsJson), c.Eligible, c.IneligibleReason, c.IsLeader, c.PersonId,
            c.LastContactedUtc, c.CreatedUtc, c.UpdatedUtc, c.Version,
            [.. levels.Select(l => (l, id: ContactRules.ParseLevel(l.Level))).Where(x => names.ContainsKey(x.id))
                .Select(x => new LatestLevelView(x.l.ScaleId, x.id, names[x.id].Name, names[x.id].Position, x.l.AssessedUtc)).OrderBy(x => x.ScaleId)],
            [.. rels.Where(r => others.ContainsKey(r.FromContactId == c.Id ? r.ToContactId : r.FromContactId))
                .Select(r => new RelationshipView(r.Id, r.FromContactId == c.Id ? r.ToContactId : r.FromContactId,
                    others[r.FromContactId == c.Id ? r.ToContactId : r.FromContactId], r.Kind, r.FromContactId == c.Id, r.Notes))]);
    }

    public static async Task<ContactPage> ListAsync(AppDbContext db, OrganizingScope s, int? unitId, int? tagId, bool? leader, bool? eligible,
        string? q, int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = ContactAccess.Visible(db, s.OrgId, s.Covered).AsNoTracking();
        if (unitId is { } u) query = query.Where(c => db.ContactUnits.Any(cu => cu.ContactId == c.Id && cu.UnitId == u));
        if (tagId is { } t) query = query.Where(c => db.ContactTags.Any(ct2 => ct2.ContactId == c.Id && ct2.TagId == t));
        if (leader is { } l) query = query.Where(c => c.IsLeader == l);
        if (eligible is { } e) query = query.Where(c => c.Eligible == e);
        // Names are ciphertext: search and sort happen here, on the caller's visible contacts only.
        var all = await query.Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var needle = q?.Trim();
        var matched = all.Where(c => string.IsNullOrEmpty(needle) || c.Name.Contains(needle, StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Id).ToList();
        var ids = matched.Skip((page - 1) * pageSize).Take(pageSize).Select(c => c.Id).ToList();
        var rows = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Role, c.IsLeader, c.Eligible, c.LastContactedUtc, Units = c.Units.Select(x => x.UnitId).ToList() }).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        var items = ids.Select(i => byId[i]).Select(r => new ContactSummary(r.Id, r.Name, r.Role, [.. r.Units.Order()], r.IsLeader, r.Eligible, r.LastContactedUtc)).ToList();
        return new ContactPage(items, matched.Count, page, pageSize);
    }
}
