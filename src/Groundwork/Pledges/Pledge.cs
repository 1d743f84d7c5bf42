namespace Groundwork.Pledges;

public enum PledgeStatus { Gathering = 0, Active = 1, Expired = 2, Cancelled = 3 }

/// Who may sign: members of the pledge's organizations, members placed in some of their units, or anyone who confirms
/// an email address (a public pledge).
public enum PledgeEligibility { Members = 0, Units = 1, Public = 2 }

/// What a personal condition counts: the others who signed in the signer's unit, or in the whole pledge.
public enum ConditionScope { Pledge = 0, Unit = 1 }

/// What a tally row counts: the whole pledge, one organization, one unit.
public enum TallyScope { Total = 0, Organization = 1, Unit = 2 }

public enum SignatureStatus { Active = 0, Withdrawn = 1 }

/// A threshold pledge. Its statement and activation message are field-encrypted; its signers live in
/// <see cref="PledgeSignature"/>, sealed with the pledge's own key (see docs/pledges.md).
public sealed class Pledge
{
    public int Id { get; set; }
    /// The organization that created it (its organizers may cancel it); others may take part through PledgeOrganizations.
    public int OrganizationId { get; set; }
    public required string Statement { get; set; }
    public required string ActivationMessage { get; set; }
    public PledgeEligibility Eligibility { get; set; }
    /// Whether organizers see the names once the pledge is active; fixed at creation.
    public bool RevealNames { get; set; }
    public DateTime DeadlineUtc { get; set; }
    /// When the action happens; follow-through can be reported from then on (from activation when not given).
    public DateTime? ActionUtc { get; set; }
    public PledgeStatus Status { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ActivatedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    /// The shareable id of a public pledge (random, unguessable); null for the others.
    public string? PublicSlug { get; set; }
    /// How many signers the conditions resolved to at activation.
    public int ActiveSigners { get; set; }
    /// The size of the largest group whose conditions hold, as of the last resolution (signatures with conditions).
    public int WouldActNow { get; set; }

    public List<PledgeOrganization> Organizations { get; set; } = [];

    public string KeyName => KeyNameOf(Id);
    public static string KeyNameOf(int id) => "pledge-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string SealContext => SealContextOf(Id);
    public static string SealContextOf(int id) => KeyNameOf(id) + "/signer";

    public SignRefusal? CanSign(DateTime utcNow) =>
        Status != PledgeStatus.Gathering ? SignRefusal.NotGathering
        : utcNow >= DeadlineUtc ? SignRefusal.PastDeadline
        : null;

    public DateTime FollowThroughFrom => ActionUtc ?? ActivatedUtc ?? DateTime.MaxValue;
}

public enum SignRefusal { NotGathering, PastDeadline, NotEligible, AlreadySigned, ResignedOnce, ConditionUnmeetable }

public sealed class PledgeOrganization
{
    public int PledgeId { get; set; }
    public int OrganizationId { get; set; }
}

/// A unit a Units pledge is open to.
public sealed class PledgeUnit
{
    public int PledgeId { get; set; }
    public int UnitId { get; set; }
}

/// A maintained count (updated with UPDATE … SET n = n + 1 in the signature's transaction), with the eligible count
/// (a snapshot of active memberships, refreshed by the sweeper) and the target this scope must reach, if any.
public sealed class PledgeTally
{
    public int PledgeId { get; set; }
    public TallyScope Scope { get; set; }
    /// The organization or unit id; 0 for the total.
    public int RefId { get; set; }
    public int Signed { get; set; }
    public int Eligible { get; set; }
    public int FollowedThrough { get; set; }
    public int? TargetCount { get; set; }
    /// A share of the eligible, in whole percent.
    public int? TargetPercent { get; set; }
    /// On the total row: true while the pledge gathers. Every signature and withdrawal updates the total row only
    /// where this is still true, and activation, expiry and cancellation clear it first, so a signature can never slip
    /// in after the pledge was decided (the row lock orders them on PostgreSQL too).
    public bool Open { get; set; }
    /// On the total row: how many active signatures carry a personal condition (none: nothing to resolve).
    public int Conditional { get; set; }
}

/// One signer of one pledge. No timestamps (they would line up with other tables) and no person id in clear:
/// <see cref="SignerHash"/> is an HMAC under the pledge's sealed key (one signature per person, unlinkable across
/// pledges), <see cref="SealedIdentity"/> is the person id (or the email of a public signer) sealed with that key.
/// The unit and the condition stay in clear so counts and conditions can be evaluated without opening anything.
public sealed class PledgeSignature
{
    public Guid Id { get; set; }
    public int PledgeId { get; set; }
    public required string SignerHash { get; set; }
    public required string SealedIdentity { get; set; }
    public int? OrganizationId { get; set; }
    public int? UnitId { get; set; }
    public int? ConditionMin { get; set; }
    public ConditionScope ConditionScope { get; set; }
    public SignatureStatus Status { get; set; }
    public int Resigns { get; set; }
    /// Among the signers the conditions resolved to at activation: the ones who are told and bound.
    public bool Bound { get; set; }
    public bool Told { get; set; }
    public bool FollowedThrough { get; set; }
}

/// A public signature waiting for its email to be confirmed. The email is sealed like a signer identity; the token
/// exists only in the link (its hash is stored).
public sealed class PledgeEmailConfirmation
{
    public int Id { get; set; }
    public int PledgeId { get; set; }
    public required string TokenHash { get; set; }
    public required string SignerHash { get; set; }
    public required string SealedEmail { get; set; }
    public int? ConditionMin { get; set; }
    public DateTime ExpiresUtc { get; set; }
}
