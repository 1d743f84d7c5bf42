using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record ChannelInput([property: Required] ChannelKind? Kind, [property: Required, StringLength(320, MinimumLength = 1)] string Value);

/// A contact as written by CreateContact and UpdateContact (a full replacement; Version is required on update).
public sealed record ContactInput(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(200)] string? Role = null,
    [property: StringLength(200)] string? Employer = null,
    [property: StringLength(200)] string? Languages = null,
    [property: StringLength(8000)] string? Notes = null,
    [property: MaxLength(20)] int[]? UnitIds = null,
    [property: MaxLength(20)] ChannelInput[]? Channels = null,
    [property: MaxLength(50)] int[]? TagIds = null,
    [property: MaxLength(50)] Dictionary<string, string?>? CustomFields = null,
    bool Eligible = true,
    [property: StringLength(500)] string? IneligibleReason = null,
    [property: StringLength(100)] string? PersonId = null,
    int? Version = null);

public sealed record ChannelView(int Id, ChannelKind Kind, string Value);
public sealed record LatestLevelView(int ScaleId, int LevelId, string Level, int Position, DateTime AssessedUtc);
public sealed record RelationshipView(int Id, int OtherContactId, string OtherName, RelationshipKind Kind, bool Outgoing, string? Notes);

public sealed record ContactView(int Id, string Name, string? Role, string? Employer, string? Languages, string? Notes,
    int[] UnitIds, ChannelView[] Channels, int[] TagIds, Dictionary<string, string?> CustomFields, bool Eligible,
    string? IneligibleReason, bool IsLeader, string? PersonId, DateTime? LastContactedUtc, DateTime CreatedUtc, DateTime UpdatedUtc,
    int Version, LatestLevelView[] Levels, RelationshipView[] Relationships);

public sealed record ContactSummary(int Id, string Name, string? Role, int[] UnitIds, bool IsLeader, bool Eligible, DateTime? LastContactedUtc);

public sealed record ContactPage(List<ContactSummary> Items, int Total, int Page, int PageSize);

/// What a caller may reach: their membership and the units they cover (null = the whole organization).
public sealed record OrganizingScope(int OrgId, Membership Me, HashSet<int>? Covered)
{
    public string PersonId => Me.PersonId;

    public static async Task<OrganizingScope> LoadAsync(AppDbContext db, Membership me, CancellationToken ct) =>
        new(me.OrganizationId, me, await ContactAccess.CoveredUnitsAsync(db, me, ct));
}

/// Contacts: load → decide → save, each rule a value the edge maps to a problem or a form message.
public static class ContactRules
{
    public const int MaxPageSize = 100;
    public const int MaxFieldValue = 2000;

    public static string NameLookup(FieldCrypto crypto, string name) => crypto.Lookup(name.Trim().ToUpperInvariant());

    /// The normalized form of a channel value that its lookup hash is taken of: digits for numbers, lower case for
    /// email, trimmed upper case otherwise.
    public static string NormalizeChannel(ChannelKind kind, string value) => kind switch
    {
        ChannelKind.Phone or ChannelKind.Text => new string([.. value.Where(char.IsDigit)]),
        ChannelKind.Email => value.Trim().ToLowerInvariant(),
        _ => value.Trim().ToUpperInvariant(),
    };

    public static async Task<Outcome<ContactView>> GetAsync(AppDbContext db, OrganizingScope s, int contactId, CancellationToken ct)
    {
        var c = await ContactAccess.Visible(db, s.OrgId, s.Covered).AsNoTracking().AsSplitQuery()
            .Include(x => x.Units).Include(x => x.Channels).Include(x => x.Tags)
            .FirstOrDefaultAsync(x => x.Id == contactId, ct);
        if (c is null) return Failure.NotFound("No such contact.");
        return await ViewAsync(db, s, c, ct);
    }

    static async Task<ContactView> ViewAsync(AppDbContext db, OrganizingScope s, Contact c, CancellationToken ct)
    {
        var levels = await (from k in db.ContactLevels.AsNoTracking() where k.ContactId == c.Id select new { k.ScaleId, k.Level, k.AssessedUtc }).ToListAsync(ct);
        var levelIds = levels.Select(l => ParseLevel(l.Level)).ToList();
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
            [.. c.Tags.Select(t => t.TagId).Order()], ReadFields(c.CustomFieldsJson), c.Eligible, c.IneligibleReason, c.IsLeader, c.PersonId,
            c.LastContactedUtc, c.CreatedUtc, c.UpdatedUtc, c.Version,
            [.. levels.Select(l => (l, id: ParseLevel(l.Level))).Where(x => names.ContainsKey(x.id))
                .Select(x => new LatestLevelView(x.l.ScaleId, x.id, names[x.id].Name, names[x.id].Position, x.l.AssessedUtc)).OrderBy(x => x.ScaleId)],
            [.. rels.Where(r => others.ContainsKey(r.FromContactId == c.Id ? r.ToContactId : r.FromContactId))
                .Select(r => new RelationshipView(r.Id, r.FromContactId == c.Id ? r.ToContactId : r.FromContactId,
                    others[r.FromContactId == c.Id ? r.ToContactId : r.FromContactId], r.Kind, r.FromContactId == c.Id, r.Notes))]);
    }

    public static int ParseLevel(string level) => int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    public static Dictionary<string, string?> ReadFields(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];

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

    /// Everything about the input that the database must confirm: units, tags, custom fields, the member account.
    static async Task<Failure?> CheckAsync(AppDbContext db, OrganizingScope s, ContactInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return Failure.Invalid("Give the contact a name or a nickname.", "name");
        var units = (input.UnitIds ?? []).Distinct().ToList();
        if (units.Count > 0 && await db.Units.CountAsync(u => u.OrganizationId == s.OrgId && units.Contains(u.Id), ct) != units.Count)
            return Failure.Invalid("One of the units does not exist in this organization.", "unitIds");
        if (s.Covered is not null && (units.Count == 0 || !units.All(s.Covered.Contains)))
            return Failure.Invalid("You can place contacts only in the units you organize.", "unitIds");
        var tags = (input.TagIds ?? []).Distinct().ToList();
        if (tags.Count > 0 && await db.OrganizingTags.CountAsync(t => t.OrganizationId == s.OrgId && tags.Contains(t.Id), ct) != tags.Count)
            return Failure.Invalid("One of the tags does not exist in this organization.", "tagIds");
        foreach (var ch in input.Channels ?? [])
        {
            if (ch is null || ch.Kind is not { } k || !Enum.IsDefined(k)) return Failure.Invalid("Each channel needs a kind: Phone, Email, Text, Messaging, Address or Other.", "channels");
            if (string.IsNullOrWhiteSpace(ch.Value) || ch.Value.Length > 320) return Failure.Invalid("Each channel needs a value of up to 320 characters.", "channels");
        }
        if (!input.Eligible && input.IneligibleReason is { Length: > 500 }) return Failure.Invalid("Keep the reason under 500 characters.", "ineligibleReason");
        if (input.CustomFields is { Count: > 0 } values)
        {
            var fields = await db.CustomFields.AsNoTracking().Where(f => f.OrganizationId == s.OrgId && f.RetiredUtc == null).ToListAsync(ct);
            foreach (var (key, value) in values)
            {
                var field = fields.FirstOrDefault(f => f.Id.ToString(CultureInfo.InvariantCulture) == key);
                if (field is null) return Failure.Invalid($"There is no custom field {Clip(key)} in this organization.", "customFields");
                if (CustomFieldRules.Check(field, value) is { } problem) return Failure.Invalid(problem, "customFields");
            }
        }
        if (input.PersonId is { Length: > 0 } pid
            && !await db.Memberships.AnyAsync(m => m.OrganizationId == s.OrgId && m.PersonId == pid && m.Status == MembershipStatus.Active, ct))
            return Failure.Invalid("That account is not a member of this organization.", "personId");
        return null;
    }

    static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;

    static void Apply(Contact c, ContactInput input, FieldCrypto crypto, DateTime now)
    {
        c.Name = input.Name.Trim();
        c.NameLookup = NameLookup(crypto, c.Name);
        c.Role = Blank(input.Role);
        c.Employer = Blank(input.Employer);
        c.Languages = Blank(input.Languages);
        c.Notes = Blank(input.Notes);
        c.Eligible = input.Eligible;
        c.IneligibleReason = input.Eligible ? null : Blank(input.IneligibleReason);
        c.PersonId = Blank(input.PersonId);
        var fields = (input.CustomFields ?? []).Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value!.Trim());
        c.CustomFieldsJson = fields.Count == 0 ? null : JsonSerializer.Serialize(fields);
        c.UpdatedUtc = now;
        var units = (input.UnitIds ?? []).Distinct().ToHashSet();
        c.Units.RemoveAll(u => !units.Contains(u.UnitId));
        foreach (var u in units.Where(u => !c.Units.Any(x => x.UnitId == u))) c.Units.Add(new ContactUnit { ContactId = c.Id, UnitId = u });
        var tags = (input.TagIds ?? []).Distinct().ToHashSet();
        c.Tags.RemoveAll(t => !tags.Contains(t.TagId));
        foreach (var t in tags.Where(t => !c.Tags.Any(x => x.TagId == t))) c.Tags.Add(new ContactTag { ContactId = c.Id, TagId = t });
        c.Channels.Clear();
        foreach (var ch in input.Channels ?? [])
            c.Channels.Add(new ContactChannel
            {
                OrganizationId = c.OrganizationId, Kind = ch.Kind!.Value, Value = ch.Value.Trim(),
                Lookup = crypto.Lookup(NormalizeChannel(ch.Kind.Value, ch.Value)),
            });
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static async Task<Outcome<ContactView>> CreateAsync(AppDbContext db, OrganizingScope s, ContactInput input, DateTime now, CancellationToken ct)
    {
        if (await CheckAsync(db, s, input, ct) is { } f) return f;
        var c = new Contact { OrganizationId = s.OrgId, Name = input.Name, CreatedUtc = now, Version = 1 };
        Apply(c, input, db.Crypto, now);
        db.Contacts.Add(c);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(db, s, c, ct);
    }

    public static async Task<Outcome<ContactView>> UpdateAsync(AppDbContext db, OrganizingScope s, int contactId, ContactInput input, DateTime now, CancellationToken ct)
    {
        var c = await ContactAccess.Visible(db, s.OrgId, s.Covered).AsSplitQuery()
            .Include(x => x.Units).Include(x => x.Channels).Include(x => x.Tags).FirstOrDefaultAsync(x => x.Id == contactId, ct);
        if (c is null) return Failure.NotFound("No such contact.");
        if (input.Version is not { } version) return Failure.Invalid("Send the version of the contact you edited.", "version");
        if (version != c.Version) return Failure.Conflict("Someone else changed this contact since you opened it: reload and edit again.", "version");
        if (await CheckAsync(db, s, input, ct) is { } f) return f;
        Apply(c, input, db.Crypto, now);
        // The database decides a race between two editors: the UPDATE matches only the version this edit started from.
        db.Entry(c).Property(x => x.Version).OriginalValue = version;
        c.Version = version + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict("Someone else changed this contact since you opened it: reload and edit again.", "version");
        }
        return await ViewAsync(db, s, c, ct);
    }

    public static async Task<Failure?> DeleteAsync(AppDbContext db, OrganizingScope s, int contactId, CancellationToken ct)
    {
        // The contact's row first (as an assessment does), then its levels leave the scales' level sheets with it.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var n = await ContactAccess.Visible(db, s.OrgId, s.Covered).Where(c => c.Id == contactId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version + 1), ct);
        if (n == 0) return Failure.NotFound("No such contact.");
        var scales = await db.ContactLevels.Where(k => k.ContactId == contactId).Select(k => k.ScaleId).ToListAsync(ct);
        await db.Contacts.Where(c => c.Id == contactId).ExecuteDeleteAsync(ct);
        foreach (var scale in scales) await LevelSheets.SetAsync(db, s.OrgId, scale, contactId, null, ct);
        await tx.CommitAsync(ct);
        return null;
    }

    public static async Task<Failure?> SetLeaderAsync(AppDbContext db, OrganizingScope s, int contactId, bool isLeader, DateTime now, CancellationToken ct)
    {
        var n = await ContactAccess.Visible(db, s.OrgId, s.Covered).Where(c => c.Id == contactId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.IsLeader, isLeader).SetProperty(c => c.UpdatedUtc, now).SetProperty(c => c.Version, c => c.Version + 1), ct);
        return n == 0 ? Failure.NotFound("No such contact.") : null;
    }
}

public static class CustomFieldRules
{
    /// Why a value does not fit its field, or null when it does (empty clears the value).
    public static string? Check(CustomField field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Length > ContactRules.MaxFieldValue) return "A custom field value can be at most 2000 characters.";
        var v = value.Trim();
        return field.Type switch
        {
            CustomFieldType.Number when !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => "This custom field takes a number.",
            CustomFieldType.Date when !DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "This custom field takes a date (YYYY-MM-DD).",
            CustomFieldType.YesNo when v is not ("yes" or "no" or "true" or "false") => "This custom field takes yes or no.",
            CustomFieldType.Choice when !(field.Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(v) => "This custom field takes one of its choices.",
            _ => null,
        };
    }
}
