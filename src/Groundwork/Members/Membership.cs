namespace Groundwork.Members;

public enum Role { Member = 0, Organizer = 1, Admin = 2 }

public enum MembershipStatus { Pending, Active, Left, Removed, TransferredOut }

/// One row per person and organization (a unique index); its history is in MembershipEvents.
public sealed class Membership
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string PersonId { get; set; }
    public Role Role { get; set; }
    public MembershipStatus Status { get; set; }
    /// The standing date: carried over on transfer when the member consents.
    public DateTime JoinedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public List<MembershipEvent> Events { get; set; } = [];
    /// Units the member is placed in.
    public List<UnitPlacement> Placements { get; set; } = [];
    /// For organizers: the units they may organize; none means the whole organization.
    public List<OrganizerScope> OrganizerScopes { get; set; } = [];

    public bool IsActive => Status == MembershipStatus.Active;
}
