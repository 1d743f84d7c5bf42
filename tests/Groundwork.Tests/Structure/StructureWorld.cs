using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Structure;

/// An organization with two units (Kitchen, Floor), an admin, an organizer limited to Kitchen, a plain member and an
/// admin of another organization.
public sealed record StructureWorld(TestWorld World)
{
    public GroundworkFactory F => World.F;
    public int Org => World.Org;
    public int Kitchen => World.Unit("Kitchen");
    public int FloorUnit => World.Unit("Floor");
    public TestUser Admin => World.Admin;
    public TestUser KitchenOrganizer => World["Kitchen organizer"];
    public TestUser Member => World["Member"];
    public TestUser Stranger => World["Stranger"];

    public static async Task<StructureWorld> CreateAsync(GroundworkFactory f) => new(await TestWorld.For(f)
        .Visible(Visibility.Secret)
        .Unit("Kitchen", UnitKind.Department).Unit("Floor", UnitKind.Department)
        .Person("Kitchen organizer", Role.Organizer, organizes: ["Kitchen"])
        .Person("Member")
        .Stranger()
        .BuildAsync());

    public Task<int> ContactAsync(string name, bool eligible = true, string? personId = null, params int[] units) => F.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var c = new Contact { OrganizationId = Org, Name = name, Eligible = eligible, PersonId = personId, CreatedUtc = now, UpdatedUtc = now };
        foreach (var u in units) c.Units.Add(new ContactUnit { UnitId = u });
        db.Contacts.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });

    public string Api(string rest = "") => World.Api(rest);
}
