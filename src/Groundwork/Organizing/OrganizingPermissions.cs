using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Organizing;

/// Who may do what with contacts and their lists, as pure predicates shared by the pages and the API.
public static class OrganizingPermissions
{
    /// Contacts, one-on-ones, assessments, relationships, leaders, the wall chart: organizers and admins, within reach.
    public static bool CanOrganize(Membership? m) => ContactAccess.CanWorkWithContacts(m);

    /// The organization's list of issues and its tags: organizers manage them.
    public static bool CanManageLists(Membership? m) => OrganizationPermissions.HasRole(m, Role.Organizer);

    /// Scales, custom fields and retention shape everyone's data: admins only.
    public static bool CanConfigure(Membership? m) => OrganizationPermissions.HasRole(m, Role.Admin);
}
