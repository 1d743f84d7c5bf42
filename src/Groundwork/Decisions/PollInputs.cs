using System.ComponentModel.DataAnnotations;
using Groundwork.Members;

namespace Groundwork.Decisions;

/// A new poll. Every rule that needs only the input is here, once (the API runs it before the handler, the page before
/// it calls <see cref="CreatePoll"/>); the operation checks only what needs the clock or the database.
public sealed record CreatePollInput(
    [property: Required(ErrorMessage = "Choose a kind of poll."), EnumDataType(typeof(PollKind), ErrorMessage = "Choose a kind of poll.")] PollKind? Kind,
    [property: Required(ErrorMessage = CreatePollInput.TitleMessage), StringLength(200, MinimumLength = 1, ErrorMessage = CreatePollInput.TitleMessage)] string Title,
    [property: StringLength(8000, ErrorMessage = "Write a description of up to 8,000 characters.")] string? Description = null,
    [property: MaxLength(BallotRules.MaxOptions, ErrorMessage = "At most 100 options.")] string[]? Options = null,
    bool Secret = false,
    bool ShuffleOptions = false,
    bool HideResultsUntilClose = false,
    bool AllowVoteChange = false,
    [property: StringLength(40, ErrorMessage = "Choose a counting method from the list.")] string? Method = null,
    [property: Range(1, 50, ErrorMessage = "Fill from 1 to 50 seats.")] int Seats = 1,
    [property: Range(1, BallotRules.MaxOptions, ErrorMessage = "Allow from 1 to 100 choices.")] int? MaxChoices = null,
    [property: Range(1, 1000, ErrorMessage = "Give each voter from 1 to 1,000 points.")] int? Points = null,
    [property: Range(1, 1000, ErrorMessage = "Allow from 1 to 1,000 points on one option.")] int? MaxPerOption = null,
    [property: Range(-100, 100, ErrorMessage = "Scores run from -100 to 100.")] int ScoreMin = 0,
    [property: Range(-100, 100, ErrorMessage = "Scores run from -100 to 100.")] int ScoreMax = 5,
    [property: Range(1, 10_000_000, ErrorMessage = "A target is from 1 to 10,000,000 people.")] int? Target = null,
    [property: Range(1, 10_000_000, ErrorMessage = "A quorum is from 1 to 10,000,000 ballots.")] int? Quorum = null,
    [property: Range(1, 100, ErrorMessage = "A threshold is a fraction with parts from 1 to 100.")] int ThresholdNumerator = 1,
    [property: Range(1, 100, ErrorMessage = "A threshold is a fraction with parts from 1 to 100.")] int ThresholdDenominator = 2,
    bool ThresholdStrict = true,
    [property: EnumDataType(typeof(MajorityBase), ErrorMessage = "Choose what the majority is measured against.")] MajorityBase Base = MajorityBase.Cast,
    [property: MaxLength(100, ErrorMessage = "Choose at most 100 units.")] int[]? UnitIds = null,
    [property: MaxLength(3, ErrorMessage = "Unknown role.")] Role[]? Roles = null,
    DateTime? OpensUtc = null,
    DateTime? ClosesUtc = null,
    [property: Range(0, 720, ErrorMessage = "Remind from 0 to 720 hours before the close.")] int ReminderHours = 24) : IValidatableObject
{
    internal const string TitleMessage = "Give the poll a title of up to 200 characters.";
    internal const string ClosingMessage = "The closing time must be in the future and after the opening time.";

    static readonly string[] rankedMethods = ["irv", "scottish-stv", "meek-stv", "wigm-stv", "schulze", "schulze-margins", "ranked-pairs"];
    public static IReadOnlyList<string> RankedMethods => rankedMethods;

    /// The options the poll will have: the fixed positions of its kind, none for an election (its nominations come at
    /// open), or the author's labels, trimmed.
    public string[] OptionLabels() => Kind is not { } kind ? []
        : Poll.HasFixedOptions(kind) ? BallotRules.FixedOptions(kind)
        : kind == PollKind.Election ? []
        : [.. (Options ?? []).Select(o => (o ?? "").Trim())];

    /// The counting method of a ranked poll or election (the default when none is chosen); null for other kinds.
    public string? CountingMethod() => Kind is { } kind && Poll.ShapeOf(kind) == BallotShape.Ranking
        ? Method ?? (kind == PollKind.Election && Seats > 1 ? "scottish-stv" : "irv")
        : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind is not { } kind || !Enum.IsDefined(kind)) yield break; // the attributes say so
        var labels = OptionLabels();
        if (Poll.HasFixedOptions(kind))
        {
            if (Options is { Length: > 0 }) yield return Error("This kind of poll has its own options.", "options");
        }
        else if (kind == PollKind.Election)
        {
            if (Options is { Length: > 0 }) yield return Error("An election's options are its accepted nominations.", "options");
        }
        else if (labels.Length < 2) yield return Error("Give at least two options.", "options");
        else if (labels.Any(l => l.Length is 0 or > 200)) yield return Error("Each option needs a label of up to 200 characters.", "options");
        else if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Length) yield return Error("Two options have the same label.", "options");

        if (Poll.ShapeOf(kind) == BallotShape.Ranking)
        {
            var method = CountingMethod()!;
            if (!rankedMethods.Contains(method) || Tally.Methods.Find(method) is null)
                yield return Error($"Count a ranked ballot by one of: {string.Join(", ", rankedMethods)}.", "method");
            if (kind == PollKind.Ranked && Seats > labels.Length) yield return Error("More seats than options.", "seats");
            if (method == "irv" && Seats > 1) yield return Error("IRV fills one seat; use an STV method for several.", "method");
        }
        else
        {
            if (Method is not null) yield return Error("Only ranked polls and elections choose a counting method.", "method");
            if (Seats != 1) yield return Error("Only ranked polls and elections have seats.", "seats");
        }
        if (Secret && AllowVoteChange) yield return Error("A secret ballot cannot be changed once cast.", "allowVoteChange");
        if (kind == PollKind.DotVote && Points is null) yield return Error("Say how many points each voter has.", "points");
        if (ScoreMin >= ScoreMax) yield return Error("The lowest score must be below the highest.", "scoreMin");
        if (ThresholdNumerator > ThresholdDenominator) yield return Error("A threshold is a fraction of at most one.", "thresholdNumerator");
        if (MaxChoices is { } mc && mc > Math.Max(labels.Length, 1)) yield return Error("More choices allowed than there are options.", "maxChoices");
        // That the close is still ahead needs the clock: the operation checks it.
        if (ClosesUtc is { } closes && OpensUtc is { } opens && closes <= opens) yield return Error(ClosingMessage, "closesUtc");
        if ((Roles ?? []).Any(r => !Enum.IsDefined(r))) yield return Error("Unknown role.", "roles");
    }

    static ValidationResult Error(string message, string field) => new(message, [field]);
}

public sealed record UpdatePollInput(
    [property: StringLength(200, MinimumLength = 1, ErrorMessage = CreatePollInput.TitleMessage)] string? Title = null,
    [property: StringLength(8000, ErrorMessage = "Write a description of up to 8,000 characters.")] string? Description = null,
    bool? Secret = null,
    DateTime? ClosesUtc = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Title is not null && Title.Trim().Length == 0) yield return new ValidationResult(CreatePollInput.TitleMessage, ["title"]);
    }
}

public sealed record NominateInput(
    [property: StringLength(64, MinimumLength = 1, ErrorMessage = "Choose the member you nominate.")] string? NomineeId = null,
    [property: StringLength(4000, ErrorMessage = "Write a statement of up to 4,000 characters.")] string? Statement = null);

public sealed record AcceptNominationInput(
    [property: Required(ErrorMessage = "Say whether you accept: true or false.")] bool? Accept,
    [property: StringLength(4000, ErrorMessage = "Write a statement of up to 4,000 characters.")] string? Statement = null);

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
