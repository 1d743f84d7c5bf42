using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record ChannelInput(
    [property: Required(ErrorMessage = ChannelInput.KindMessage), EnumDataType(typeof(ChannelKind), ErrorMessage = ChannelInput.KindMessage)] ChannelKind? Kind,
    [property: Required(ErrorMessage = ChannelInput.ValueMessage), StringLength(320, MinimumLength = 1, ErrorMessage = ChannelInput.ValueMessage)] string Value)
{
    public const string KindMessage = "Each channel needs a kind: Phone, Email, Text, Messaging, Address or Other.";
    public const string ValueMessage = "Each channel needs a value of up to 320 characters.";
}

/// A contact as written by CreateContact and UpdateContact (a full replacement; Version is required on update).
public sealed record ContactInput(
    [property: Required(ErrorMessage = ContactInput.NameMessage), StringLength(200, MinimumLength = 1, ErrorMessage = ContactInput.NameMessage)] string Name,
    [property: StringLength(200, ErrorMessage = ContactInput.DetailMessage)] string? Role = null,
    [property: StringLength(200, ErrorMessage = ContactInput.DetailMessage)] string? Employer = null,
    [property: StringLength(200, ErrorMessage = ContactInput.DetailMessage)] string? Languages = null,
    [property: StringLength(8000, ErrorMessage = "Notes take up to 8000 characters.")] string? Notes = null,
    [property: MaxLength(20)] int[]? UnitIds = null,
    [property: MaxLength(20)] ChannelInput[]? Channels = null,
    [property: MaxLength(50)] int[]? TagIds = null,
    [property: MaxLength(50)] Dictionary<string, string?>? CustomFields = null,
    bool Eligible = true,
    [property: StringLength(500, ErrorMessage = "Keep the reason under 500 characters.")] string? IneligibleReason = null,
    [property: StringLength(100)] string? PersonId = null,
    int? Version = null)
{
    internal const string NameMessage = "Give the contact a name or a nickname of up to 200 characters.";
    internal const string DetailMessage = "Role, employer and languages take up to 200 characters each.";
}

/// Creating and editing a contact: load → decide → save, each rule a value the edge maps to a problem or a form message.
public static class SaveContact
{
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
            // Kept although the attributes say the same: a contact posted with a blank name or an undefined channel kind
            // reached this point before (OrganizingTests.Bad_contact_input_gets_a_clear_problem_and_writes_nothing).
            if (ch is null || ch.Kind is not { } k || !Enum.IsDefined(k)) return Failure.Invalid(ChannelInput.KindMessage, "channels");
        }
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
        c.NameLookup = ContactRules.NameLookup(crypto, c.Name);
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
                Lookup = crypto.Lookup(ContactRules.NormalizeChannel(ch.Kind.Value, ch.Value)),
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
        return await ContactQueries.ViewAsync(db, s, c, ct);
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
        return await ContactQueries.ViewAsync(db, s, c, ct);
    }
}
