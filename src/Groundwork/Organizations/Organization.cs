namespace Groundwork.Organizations;

public enum OrganizationKind
{
    UnionLocal, WorkplaceCommittee, TenantsUnion, BuildingAssociation, MutualAidNetwork,
    PartyChapter, Cooperative, StudyGroup, Coalition, Federation,
}

/// Public: listed in the directory. Unlisted: reachable by link. Secret: invisible to non-members, even by id.
public enum Visibility { Public, Unlisted, Secret }

public enum JoinPolicy { Open, Approval, Invitation }

public sealed class Organization
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// Upper-cased name: a unique index makes duplicate names a 409, not a race.
    public string NormalizedName { get; set; } = "";
    public OrganizationKind Kind { get; set; }
    public string Description { get; set; } = "";
    /// Free-text area ("Leeds", "Lower East Side"): searchable in the directory.
    public string Area { get; set; } = "";
    public Visibility Visibility { get; set; }
    public JoinPolicy JoinPolicy { get; set; }
    public int? ParentId { get; set; }
    public Organization? Parent { get; set; }
    public DateTime CreatedUtc { get; set; }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}

public sealed class Unit
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int? ParentUnitId { get; set; }
    public required string Name { get; set; }
    public string NormalizedName { get; set; } = "";
    public UnitKind Kind { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public enum UnitKind { Department, Shift, Site, Building, Floor, Team, Other }

public sealed class Invitation
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    /// SHA-256 of the token: the link is the only place the token exists.
    public required string TokenHash { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
    public int MaxUses { get; set; } = 1;
    public int Uses { get; set; }
    public DateTime? RevokedUtc { get; set; }

    public InvitationState StateAt(DateTime utcNow) =>
        RevokedUtc is not null ? InvitationState.Revoked
        : utcNow >= ExpiresUtc ? InvitationState.Expired
        : Uses >= MaxUses ? InvitationState.UsedUp
        : InvitationState.Valid;
}

public enum InvitationState { Valid, Revoked, Expired, UsedUp }

public enum RequestStatus { Pending, Accepted, Rejected, Withdrawn }

/// A child organization joining a parent: approved by both sides' admins.
public sealed class AffiliationRequest
{
    public int Id { get; set; }
    public int ChildId { get; set; }
    public int ParentId { get; set; }
    public required string RequestedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ChildApprovedUtc { get; set; }
    public DateTime? ParentApprovedUtc { get; set; }
    public RequestStatus Status { get; set; }
    public DateTime? DecidedUtc { get; set; }
}

/// A member who moves asks to carry their membership to another organization of the same federation.
public sealed class TransferRequest
{
    public int Id { get; set; }
    public required string PersonId { get; set; }
    public int FromOrganizationId { get; set; }
    public int ToOrganizationId { get; set; }
    /// The member's consent: whether their join date and standing travel with them.
    public bool ShareHistory { get; set; }
    public string Note { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public RequestStatus Status { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? DecidedById { get; set; }
}
