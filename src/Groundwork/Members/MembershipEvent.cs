namespace Groundwork.Members;

public enum MembershipEventKind
{
    Requested, Joined, Approved, Rejected, Left, Removed, RoleChanged, TransferredIn, TransferredOut, Rejoined,
}

public sealed class MembershipEvent
{
    public int Id { get; set; }
    public int MembershipId { get; set; }
    public MembershipEventKind Kind { get; set; }
    public DateTime AtUtc { get; set; }
    public Role? Role { get; set; }
    public string? ActorId { get; set; }
    /// For transfers: the organization on the other side.
    public int? OtherOrganizationId { get; set; }
}
