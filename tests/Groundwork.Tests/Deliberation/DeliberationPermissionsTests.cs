using Groundwork.Deliberation;
using Groundwork.Members;

namespace Groundwork.Tests.Deliberation;

public sealed class DeliberationPermissionsTests
{
    static Membership M(Role role, string id = "me", MembershipStatus status = MembershipStatus.Active, params int[] scopes) =>
        new() { OrganizationId = 1, PersonId = id, Role = role, Status = status, OrganizerScopes = [.. scopes.Select(u => new OrganizerScope { UnitId = u })] };

    static Discussion D(int? unit = null, bool locked = false) => new() { OrganizationId = 1, UnitId = unit, Title = "t", AuthorId = "author", IsLocked = locked };

    [Fact]
    public void Unit_threads_are_for_the_unit_and_the_organizers_who_cover_it()
    {
        Assert.True(DeliberationPermissions.CanSee(M(Role.Member), D(5), [5]));
        Assert.False(DeliberationPermissions.CanSee(M(Role.Member), D(5), [6]));
        Assert.True(DeliberationPermissions.CanSee(M(Role.Organizer), D(5), []));
        Assert.True(DeliberationPermissions.CanSee(M(Role.Organizer, scopes: 5), D(5), []));
        Assert.False(DeliberationPermissions.CanSee(M(Role.Organizer, scopes: 6), D(5), []));
        Assert.True(DeliberationPermissions.CanSee(M(Role.Admin), D(5), []));
        Assert.False(DeliberationPermissions.CanSee(M(Role.Admin, status: MembershipStatus.Removed), D(), []));
        Assert.False(DeliberationPermissions.CanSee(new Membership { OrganizationId = 2, PersonId = "me", Status = MembershipStatus.Active }, D(), []));
    }

    [Fact]
    public void Locked_threads_take_replies_only_from_their_moderators()
    {
        Assert.False(DeliberationPermissions.CanReply(M(Role.Member), D(locked: true), []));
        Assert.True(DeliberationPermissions.CanReply(M(Role.Organizer), D(locked: true), []));
        Assert.False(DeliberationPermissions.CanReply(M(Role.Organizer, scopes: 6), D(5, locked: true), [5]));
    }

    [Fact]
    public void Only_another_member_seconds_and_only_the_mover_withdraws_before_the_vote()
    {
        var motion = new Motion { Title = "t", MoverId = "mover", Status = MotionStatus.Submitted };
        Assert.False(DeliberationPermissions.CanSecond(M(Role.Member, "mover"), motion));
        Assert.True(DeliberationPermissions.CanSecond(M(Role.Member, "other"), motion));
        Assert.True(DeliberationPermissions.CanWithdraw(M(Role.Member, "mover"), motion));
        Assert.False(DeliberationPermissions.CanWithdraw(M(Role.Admin, "other"), motion));
        motion.Status = MotionStatus.Voting;
        Assert.False(DeliberationPermissions.CanWithdraw(M(Role.Member, "mover"), motion));
        Assert.False(DeliberationPermissions.CanChair(M(Role.Member)));
        Assert.True(DeliberationPermissions.CanChair(M(Role.Organizer)));
    }
}
