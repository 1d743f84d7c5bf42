using Groundwork.Members;

namespace Groundwork.Decisions;

/// What a poll asks. The first seven answer with one position from a fixed list; the rest with the options the author gives.
public enum PollKind
{
    Proposal, Consent, Consensus, Gradients, SenseCheck, CountMeIn, SingleChoice,
    MultipleChoice, DotVote, Score, Ranked, TimePoll, Election,
}

public enum PollStatus { Scheduled = 0, Open = 1, Closed = 2 }

/// What a threshold is measured against: the ballots cast, the valid ones (abstentions count), or everyone on the roll.
public enum MajorityBase { Cast, Valid, Entitled }

public enum NominationStatus { Pending = 0, Accepted = 1, Declined = 2 }

/// The shape of a ballot each kind takes.
public enum BallotShape { Choice, Choices, Points, Scores, Ranking }

public sealed class Poll
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public PollKind Kind { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public PollStatus Status { get; set; }
    /// Secret: the roll of who voted and the box of what was voted have no link; see docs/Decisions.md.
    public bool Secret { get; set; }
    public bool ShuffleOptions { get; set; }
    public bool HideResultsUntilClose { get; set; }
    /// Open ballots only: a voter may vote again before close; the history is kept, the latest counts.
    public bool AllowVoteChange { get; set; }
    /// The counting method by its `tally` name, for ranked polls and elections.
    public string? Method { get; set; }
    public int Seats { get; set; } = 1;
    /// Multiple choice and time polls: at most this many marks (null: any number).
    public int? MaxChoices { get; set; }
    /// Dot vote: points per voter, and at most this many on one option.
    public int? Points { get; set; }
    public int? MaxPerOption { get; set; }
    public int ScoreMin { get; set; }
    public int ScoreMax { get; set; } = 5;
    /// Count me in: the number of people wanted.
    public int? Target { get; set; }
    /// At least this many ballots (by weight) for the result to stand.
    public int? Quorum { get; set; }
    /// The share of the base that must agree (proposal): more than (strict) or at least numerator/denominator.
    public int ThresholdNumerator { get; set; } = 1;
    public int ThresholdDenominator { get; set; } = 2;
    public bool ThresholdStrict { get; set; } = true;
    public MajorityBase Base { get; set; }
    /// Who may vote: comma-separated unit ids and roles; empty is the whole organization.
    public string EligibleUnits { get; set; } = "";
    public string EligibleRoles { get; set; } = "";
    public DateTime? OpensUtc { get; set; }
    public DateTime? ClosesUtc { get; set; }
    /// Hours before close at which those who have not voted are reminded.
    public int ReminderHours { get; set; } = 24;
    /// The public seed of any drawing of lots in the count, so `tally --seed` replays it.
    public int LotSeed { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? OpenedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    /// The count as stored at close (JSON of <see cref="PollResult"/>), so the published result never moves.
    public string? ResultJson { get; set; }
    public int EntitledCount { get; set; }
    public int BallotCount { get; set; }
    public bool OpenNotified { get; set; }
    public bool ReminderNotified { get; set; }
    public bool ResultNotified { get; set; }
    public List<PollOption> Options { get; set; } = [];

    public BallotShape Shape => ShapeOf(Kind);

    /// The poll's page, as notifications link to it.
    public static string Link(int orgId, int pollId) => $"organizations/{orgId}/decisions/polls/{pollId}";

    public static BallotShape ShapeOf(PollKind kind) => kind switch
    {
        PollKind.MultipleChoice or PollKind.TimePoll => BallotShape.Choices,
        PollKind.DotVote => BallotShape.Points,
        PollKind.Score => BallotShape.Scores,
        PollKind.Ranked or PollKind.Election => BallotShape.Ranking,
        _ => BallotShape.Choice,
    };

    /// The kinds whose options are fixed positions (agree, abstain …), made by the app, not the author.
    public static bool HasFixedOptions(PollKind kind) => (int)kind <= (int)PollKind.CountMeIn;

    public int[] UnitIds => Split(EligibleUnits).Select(int.Parse).ToArray();

    public Role[] Roles => [.. Split(EligibleRoles).Select(Enum.Parse<Role>)];

    static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public VoteOutcome CanVote(DateTime utcNow) =>
        Status == PollStatus.Scheduled ? VoteOutcome.NotOpen
        : Status == PollStatus.Closed || ClosesUtc is { } c && utcNow >= c ? VoteOutcome.Closed
        : VoteOutcome.Ok;
}

public enum VoteOutcome { Ok, NotOpen, Closed }

public sealed class PollOption
{
    public int Id { get; set; }
    public int PollId { get; set; }
    public int Position { get; set; }
    public required string Label { get; set; }
    /// Elections: the member this option stands for.
    public string? PersonId { get; set; }
}

/// A nomination for an election: by the nominee or by another member, accepted (or not) by the nominee.
public sealed class Nomination
{
    public int Id { get; set; }
    public int PollId { get; set; }
    public required string NomineeId { get; set; }
    public required string NominatedById { get; set; }
    public string Statement { get; set; } = "";
    public NominationStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// The roll of the entitled, frozen when the poll opens: quorum and the "entitled" base are exact, and a member who
/// joins later cannot vote in a poll already running. One row per poll and person (a unique index).
public sealed class PollEntitlement
{
    public long Id { get; set; }
    public int PollId { get; set; }
    public required string PersonId { get; set; }
    public long Weight { get; set; } = 1;
}

/// Secret polls: the roll of those who may still cast a ballot. Written when the poll opens, one row per entitled person
/// in a random order with random ids; casting deletes the voter's row (a conditional DELETE: no row, no ballot). So the
/// rows left are those who did not vote, nothing is ever appended, and no time or order lines up with the box.
public sealed class VoterRollEntry
{
    public long Id { get; set; }
    public int PollId { get; set; }
    public required string PersonId { get; set; }
}

/// Secret polls while open: one slot per entitled person, written at open in a random order, each holding sealed
/// padding; the k-th ballot overwrites the slot whose id is a keyed hash of k (<see cref="BallotRules.SlotId"/>). Every
/// value is sealed with the poll's key (outside the database) and padded to one size, ballot or padding alike.
public sealed class SealedBallot
{
    public long Id { get; set; }
    public int PollId { get; set; }
    public required string Sealed { get; set; }
}

/// Secret polls after close: the published board, rewritten from the box in a random order with fresh random ids.
public sealed class PublishedBallot
{
    public long Id { get; set; }
    public int PollId { get; set; }
    public required string Tracker { get; set; }
    /// Option positions: the choice, the marks or the ranking; for points and scores, the values beside them.
    public required string Content { get; set; }
    public long Weight { get; set; } = 1;
}

/// Open polls: every vote with its history; the latest per person counts (a filtered unique index keeps one).
public sealed class Vote
{
    public long Id { get; set; }
    public int PollId { get; set; }
    public required string PersonId { get; set; }
    public required string Content { get; set; }
    public string? Reason { get; set; }
    public long Weight { get; set; } = 1;
    public DateTime CastUtc { get; set; }
    public bool Latest { get; set; }
}
