using Groundwork.Data;
using Groundwork.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

/// What duplicate detection compares against: keyed hashes only (no names or numbers in clear), and unit ids.
internal sealed class KnownContacts
{
    /// Channel lookups of visible contacts (and of rows of this import merged into them) → contact.
    public Dictionary<string, int> ByChannel { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<int>> ByName { get; } = new(StringComparer.Ordinal);
    public Dictionary<int, HashSet<int>> UnitsOf { get; } = [];
    public Dictionary<string, int> Units { get; } = new(StringComparer.Ordinal);
    /// Channel lookups of the contacts this import created in earlier batches → contact (hidden until published).
    public Dictionary<string, int> InFile { get; } = new(StringComparer.Ordinal);

    internal static async Task<KnownContacts> LoadAsync(AppDbContext db, int orgId, int? jobId, CancellationToken ct)
    {
        var e = new KnownContacts();
        var channels = from x in db.ContactChannels.AsNoTracking()
                       join c in db.Contacts.IgnoreQueryFilters() on x.ContactId equals c.Id
                       where x.OrganizationId == orgId && x.Lookup != null && (c.ImportJobId == null || c.ImportJobId == jobId)
                       select new { x.Lookup, x.ContactId, c.ImportJobId };
        await foreach (var c in channels.AsAsyncEnumerable().WithCancellation(ct))
            (c.ImportJobId is null ? e.ByChannel : e.InFile).TryAdd(c.Lookup!, c.ContactId);
        await foreach (var c in db.Contacts.AsNoTracking().Where(x => x.OrganizationId == orgId && x.NameLookup != null).Select(x => new { x.NameLookup, x.Id }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!e.ByName.TryGetValue(c.NameLookup!, out var l)) e.ByName[c.NameLookup!] = l = [];
            l.Add(c.Id);
        }
        var cu = from x in db.ContactUnits join c in db.Contacts on x.ContactId equals c.Id where c.OrganizationId == orgId select new { x.ContactId, x.UnitId };
        await foreach (var x in cu.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!e.UnitsOf.TryGetValue(x.ContactId, out var s)) e.UnitsOf[x.ContactId] = s = [];
            s.Add(x.UnitId);
        }
        foreach (var u in await db.Units.AsNoTracking().Where(u => u.OrganizationId == orgId).Select(u => new { u.Id, u.NormalizedName }).ToListAsync(ct))
            e.Units.TryAdd(u.NormalizedName, u.Id);
        return e;
    }

    internal static int? FindDuplicate(KnownContacts e, FieldCrypto crypto, RowPlan p, out string? why)
    {
        foreach (var m in p.Emails)
            if (e.ByChannel.TryGetValue(crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Email, m)), out var id)) { why = ImportMessages.SameEmailAsContact; return id; }
        foreach (var m in p.Phones)
            if (e.ByChannel.TryGetValue(crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Phone, m)), out var id)) { why = ImportMessages.SamePhoneAsContact; return id; }
        if (e.ByName.TryGetValue(crypto.Lookup(ImportPlanning.NormalizeName(p.Name)), out var ids))
        {
            var unitIds = p.Units.Select(u => e.Units.GetValueOrDefault(Organization.Normalize(u.Name))).Where(x => x != 0).ToHashSet();
            foreach (var id in ids)
                if (e.UnitsOf.TryGetValue(id, out var s) && s.Overlaps(unitIds)) { why = ImportMessages.SameNameAndUnitAsContact; return id; }
        }
        why = null;
        return null;
    }

    /// Plans one row and adds the error for a unit that does not exist (unless the settings create it).
    internal static RowPlan PlanRow(int row, string[] record, IReadOnlyList<string> headers, ImportSettings s, IReadOnlyList<CustomFieldRef> fields, KnownContacts e,
        Dictionary<string, (string Name, UnitKind Kind)> newUnits)
    {
        var p = ImportPlanning.Plan(row, record, headers, s.Columns ?? [], fields);
        foreach (var u in p.Units)
        {
            var key = Organization.Normalize(u.Name);
            if (e.Units.ContainsKey(key)) continue;
            if (s.CreateUnits) newUnits.TryAdd(key, u);
            else p.Errors.Add("The unit in this row does not exist (create it first, or tick \"create missing units\").");
        }
        return p;
    }

    internal static IEnumerable<string> Keys(FieldCrypto crypto, RowPlan p) =>
        p.Emails.Select(m => crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Email, m)))
            .Concat(p.Phones.Select(m => crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Phone, m))));
}
