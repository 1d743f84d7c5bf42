namespace Groundwork.Organizing.Structure;

public enum StructureTestKind { Petition, ButtonDay, UnionCard, March, Other }

/// A structure test: the committee asks everyone to do one visible thing (sign the petition, wear the button on
/// Thursday, sign a union card) and counts, unit by unit, who did, against the eligible contacts of the unit.
public sealed class StructureTest
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public StructureTestKind Kind { get; set; }
    public required string Title { get; set; }
    /// The day of the action (UTC midnight).
    public DateTime DateUtc { get; set; }
    /// The line a unit must reach, in percent of its eligible contacts (e.g. 70).
    public int ThresholdPercent { get; set; }
    /// For petitions and union cards: the text people sign. Null for tests nobody signs (a button day).
    public string? Statement { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string CreatedById { get; set; }
    public DateTime? ClosedUtc { get; set; }

    public bool IsSignable => Statement is not null && ClosedUtc is null;
}

public enum ParticipationSource { Recorded, Signed }

/// One contact took part in one test: one row per contact per test, by a unique index.
public sealed class Participation
{
    public long Id { get; set; }
    public int StructureTestId { get; set; }
    public int ContactId { get; set; }
    public ParticipationSource Source { get; set; }
    public DateTime RecordedUtc { get; set; }
    public string? RecordedById { get; set; }
}

/// A signature on a card or petition. Who signed is sensitive: the name is encrypted, and the row points at the
/// contact or member account only so that it counts once and can be revoked by the signer.
public sealed class Signature
{
    public long Id { get; set; }
    public int StructureTestId { get; set; }
    /// A contact signing through a personal link.
    public int? ContactId { get; set; }
    /// A member signing while signed in.
    public string? PersonId { get; set; }
    public required string Name { get; set; }
    /// The unit the signer named (optional); counts toward it when the signer is not a known contact.
    public int? UnitId { get; set; }
    public DateTime SignedUtc { get; set; }
    /// The consent checkbox was ticked (always true on a stored row: the form refuses without it).
    public bool Consented { get; set; }
}

/// A personal signing link for a contact without an account: only the hash of its token is stored.
public sealed class SigningLink
{
    public int Id { get; set; }
    public int StructureTestId { get; set; }
    public int ContactId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
    public string? CreatedById { get; set; }
}
