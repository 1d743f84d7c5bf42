namespace Groundwork.Organizations;

public enum OrganizationKind
{
    UnionLocal, WorkplaceCommittee, TenantsUnion, BuildingAssociation, MutualAidNetwork,
    PartyChapter, Cooperative, StudyGroup, Coalition, Federation,
}

/// Public: listed in the directory. Unlisted: reachable by link. Secret: invisible to non-members, even by id.
public enum Visibility { Public, Unlisted, Secret }

public enum JoinPolicy { Open, Approval, Invitation }

public sealed class Organization
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// Upper-cased name: a unique index makes duplicate names a 409, not a race.
    public string NormalizedName { get; set; } = "";
    public OrganizationKind Kind { get; set; }
    public string Description { get; set; } = "";
    /// Free-text area ("Leeds", "Lower East Side"): searchable in the directory.
    public string Area { get; set; } = "";
    public Visibility Visibility { get; set; }
    public JoinPolicy JoinPolicy { get; set; }
    public int? ParentId { get; set; }
    public Organization? Parent { get; set; }
    public DateTime CreatedUtc { get; set; }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
