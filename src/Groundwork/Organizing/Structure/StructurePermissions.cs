using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Organizing.Structure;

/// Need to know for structure tests and signatures, as pure predicates used by the pages and the API.
public static class StructurePermissions
{
    /// Define, close and record tests: organizers (within the units they cover) and admins.
    public static bool CanRunTests(Membership? m) => ContactAccess.CanWorkWithContacts(m);

    /// Sign a card or petition as oneself: any active member.
    public static bool CanSign(Membership? m) => OrganizationPermissions.IsActiveMember(m);

    /// A unit row is shown to callers who cover it (null = the whole organization).
    public static bool SeesUnit(HashSet<int>? covered, int unitId) => covered is null || covered.Contains(unitId);
}
