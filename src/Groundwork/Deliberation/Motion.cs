using Groundwork.Tally.Questions;

namespace Groundwork.Deliberation;

public enum MotionStatus { Submitted, Seconded, Debate, Voting, Adopted, Rejected, Withdrawn }

public enum MotionMajority { Simple, TwoThirds }

public enum AmendmentKind { Replace, InsertAfter, Delete }

public enum AmendmentStatus { Proposed, Seconded, Voting, Adopted, Rejected, Withdrawn, Lapsed }

public enum VoteMethod { Electronic, ShowOfHands }

public enum VoteStatus { Open, Closed }

public enum MotionAnswer { For, Against, Abstain }

/// A proposal put to the organization: submitted by its mover, seconded by another member, debated and amended, then
/// voted. Its text lives in <see cref="MotionVersion"/>s (every version kept); <see cref="CurrentVersion"/> is moved
/// only by a conditional UPDATE, so two text changes at once cannot both land.
public sealed class Motion
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Title { get; set; }
    public required string MoverId { get; set; }
    public string? SeconderId { get; set; }
    public MotionStatus Status { get; set; }
    public int CurrentVersion { get; set; } = 1;
    public MotionMajority Majority { get; set; }
    public Base Base { get; set; } = Base.YesAndNo;
    /// The fewest ballots (or hands) for a vote to count; null for none.
    public int? Quorum { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? DecidedUtc { get; set; }
    /// The vote that decided the motion, and its result in words.
    public int? DecidingVoteId { get; set; }
    public string? Result { get; set; }
}

/// One version of a motion's text: its paragraphs, each with a stable key and a revision, so an amendment drafted
/// against a paragraph can tell whether that paragraph changed since.
public sealed class MotionVersion
{
    public int Id { get; set; }
    public int MotionId { get; set; }
    public int Number { get; set; }
    /// JSON of <see cref="Paragraph"/>s, encrypted as a whole.
    public required string Paragraphs { get; set; }
    public required string ChangedById { get; set; }
    public int? AmendmentId { get; set; }
    public DateTime AtUtc { get; set; }
}

public sealed record Paragraph(int Key, int Revision, string Text);

public sealed class Amendment
{
    public int Id { get; set; }
    public int MotionId { get; set; }
    public AmendmentKind Kind { get; set; }
    /// The paragraph it changes (or, for an insertion, the one it follows; 0 = before the first), by stable key.
    public int ParagraphKey { get; set; }
    /// The revision of that paragraph it was drafted against.
    public int ParagraphRevision { get; set; }
    /// The paragraph as it read when the amendment was proposed (for the diff); empty for an insertion.
    public required string OriginalText { get; set; }
    /// The new text (empty for a deletion).
    public required string NewText { get; set; }
    public required string ProposerId { get; set; }
    public string? SeconderId { get; set; }
    public AmendmentStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? DecidedUtc { get; set; }
}

/// A vote on a motion or on one of its amendments. At most one is open per motion (a filtered unique index): a
/// meeting decides one question at a time, so two amendments to the same paragraph are never adopted at once.
public sealed class MotionVote
{
    public int Id { get; set; }
    public int MotionId { get; set; }
    public int? AmendmentId { get; set; }
    public VoteMethod Method { get; set; }
    public VoteStatus Status { get; set; }
    public required string OpenedById { get; set; }
    public DateTime OpenedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    /// Bumped by every ballot in the same transaction: the row lock it takes orders ballots against the close.
    public int Changes { get; set; }
    public long? For { get; set; }
    public long? Against { get; set; }
    public long? Abstain { get; set; }
    public long? Entitled { get; set; }
    public QuestionOutcome? Outcome { get; set; }
    public string? Explanation { get; set; }
}

/// One member's electronic ballot in one vote (a unique index), changeable while the vote is open.
public sealed class MotionBallot
{
    public int Id { get; set; }
    public int MotionVoteId { get; set; }
    public required string PersonId { get; set; }
    public MotionAnswer Answer { get; set; }
    public DateTime CastUtc { get; set; }
}
