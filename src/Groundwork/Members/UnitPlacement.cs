namespace Groundwork.Members;

public sealed class UnitPlacement
{
    public int MembershipId { get; set; }
    public int UnitId { get; set; }
}
