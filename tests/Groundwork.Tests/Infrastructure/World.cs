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

/// A federation seeded straight into the database: F (root) with the secret organization O and its public sibling S;
/// C has asked to join O; X is free; Other belongs to someone else. Every id a route can name exists here.
public sealed record World(int Federation, int Org, int Sibling, int Candidate, int Free, int Other,
    int MemberM, int TargetM, int PendingM, int Unit, int Invitation, string InvitationToken, int Affiliation, int Transfer, string Suffix)
{
    public static Task<World> SeedAsync(GroundworkFactory f, Cast cast) => f.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var suffix = Guid.NewGuid().ToString("N")[..10];
        Organization Org(string name, Visibility v, int? parent = null) =>
            new() { Name = $"{name} {suffix}", NormalizedName = Organization.Normalize($"{name} {suffix}"), Kind = OrganizationKind.UnionLocal,
                Visibility = v, JoinPolicy = JoinPolicy.Approval, ParentId = parent, CreatedUtc = now, Area = "Leeds" };
        var fed = Org("Federation", Visibility.Public);
        db.Organizations.Add(fed);
        await db.SaveChangesAsync();
        var o = Org("Secret local", Visibility.Secret, fed.Id);
        var s = Org("Sibling", Visibility.Public, fed.Id);
        var c = Org("Candidate", Visibility.Public);
        var x = Org("Free", Visibility.Public);
        var other = Org("Other", Visibility.Public);
        db.Organizations.AddRange(o, s, c, x, other);
        await db.SaveChangesAsync();
        Membership M(int org, TestUser u, Role r, MembershipStatus st = MembershipStatus.Active) =>
            new() { OrganizationId = org, PersonId = u.Id, Role = r, Status = st, JoinedUtc = now.AddDays(-30) };
        var member = M(o.Id, cast.Member, Role.Member);
        var target = M(o.Id, cast.Target, Role.Member);
        var pending = M(o.Id, cast.Pending, Role.Member, MembershipStatus.Pending);
        db.Memberships.AddRange(member, target, pending, M(o.Id, cast.Organizer, Role.Organizer), M(o.Id, cast.Admin, Role.Admin),
            M(o.Id, cast.Removed, Role.Member, MembershipStatus.Removed), M(s.Id, cast.Mover, Role.Member),
            M(other.Id, cast.OtherOrgAdmin, Role.Admin), M(c.Id, cast.OtherOrgAdmin, Role.Admin), M(x.Id, cast.OtherOrgAdmin, Role.Admin));
        var unit = new Groundwork.Organizations.Unit { OrganizationId = o.Id, Name = "Night shift", NormalizedName = "NIGHT SHIFT", Kind = UnitKind.Shift, CreatedUtc = now };
        db.Units.Add(unit);
        var token = "gwi_" + Guid.NewGuid().ToString("N");
        var inv = new Invitation { OrganizationId = o.Id, TokenHash = ApiTokens.Hash(token), CreatedById = cast.Admin.Id, CreatedUtc = now, ExpiresUtc = now.AddDays(7), MaxUses = 1000 };
        db.Invitations.Add(inv);
        var aff = new AffiliationRequest { ChildId = c.Id, ParentId = o.Id, RequestedById = cast.OtherOrgAdmin.Id, CreatedUtc = now, ChildApprovedUtc = now, Status = RequestStatus.Pending };
        db.AffiliationRequests.Add(aff);
        var tr = new TransferRequest { PersonId = cast.Mover.Id, FromOrganizationId = s.Id, ToOrganizationId = o.Id, ShareHistory = true, CreatedUtc = now, Status = RequestStatus.Pending };
        db.TransferRequests.Add(tr);
        await db.SaveChangesAsync();
        return new World(fed.Id, o.Id, s.Id, c.Id, x.Id, other.Id, member.Id, target.Id, pending.Id, unit.Id, inv.Id, token, aff.Id, tr.Id, suffix);
    });
}
