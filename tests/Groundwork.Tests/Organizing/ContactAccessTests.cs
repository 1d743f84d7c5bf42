using Groundwork.Members;
using Groundwork.Organizing;

namespace Groundwork.Tests.Organizing;

public sealed class ContactAccessTests
{
    // 1 ─┬─ 2 ── 4
    //    └─ 3
    // 5
    static readonly List<(int Id, int? ParentId)> Tree = [(1, null), (2, 1), (3, 1), (4, 2), (5, null)];

    static Membership Organizer(params int[] units) => new()
    {
        PersonId = "p", Role = Role.Organizer, Status = MembershipStatus.Active,
        OrganizerScopes = [.. units.Select(u => new OrganizerScope { UnitId = u })],
    };

    [Fact]
    public void An_organizer_assigned_to_a_unit_covers_it_and_the_units_below_it_only()
    {
        var covered = ContactAccess.CoveredUnits(Organizer(2), Tree)!;
        Assert.Equal([2, 4], covered.Order());
        Assert.True(ContactAccess.Covers(covered, [4]));
        Assert.False(ContactAccess.Covers(covered, [3, 5]));
        Assert.False(ContactAccess.Covers(covered, []));
    }

    [Fact]
    public void Admins_and_unassigned_organizers_cover_the_whole_organization()
    {
        Assert.Null(ContactAccess.CoveredUnits(Organizer(), Tree));
        var admin = Organizer(3);
        admin.Role = Role.Admin;
        Assert.Null(ContactAccess.CoveredUnits(admin, Tree));
        Assert.True(ContactAccess.Covers(null, []));
    }

    [Fact]
    public void Members_do_not_work_with_contacts()
    {
        Assert.False(ContactAccess.CanWorkWithContacts(new Membership { PersonId = "p", Role = Role.Member, Status = MembershipStatus.Active }));
        Assert.False(ContactAccess.CanWorkWithContacts(new Membership { PersonId = "p", Role = Role.Organizer, Status = MembershipStatus.Removed }));
        Assert.True(ContactAccess.CanWorkWithContacts(Organizer(1)));
    }
}
