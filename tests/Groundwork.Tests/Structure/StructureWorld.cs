using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Structure;

/// An organization with two units (Kitchen, Floor), an admin, an organizer limited to Kitchen, a plain member and an
/// admin of another organization.
public sealed record StructureWorld(GroundworkFactory F, int Org, int Kitchen, int FloorUnit, TestUser Admin, TestUser KitchenOrganizer,
    TestUser Member, TestUser Stranger)
{
    public static async Task<StructureWorld> CreateAsync(GroundworkFactory f)
    {
        var admin = await f.CreateUserAsync("Admin");
        var org = await admin.CreateOrgAsync(visibility: Visibility.Secret);
        var organizer = await f.CreateUserAsync("Kitchen organizer");
        var member = await f.CreateUserAsync("Member");
        var stranger = await f.CreateUserAsync("Stranger");
        await stranger.CreateOrgAsync();
        var (kitchen, floor) = await f.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var k = new Unit { OrganizationId = org.Id, Name = "Kitchen", NormalizedName = "KITCHEN", Kind = UnitKind.Department, CreatedUtc = now };
            var fl = new Unit { OrganizationId = org.Id, Name = "Floor", NormalizedName = "FLOOR", Kind = UnitKind.Department, CreatedUtc = now };
            db.Units.AddRange(k, fl);
            await db.SaveChangesAsync();
            return (k.Id, fl.Id);
        });
        var mid = await f.AddMemberAsync(org.Id, organizer.Id, Role.Organizer);
        await f.WithDbAsync(async db =>
        {
            db.Set<OrganizerScope>().Add(new OrganizerScope { MembershipId = mid, UnitId = kitchen });
            await db.SaveChangesAsync();
        });
        await f.AddMemberAsync(org.Id, member.Id);
        return new StructureWorld(f, org.Id, kitchen, floor, admin, organizer, member, stranger);
    }

    public Task<int> ContactAsync(string name, bool eligible = true, string? personId = null, params int[] units) => F.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var c = new Contact { OrganizationId = Org, Name = name, Eligible = eligible, PersonId = personId, CreatedUtc = now, UpdatedUtc = now };
        foreach (var u in units) c.Units.Add(new ContactUnit { UnitId = u });
        db.Contacts.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });

    public string Api(string rest = "") => $"/api/v1/organizations/{Org}{rest}";
}
