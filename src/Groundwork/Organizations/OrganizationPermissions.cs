using Groundwork.Members;

namespace Groundwork.Organizations;

/// Who may do what in an organization, as pure predicates shared by pages and the API so they cannot disagree.
public static class OrganizationPermissions
{
    public static bool IsActiveMember(Membership? m) => m is { Status: MembershipStatus.Active };

    public static bool HasRole(Membership? m, Role minimum) => IsActiveMember(m) && m!.Role >= minimum;

    /// Public and unlisted organizations can be read by anyone with the id or link; secret ones only by members.
    public static bool CanSee(Organization org, Membership? m) =>
        org.Visibility != Visibility.Secret || IsActiveMember(m);

    public static bool CanListMembers(Membership? m) => IsActiveMember(m);

    /// An organizer limited to some units sees only the members placed there.
    public static bool OrganizerCovers(Membership organizer, IEnumerable<int> memberUnitIds) =>
        organizer.Role == Role.Admin
        || organizer.OrganizerScopes.Count == 0
        || memberUnitIds.Any(u => organizer.OrganizerScopes.Any(s => s.UnitId == u));

    public static bool CanManage(Membership? m) => HasRole(m, Role.Admin);

    public static bool CanInvite(Membership? m) => HasRole(m, Role.Organizer);

    /// Admins may not demote or remove the last admin: an organization must always be governable.
    public static bool LeavesAnAdmin(int activeAdmins, Membership target, Role? newRole) =>
        target.Role != Role.Admin || newRole == Role.Admin || activeAdmins > 1;
}
