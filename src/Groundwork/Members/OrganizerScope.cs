namespace Groundwork.Members;

public sealed class OrganizerScope
{
    public int MembershipId { get; set; }
    public int UnitId { get; set; }
}
