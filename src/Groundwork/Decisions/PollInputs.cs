using System.ComponentModel.DataAnnotations;
using Groundwork.Members;

namespace Groundwork.Decisions;

public sealed record CreatePollInput(
    [property: Required] PollKind? Kind,
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    [property: StringLength(8000)] string? Description = null,
    [property: MaxLength(BallotRules.MaxOptions)] string[]? Options = null,
    bool Secret = false,
    bool ShuffleOptions = false,
    bool HideResultsUntilClose = false,
    bool AllowVoteChange = false,
    [property: StringLength(40)] string? Method = null,
    [property: Range(1, 50)] int Seats = 1,
    [property: Range(1, BallotRules.MaxOptions)] int? MaxChoices = null,
    [property: Range(1, 1000)] int? Points = null,
    [property: Range(1, 1000)] int? MaxPerOption = null,
    [property: Range(-100, 100)] int ScoreMin = 0,
    [property: Range(-100, 100)] int ScoreMax = 5,
    [property: Range(1, 10_000_000)] int? Target = null,
    [property: Range(1, 10_000_000)] int? Quorum = null,
    [property: Range(1, 100)] int ThresholdNumerator = 1,
    [property: Range(1, 100)] int ThresholdDenominator = 2,
    bool ThresholdStrict = true,
    MajorityBase Base = MajorityBase.Cast,
    [property: MaxLength(100)] int[]? UnitIds = null,
    [property: MaxLength(3)] Role[]? Roles = null,
    DateTime? OpensUtc = null,
    DateTime? ClosesUtc = null,
    [property: Range(0, 720)] int ReminderHours = 24);

public sealed record UpdatePollInput(
    [property: StringLength(200, MinimumLength = 1)] string? Title = null,
    [property: StringLength(8000)] string? Description = null,
    bool? Secret = null,
    DateTime? ClosesUtc = null);

public sealed record NominateInput(
    [property: StringLength(64, MinimumLength = 1)] string? NomineeId = null,
    [property: StringLength(4000)] string? Statement = null);

public sealed record AcceptNominationInput(
    [property: Required] bool? Accept,
    [property: StringLength(4000)] string? Statement = null);

public sealed record OptionView(int Id, string Label, int Position);

public sealed record NominationView(int Id, string NomineeId, string Name, string Statement, NominationStatus Status, bool NominatedBySelf);

/// The caller's standing in the poll: on the roll or not, voted or not, and (open ballots) their current vote.
public sealed record MyStanding(bool Entitled, bool Voted, VoteInput? Current);

public sealed record PollView(
    int Id, int OrganizationId, PollKind Kind, BallotShape Shape, string Title, string Description, PollStatus Status, bool Secret,
    bool ShuffleOptions, bool HideResultsUntilClose, bool AllowVoteChange, string? Method, int Seats,
    int? MaxChoices, int? Points, int? MaxPerOption, int ScoreMin, int ScoreMax, int? Target, int? Quorum,
    int ThresholdNumerator, int ThresholdDenominator, bool ThresholdStrict, MajorityBase Base,
    int[] UnitIds, Role[] Roles, DateTime? OpensUtc, DateTime? ClosesUtc, DateTime? OpenedUtc, DateTime? ClosedUtc,
    int EntitledCount, int BallotCount, int LotSeed, List<OptionView> Options, List<NominationView> Nominations, MyStanding Me);

public sealed record PollSummary(int Id, PollKind Kind, string Title, PollStatus Status, bool Secret,
    DateTime? OpensUtc, DateTime? ClosesUtc, int BallotCount);

/// What a voter gets back. For a secret ballot, the tracker is shown this once and kept nowhere that names the voter.
public sealed record CastVoteResult(int PollId, bool Secret, string? Tracker, string Message);
