using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Tests.Infrastructure;

/// The people every authorization check is made for, created once per factory.
public sealed record Cast(TestUser NonMember, TestUser Member, TestUser Organizer, TestUser Admin, TestUser OtherOrgAdmin,
    TestUser Removed, TestUser InstanceAdmin, TestUser Target, TestUser Pending, TestUser Mover)
{
    public static async Task<Cast> CreateAsync(GroundworkFactory f) => new(
        await f.CreateUserAsync("Non member"), await f.CreateUserAsync("Member"), await f.CreateUserAsync("Organizer"),
        await f.CreateUserAsync("Admin"), await f.CreateUserAsync("Other admin"), await f.CreateUserAsync("Removed"),
        await f.CreateUserAsync("Instance admin", instanceAdmin: true), await f.CreateUserAsync("Target"),
        await f.CreateUserAsync("Pending"), await f.CreateUserAsync("Mover"));
}

/// A federation seeded straight into the database (one TestWorld per organization): F (root) with the secret organization O and its public sibling S;
/// C has asked to join O; X is free; Other belongs to someone else. Every id a route can name exists here.
public sealed record World(int Federation, int Org, int Sibling, int Candidate, int Free, int Other,
    int MemberM, int TargetM, int PendingM, int Unit, int Invitation, string InvitationToken, int Affiliation, int Transfer, string Suffix)
{
    public static async Task<World> SeedAsync(GroundworkFactory f, Cast cast)
    {
        var now = DateTime.UtcNow;
        var suffix = Guid.NewGuid().ToString("N")[..10];
        TestWorldBuilder Org(string name, Visibility v, int? parent = null) =>
            TestWorld.For(f).SeededStraightIntoDatabase(joinedUtc: now.AddDays(-30)).Named($"{name} {suffix}").Visible(v).InFederation(parent);
        var fed = await Org("Federation", Visibility.Public).BuildAsync();
        var o = await Org("Secret local", Visibility.Secret, fed.Org).Unit("Night shift")
            .Person(cast.Member).Person(cast.Target).Person(cast.Pending, status: MembershipStatus.Pending)
            .Person(cast.Organizer, Role.Organizer).Person(cast.Admin, Role.Admin).Person(cast.Removed, status: MembershipStatus.Removed)
            .BuildAsync();
        var s = await Org("Sibling", Visibility.Public, fed.Org).Person(cast.Mover).BuildAsync();
        var c = await Org("Candidate", Visibility.Public).Person(cast.OtherOrgAdmin, Role.Admin).BuildAsync();
        var x = await Org("Free", Visibility.Public).Person(cast.OtherOrgAdmin, Role.Admin).BuildAsync();
        var other = await Org("Other", Visibility.Public).Person(cast.OtherOrgAdmin, Role.Admin).BuildAsync();
        return await f.WithDbAsync(async db =>
        {
            var token = "gwi_" + Guid.NewGuid().ToString("N");
            var inv = new Invitation { OrganizationId = o.Org, TokenHash = ApiTokens.Hash(token), CreatedById = cast.Admin.Id, CreatedUtc = now, ExpiresUtc = now.AddDays(7), MaxUses = 1000 };
            db.Invitations.Add(inv);
            var aff = new AffiliationRequest { ChildId = c.Org, ParentId = o.Org, RequestedById = cast.OtherOrgAdmin.Id, CreatedUtc = now, ChildApprovedUtc = now, Status = RequestStatus.Pending };
            db.AffiliationRequests.Add(aff);
            var tr = new TransferRequest { PersonId = cast.Mover.Id, FromOrganizationId = s.Org, ToOrganizationId = o.Org, ShareHistory = true, CreatedUtc = now, Status = RequestStatus.Pending };
            db.TransferRequests.Add(tr);
            await db.SaveChangesAsync();
            return new World(fed.Org, o.Org, s.Org, c.Org, x.Org, other.Org, o.MembershipOf(cast.Member), o.MembershipOf(cast.Target),
                o.MembershipOf(cast.Pending), o.Unit("Night shift"), inv.Id, token, aff.Id, tr.Id, suffix);
        });
    }
}
