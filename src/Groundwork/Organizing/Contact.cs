namespace Groundwork.Organizing;

/// Someone the organizing committee talks to: a coworker or a neighbour, who usually has no account. Everything that
/// says who they are or what they think is a sensitive field (encrypted at rest, see AppDbContext.Organizing.cs);
/// what stays in clear is only what access control and counting need: the organization, the units, eligibility.
public sealed class Contact
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    /// Name or nickname, as the committee knows them.
    public required string Name { get; set; }
    /// Keyed hash of the normalized name (FieldCrypto.Lookup of the trimmed, upper-cased name): duplicate detection
    /// on import without a searchable name column.
    public string? NameLookup { get; set; }
    /// Job or role ("line cook", "tenant, 4B").
    public string? Role { get; set; }
    /// Employer or landlord, when the organization spans several.
    public string? Employer { get; set; }
    /// Languages they speak, comma-separated BCP 47 tags or plain words ("es, en").
    public string? Languages { get; set; }
    public string? Notes { get; set; }
    /// Values of the organization's custom fields, as a JSON object keyed by field id: encrypted as one value.
    public string? CustomFieldsJson { get; set; }
    /// Outside the bargaining unit or the tenancy (a supervisor, the landlord's relative): left out of every count.
    public bool Eligible { get; set; } = true;
    public string? IneligibleReason { get; set; }
    /// An organic leader: listed per unit, and units without one are shown.
    public bool IsLeader { get; set; }
    /// The member account this contact became, when they joined.
    public string? PersonId { get; set; }
    /// When the latest one-on-one took place: maintained by LogConversation, read by the wall chart's filter.
    public DateTime? LastContactedUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    /// Set while the import that created this contact is running: such a contact is hidden from every query (a query
    /// filter on the model) until the import is published, and removed if it fails. Null for every visible contact.
    public int? ImportJobId { get; set; }
    /// Bumped on every update: a stale edit (two organizers at once) is a 409, not a lost write.
    public int Version { get; set; }
    public List<ContactUnit> Units { get; set; } = [];
    public List<ContactChannel> Channels { get; set; } = [];
    public List<ContactTag> Tags { get; set; } = [];
}

/// The units (department, shift, building, floor …) a contact belongs to.
public sealed class ContactUnit
{
    public int ContactId { get; set; }
    public int UnitId { get; set; }
}

public enum ChannelKind { Phone, Email, Text, Messaging, Address, Other }

/// A way to reach a contact. The value is encrypted; <see cref="Lookup"/> is a keyed hash of its normalized form so
/// that an import can find the same person again without anyone being able to search the table for a number.
public sealed class ContactChannel
{
    public int Id { get; set; }
    public int ContactId { get; set; }
    /// Denormalized from the contact so duplicate detection is one indexed query per organization.
    public int OrganizationId { get; set; }
    public ChannelKind Kind { get; set; }
    public required string Value { get; set; }
    public string? Lookup { get; set; }
}

/// An organization's tags; names are encrypted (a tag can itself be sensitive).
public sealed class OrganizingTag
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }
    /// Keyed hash of the upper-cased name: one tag per name per organization, by a unique index.
    public required string NameLookup { get; set; }
}

public sealed class ContactTag
{
    public int ContactId { get; set; }
    public int TagId { get; set; }
}

public enum CustomFieldType { Text, Number, Date, YesNo, Choice }

/// A field an organization adds to its contacts ("shift start", "lease ends"); the values live on the contact.
public sealed class CustomField
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }
    public CustomFieldType Type { get; set; }
    /// For Choice: the allowed values, one per line.
    public string? Choices { get; set; }
    public DateTime? RetiredUtc { get; set; }
}
