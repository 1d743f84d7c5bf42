// A seeded, repeatable demo: not security randomness.
#pragma warning disable CA5394, RS0030 // System.Random, seeded: the demo is the same on every machine and nothing in it is secret
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Cli;

/// `admin seed-demo`: a believable instance for newcomers and for benchmarks. Every demo account's password
/// is "demo password 2024!" (hashed once and shared, so seeding thousands of people stays fast).
public static class DemoData
{
    public const string Password = "demo password 2024!";
    static readonly string[] First = ["Ana", "Bilal", "Chiara", "Deshawn", "Elif", "Farid", "Grace", "Hao", "Imani", "Jonas", "Kemi", "Luis", "Mei", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia"];
    static readonly string[] Last = ["Alvarez", "Brown", "Chen", "Diallo", "Evans", "Fernández", "Gupta", "Hughes", "Ibrahim", "Jones", "Kowalski", "López", "Murphy", "Nguyen", "Okafor", "Patel", "Quispe", "Rossi", "Smith", "Tanaka", "Usman", "Vargas", "Walker", "Xu", "Yilmaz", "Zhang"];

    public static async Task<string> SeedAsync(IServiceProvider services, bool large, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        if (await db.Organizations.AnyAsync(ct))
            throw new CommandException("This instance already has organizations; seed-demo fills an empty one.");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var hash = users.PasswordHasher.HashPassword(new Person(), Password);
        var rng = new Random(2024);

        Organization Org(string name, OrganizationKind kind, string area, Organization? parent, Visibility v = Visibility.Public, JoinPolicy j = JoinPolicy.Approval)
        {
            var o = new Organization { Name = name, NormalizedName = Organization.Normalize(name), Kind = kind, Area = area, Visibility = v, JoinPolicy = j, Parent = parent, CreatedUtc = now.AddDays(-400), Description = "" };
            db.Organizations.Add(o);
            return o;
        }

        var global = Org("Global Hospitality Workers Alliance", OrganizationKind.Federation, "Worldwide", null, j: JoinPolicy.Invitation);
        var national = Org("Hospitality Workers Union UK", OrganizationKind.Federation, "United Kingdom", global, j: JoinPolicy.Invitation);
        var regions = new[] { "Yorkshire", "North West", "London", "Scotland", "Wales" };
        var locals = new List<Organization>();
        var localCount = large ? 20 : 2;
        for (var i = 0; i < localCount; i++)
        {
            var region = regions[i % regions.Length];
            var regional = i < regions.Length ? Org($"HWU {region} Region", OrganizationKind.Federation, region, national, j: JoinPolicy.Invitation) : locals[i % regions.Length].Parent!;
            locals.Add(Org(i == 0 ? "Leeds Hospitality Workers Local 12" : $"{region} Hospitality Local {12 + i}", OrganizationKind.UnionLocal, region, regional));
        }
        var committee = Org("Grand Hotel Workplace Committee", OrganizationKind.WorkplaceCommittee, "Leeds", locals[0], Visibility.Secret, JoinPolicy.Invitation);
        var tenants = Org("Riverside Tenants' Union", OrganizationKind.TenantsUnion, "Leeds", null, j: JoinPolicy.Open);
        var building = Org("Riverside Court Building Association", OrganizationKind.BuildingAssociation, "Leeds", tenants);
        var aid = Org("Harehills Mutual Aid", OrganizationKind.MutualAidNetwork, "Leeds", null, j: JoinPolicy.Open);
        await db.SaveChangesAsync(ct);

        var units = new Dictionary<int, List<Unit>>();
        void Units(Organization o, UnitKind kind, params string[] names) =>
            units[o.Id] = [.. names.Select(n => { var u = new Unit { OrganizationId = o.Id, Name = n, NormalizedName = Organization.Normalize(n), Kind = kind, CreatedUtc = now }; db.Units.Add(u); return u; })];
        foreach (var l in locals) Units(l, UnitKind.Site, "Grand Hotel", "Station Hotel", "Conference Centre", "Airport Catering");
        Units(committee, UnitKind.Department, "Kitchen", "Housekeeping", "Front of house", "Night shift", "Banqueting");
        Units(tenants, UnitKind.Building, "Riverside Court", "Mill House", "Canal View", "Tannery Block");
        Units(building, UnitKind.Floor, "Floors 1–3", "Floors 4–6", "Floors 7–9");
        Units(aid, UnitKind.Team, "Community fridge", "Food bank runs", "Childcare swap");
        await db.SaveChangesAsync(ct);

        var people = large ? 10_000 : 60;
        var persons = new List<Person>();
        for (var i = 0; i < people; i++)
        {
            var name = $"{First[i % First.Length]} {Last[(i / First.Length + i) % Last.Length]}";
            var email = i == 0 ? "organizer@demo.groundwork" : $"member{i}@demo.groundwork";
            var p = new Person
            {
                UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = name, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true, CreatedUtc = now.AddDays(-rng.Next(1, 700)),
            };
            persons.Add(p);
            db.Users.Add(p);
        }
        await db.SaveChangesAsync(ct);

        void Join(Organization o, Person p, Role role)
        {
            var joined = p.CreatedUtc.AddDays(rng.Next(0, 30));
            var m = new Membership
            {
                OrganizationId = o.Id, PersonId = p.Id, Role = role, Status = MembershipStatus.Active, JoinedUtc = joined,
                Events = [new MembershipEvent { Kind = MembershipEventKind.Joined, AtUtc = joined, Role = role, ActorId = p.Id }],
            };
            if (units.TryGetValue(o.Id, out var us)) m.Placements.Add(new UnitPlacement { UnitId = us[rng.Next(us.Count)].Id });
            db.Memberships.Add(m);
        }
        var lead = persons[0];
        foreach (var o in new[] { global, national, locals[0], committee, tenants, aid }) Join(o, lead, Role.Admin);
        for (var i = 1; i < persons.Count; i++)
        {
            var p = persons[i];
            var local = locals[i % locals.Count];
            Join(local, p, i % 25 == 1 ? Role.Organizer : Role.Member);
            if (local == locals[0] && i % 3 == 0) Join(committee, p, Role.Member);
            if (i % 4 == 0) Join(tenants, p, i % 40 == 0 ? Role.Organizer : Role.Member);
            if (i % 4 == 0 && i % 8 == 0) Join(building, p, Role.Member);
            if (i % 5 == 0) Join(aid, p, Role.Member);
            if (i % 500 == 0) await db.SaveChangesAsync(ct);
        }
        Join(building, persons[1], Role.Admin);
        await db.SaveChangesAsync(ct);
        return $"Seeded {await db.Organizations.CountAsync(ct)} organizations, {people} people, {await db.Memberships.CountAsync(ct)} memberships. Sign in as organizer@demo.groundwork with the password \"{Password}\".";
    }
}
