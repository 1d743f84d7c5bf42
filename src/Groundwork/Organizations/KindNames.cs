namespace Groundwork.Organizations;

/// English names of enum values, used as localization keys.
public static class KindNames
{
    public static string Of(OrganizationKind k) => k switch
    {
        OrganizationKind.UnionLocal => "Union local",
        OrganizationKind.WorkplaceCommittee => "Workplace committee",
        OrganizationKind.TenantsUnion => "Tenants' union",
        OrganizationKind.BuildingAssociation => "Building association",
        OrganizationKind.MutualAidNetwork => "Mutual-aid network",
        OrganizationKind.PartyChapter => "Party or chapter",
        OrganizationKind.Cooperative => "Co-op",
        OrganizationKind.StudyGroup => "Study group",
        OrganizationKind.Coalition => "Coalition",
        OrganizationKind.Federation => "Federation",
        _ => k.ToString(),
    };

    public static string Of(Visibility v) => v switch
    {
        Visibility.Public => "Public: listed in the directory",
        Visibility.Unlisted => "Unlisted: reachable by link only",
        _ => "Secret: invisible to non-members",
    };

    public static string Of(JoinPolicy j) => j switch
    {
        JoinPolicy.Open => "Open: anyone can join",
        JoinPolicy.Approval => "By approval: an organizer accepts requests",
        _ => "By invitation only",
    };

    public static string Of(Members.Role r) => r.ToString();

    public static string Of(UnitKind k) => k.ToString();
}
