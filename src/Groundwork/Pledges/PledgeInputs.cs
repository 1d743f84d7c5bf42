using System.ComponentModel.DataAnnotations;

namespace Groundwork.Pledges;

/// A target for one unit or one organization of the pledge: a number of signers, a share of the eligible, or both.
public sealed record PledgeTargetInput(
    int? UnitId = null,
    int? OrganizationId = null,
    [property: Range(1, 10_000_000, ErrorMessage = PledgeTargetInput.GivesCountOrShare)] int? Count = null,
    [property: Range(1, 100, ErrorMessage = PledgeTargetInput.GivesCountOrShare)] int? Percent = null) : IValidatableObject
{
    internal const string GivesCountOrShare = "Each target gives a number of signers, a share of the eligible, or both.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((UnitId is null) == (OrganizationId is null))
            yield return new ValidationResult("Each target names one unit or one organization.", [nameof(UnitId)]);
        if (Count is null && Percent is null)
            yield return new ValidationResult(GivesCountOrShare, [nameof(Count)]);
    }
}

/// A new pledge. At least one threshold: <see cref="MinSigners"/>, a share of the eligible, a target per unit or per
/// organization, or explicit targets; all of those given must hold together. What needs the database or the clock
/// (the deadline ahead, the organizations and units) is decided by <see cref="StartPledge"/>.
public sealed record CreatePledgeInput(
    [property: Required(ErrorMessage = CreatePledgeInput.StatementTooShort),
        StringLength(2000, ErrorMessage = "Write what signers commit to in at most 2000 characters.")] string Statement,
    [property: Required(ErrorMessage = "Give a deadline.")] DateTime? Deadline,
    [property: StringLength(4000, ErrorMessage = "The activation message is at most 4000 characters.")] string? ActivationMessage = null,
    [property: MaxLength(50, ErrorMessage = "Include at most 50 organizations.")] int[]? OrganizationIds = null,
    [property: EnumDataType(typeof(PledgeEligibility), ErrorMessage = "Say who may sign: Members, Units or Public.")]
    PledgeEligibility Eligibility = PledgeEligibility.Members,
    [property: MaxLength(500, ErrorMessage = "Choose at most 500 units.")] int[]? UnitIds = null,
    bool RevealNames = false,
    DateTime? ActionDate = null,
    [property: Range(1, 10_000_000, ErrorMessage = "The number of signers is between 1 and 10,000,000.")] int? MinSigners = null,
    [property: Range(1, 100, ErrorMessage = "A share is between 1 and 100 percent.")] int? SharePercent = null,
    [property: EnumDataType(typeof(TallyScope), ErrorMessage = "A share is of the Total, each Organization or each Unit.")]
    TallyScope ShareOf = TallyScope.Total,
    [property: Range(1, 10_000_000, ErrorMessage = CreatePledgeInput.TargetRange)] int? PerUnitTarget = null,
    [property: Range(1, 10_000_000, ErrorMessage = CreatePledgeInput.TargetRange)] int? PerOrganizationTarget = null,
    [property: MaxLength(500, ErrorMessage = "Give at most 500 targets.")] PledgeTargetInput[]? Targets = null) : IValidatableObject
{
    internal const string StatementTooShort = "Write what signers commit to, in at least 3 characters.";
    internal const string TargetRange = "A target is between 1 and 10,000,000 signers.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The statement is stored trimmed: its length counts without the surrounding spaces.
        if (Statement is not null && Statement.Trim().Length < 3)
            yield return new ValidationResult(StatementTooShort, [nameof(Statement)]);
        if ((OrganizationIds ?? []).Any(i => i <= 0) || (UnitIds ?? []).Any(i => i <= 0))
            yield return new ValidationResult("Organization and unit ids are positive numbers.", [nameof(OrganizationIds)]);
        if ((Targets ?? []).Any(t => t is null))
            yield return new ValidationResult(PledgeTargetInput.GivesCountOrShare, [nameof(Targets)]);
    }
}

/// An optional personal condition: "I'm in if at least N others [in my unit] are".
public sealed record SignPledgeInput(
    [property: Range(1, 10_000_000, ErrorMessage = "A condition counts at least 1 other signer.")] int? AtLeastOthers = null,
    [property: EnumDataType(typeof(ConditionScope), ErrorMessage = "A condition counts others in the Pledge or in your Unit.")]
    ConditionScope Scope = ConditionScope.Pledge);

public sealed record PublicSignInput(
    [property: Required(ErrorMessage = PublicSignInput.InvalidEmail), EmailAddress(ErrorMessage = PublicSignInput.InvalidEmail),
        StringLength(254, ErrorMessage = PublicSignInput.InvalidEmail)] string Email,
    [property: Range(1, 10_000_000, ErrorMessage = "That condition cannot be met.")] int? AtLeastOthers = null)
{
    internal const string InvalidEmail = "Enter a valid email address.";
}

public sealed record ConfirmSignatureInput(
    [property: Required(ErrorMessage = ConfirmSignatureInput.NotValid),
        StringLength(200, MinimumLength = 20, ErrorMessage = ConfirmSignatureInput.NotValid)] string Token)
{
    internal const string NotValid = "This confirmation link is not valid or has expired.";
}

/// One count on the pledge page. <see cref="Signed"/> is null (and <see cref="Display"/> says "fewer than 5") for a
/// unit under five signers, so that a small unit does not give people away.
public sealed record TallyView(TallyScope Scope, int RefId, string Name, int? Signed, string Display, int Eligible,
    int? TargetCount, int? TargetPercent, bool? Met, int FollowedThrough);

/// What anyone allowed to see the pledge sees: counts and status, never who signed.
public sealed record PledgeView(
    int Id, int OrganizationId, string Statement, PledgeStatus Status, PledgeEligibility Eligibility, bool RevealNames,
    DateTime DeadlineUtc, DateTime? ActionUtc, DateTime CreatedUtc, DateTime? ActivatedUtc,
    int Signed, int Eligible, int WouldActNow, int TargetsMet, int TargetCount, int FollowedThrough,
    List<PledgeOrganizationView> Organizations, List<TallyView> Tallies, string? PublicSlug, string? ActivationMessage);

public sealed record PledgeOrganizationView(int Id, string Name);

public sealed record PledgeSummary(int Id, string Statement, PledgeStatus Status, DateTime DeadlineUtc, int Signed, int WouldActNow, bool IsPublic);

/// The caller's own signature (only ever shown to the signer).
public sealed record MySignatureView(bool Signed, SignatureStatus? Status, int? AtLeastOthers, ConditionScope? Scope, bool CanResign,
    bool Bound, bool FollowedThrough, int? UnitId);

public sealed record SignerView(string PersonId, string DisplayName);

public sealed record PublicSignAccepted(string Message);
