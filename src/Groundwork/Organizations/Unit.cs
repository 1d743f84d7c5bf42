namespace Groundwork.Organizations;

public sealed class Unit
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int? ParentUnitId { get; set; }
    public required string Name { get; set; }
    public string NormalizedName { get; set; } = "";
    public UnitKind Kind { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public enum UnitKind { Department, Shift, Site, Building, Floor, Team, Other }
