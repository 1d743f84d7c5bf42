namespace Groundwork.Organizing;

/// An assessment scale of one organization: support (1 = leader … 5 = opposed), an engagement ladder, or others.
/// Names are encrypted: "opposed" next to a name is exactly what an employer wants.
public sealed class AssessmentScale
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }
    /// "support" or "engagement" for the seeded scales (one of each per organization, by a unique index); null otherwise.
    public string? SeedKey { get; set; }
    public int Position { get; set; }
    public List<AssessmentLevel> Levels { get; set; } = [];
}

/// A level of a scale. A retired level stays in history but cannot be newly recorded.
public sealed class AssessmentLevel
{
    public int Id { get; set; }
    public int ScaleId { get; set; }
    public required string Name { get; set; }
    /// Order on the scale, 1 first (for support: 1 = leader).
    public int Position { get; set; }
    public DateTime? RetiredUtc { get; set; }
}

/// One assessment in a contact's history. The level is encrypted (stored as the level id, ciphertext), so the table
/// alone says that someone was assessed, never how.
public sealed class Assessment
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ContactId { get; set; }
    public int ScaleId { get; set; }
    public required string Level { get; set; }
    public DateTime RecordedUtc { get; set; }
    public string? RecordedById { get; set; }
    public long? ConversationId { get; set; }
}

/// The latest level of a contact on a scale (one row per contact and scale, by its key): what the wall chart reads,
/// maintained on every assessment so the chart never scans history. The level stays encrypted.
public sealed class ContactLevel
{
    public int ContactId { get; set; }
    public int ScaleId { get; set; }
    public int OrganizationId { get; set; }
    public required string Level { get; set; }
    public long AssessmentId { get; set; }
    public DateTime AssessedUtc { get; set; }
}

/// An issue of the organization's list (wages, repairs, the new rota), raised in one-on-ones.
public sealed class OrganizingIssue
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }
    public required string NameLookup { get; set; }
    public DateTime? RetiredUtc { get; set; }
}

public enum ConversationChannel { InPerson, Phone, Text, Video, Other }

/// A one-on-one: when, who spoke, how, what came up, what was agreed and when to follow up.
public sealed class Conversation
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ContactId { get; set; }
    public DateTime AtUtc { get; set; }
    public ConversationChannel Channel { get; set; }
    public string? Notes { get; set; }
    /// Set when the retention job deleted the notes.
    public DateTime? NotesPurgedUtc { get; set; }
    public string? NextStep { get; set; }
    public DateTime? FollowUpUtc { get; set; }
    public DateTime? FollowUpDoneUtc { get; set; }
    /// Whose follow-up it is: the organizer who logged the conversation.
    public string? FollowUpOwnerId { get; set; }
    public string? RecordedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<ConversationSpeaker> Speakers { get; set; } = [];
    public List<ConversationIssue> Issues { get; set; } = [];
}

public sealed class ConversationSpeaker
{
    public long ConversationId { get; set; }
    public required string PersonId { get; set; }
}

public sealed class ConversationIssue
{
    public long ConversationId { get; set; }
    public int IssueId { get; set; }
}

public enum RelationshipKind { WorksBeside, Friends, Family, Roommates, Influences, Other }

/// Two contacts who know each other: who should talk to whom. "Influences" is directed (from → to); the others
/// read both ways.
public sealed class Relationship
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int FromContactId { get; set; }
    public int ToContactId { get; set; }
    public RelationshipKind Kind { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// Per organization: how long conversation notes are kept (null = kept until deleted).
public sealed class OrganizingSettings
{
    public int OrganizationId { get; set; }
    public int? NoteRetentionDays { get; set; }
}
