using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Organizing.Import;

/// Who may move contacts in and out of the organization in bulk, as pure predicates used by the pages and the API.
public static class ImportPermissions
{
    /// Import contacts: admins only. Duplicate detection looks across the whole organization, so an organizer limited
    /// to some units would learn of contacts outside them.
    public static bool CanImport(Membership? m) => OrganizationPermissions.HasRole(m, Role.Admin);

    /// Export contacts: admins only, and only after confirming their password in the last five minutes.
    public static bool CanExport(Membership? m) => OrganizationPermissions.HasRole(m, Role.Admin);
}
