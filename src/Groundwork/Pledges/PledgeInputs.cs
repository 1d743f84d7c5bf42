using System.ComponentModel.DataAnnotations;

namespace Groundwork.Pledges;

/// A target for one unit or one organization of the pledge: a number of signers, a share of the eligible, or both.
public sealed record PledgeTargetInput(
    int? UnitId = null,
    int? OrganizationId = null,
    [property: Range(1, 10_000_000)] int? Count = null,
    [property: Range(1, 100)] int? Percent = null);

/// A new pledge. At least one threshold: <see cref="MinSigners"/>, a share of the eligible, a target per unit or per
/// organization, or explicit targets; all of those given must hold together.
public sealed record CreatePledgeInput(
    [property: Required, StringLength(2000, MinimumLength = 3)] string Statement,
    [property: Required] DateTime? Deadline,
    [property: StringLength(4000)] string? ActivationMessage = null,
    [property: MaxLength(50)] int[]? OrganizationIds = null,
    PledgeEligibility Eligibility = PledgeEligibility.Members,
    [property: MaxLength(500)] int[]? UnitIds = null,
    bool RevealNames = false,
    DateTime? ActionDate = null,
    [property: Range(1, 10_000_000)] int? MinSigners = null,
    [property: Range(1, 100)] int? SharePercent = null,
    TallyScope ShareOf = TallyScope.Total,
    [property: Range(1, 10_000_000)] int? PerUnitTarget = null,
    [property: Range(1, 10_000_000)] int? PerOrganizationTarget = null,
    [property: MaxLength(500)] PledgeTargetInput[]? Targets = null);

/// An optional personal condition: "I'm in if at least N others [in my unit] are".
public sealed record SignPledgeInput(
    [property: Range(1, 10_000_000)] int? AtLeastOthers = null,
    ConditionScope Scope = ConditionScope.Pledge);

public sealed record PublicSignInput(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Range(1, 10_000_000)] int? AtLeastOthers = null);

public sealed record ConfirmSignatureInput([property: Required, StringLength(200, MinimumLength = 20)] string Token);

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
