using Groundwork.Members;
using Groundwork.Pledges;

namespace Groundwork.Tests.Pledges;

public sealed class PledgePermissionsTests
{
    static Membership M(Role role, MembershipStatus status = MembershipStatus.Active, params int[] scopes) => new()
    {
        OrganizationId = 1, PersonId = "p", Role = role, Status = status,
        OrganizerScopes = scopes.Select(u => new OrganizerScope { UnitId = u }).ToList(),
    };

    static Pledge P(PledgeStatus status, bool reveal) => new()
    {
        OrganizationId = 1, Statement = "s", ActivationMessage = "", CreatedById = "c", Status = status, RevealNames = reveal,
    };

    [Fact]
    public void Nobody_sees_names_before_activation_whatever_their_role()
    {
        Membership?[] everyone = [null, M(Role.Member), M(Role.Organizer), M(Role.Admin), M(Role.Admin, MembershipStatus.Removed)];
        foreach (var status in new[] { PledgeStatus.Gathering, PledgeStatus.Expired, PledgeStatus.Cancelled })
            foreach (var m in everyone)
                Assert.False(PledgePermissions.CanSeeNames(P(status, reveal: true), m));
        Assert.True(PledgePermissions.CanSeeNames(P(PledgeStatus.Active, reveal: true), M(Role.Admin)));
        Assert.False(PledgePermissions.CanSeeNames(P(PledgeStatus.Active, reveal: false), M(Role.Admin)));
        Assert.False(PledgePermissions.CanSeeNames(P(PledgeStatus.Active, reveal: true), M(Role.Member)));
        Assert.False(PledgePermissions.CanSeeNames(P(PledgeStatus.Active, reveal: true), M(Role.Organizer, MembershipStatus.Active, 4)));
    }

    [Fact]
    public void A_pledge_across_organizations_needs_the_creator_to_run_each_or_an_ancestor()
    {
        var chains = new Dictionary<int, IReadOnlyList<int>> { [10] = [10, 1], [11] = [11, 1], [20] = [20, 2] };
        Assert.True(PledgePermissions.MayCreateAcross([10, 11], chains, new HashSet<int> { 1 }));
        Assert.True(PledgePermissions.MayCreateAcross([10, 11], chains, new HashSet<int> { 10, 11 }));
        Assert.False(PledgePermissions.MayCreateAcross([10, 20], chains, new HashSet<int> { 1 }));
        Assert.False(PledgePermissions.MayCreateAcross([10, 99], chains, new HashSet<int> { 1, 10 }));
    }

    [Fact]
    public void Unit_counts_under_five_are_not_shown_exactly_but_totals_are()
    {
        Assert.False(PledgePermissions.ShowsExactCount(TallyScope.Unit, 0));
        Assert.False(PledgePermissions.ShowsExactCount(TallyScope.Unit, 4));
        Assert.True(PledgePermissions.ShowsExactCount(TallyScope.Unit, 5));
        Assert.True(PledgePermissions.ShowsExactCount(TallyScope.Total, 1));
    }

    [Fact]
    public void Thresholds_need_every_target_and_a_share_of_nobody_does_not_activate_the_whole_pledge()
    {
        var total = new PledgeTally { Scope = TallyScope.Total, TargetCount = 3, Eligible = 10 };
        var unit = new PledgeTally { Scope = TallyScope.Unit, RefId = 1, TargetPercent = 60, Eligible = 5 };
        Assert.False(Thresholds.AllMet([total, unit], t => t.Scope == TallyScope.Total ? 3 : 2));
        Assert.True(Thresholds.AllMet([total, unit], t => t.Scope == TallyScope.Total ? 3 : 3));
        Assert.False(Thresholds.AllMet([new PledgeTally { Scope = TallyScope.Total, TargetPercent = 50, Eligible = 0 }], _ => 0));
        Assert.True(Thresholds.Meets(new PledgeTally { Scope = TallyScope.Unit, TargetPercent = 50, Eligible = 0 }, 0));
        Assert.False(Thresholds.AllMet([new PledgeTally { Scope = TallyScope.Total }], _ => 100)); // no target at all
    }
}
