using System.Net;
using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Tests.Infrastructure;

/// The one "organization with units and people" every HTTP test stands on: named units, people placed in them with
/// roles, organizers with scopes, optionally a parent federation. Build it with <see cref="For"/>; a feature's own seeds
/// (a pledge with signatures, a poll with ballots) are small extension methods beside its tests, on top of this.
public sealed class TestWorld
{
    readonly TestUser? admin;
    readonly Dictionary<string, int> units;
    readonly List<Resident> people;
    readonly Dictionary<string, TestUser> strangers;

    internal TestWorld(GroundworkFactory f, int org, int? federation, TestUser? admin, Dictionary<string, int> units, List<Resident> people,
        Dictionary<string, TestUser> strangers)
    {
        F = f;
        Org = org;
        Federation = federation;
        this.admin = admin;
        this.units = units;
        this.people = people;
        this.strangers = strangers;
    }

    internal sealed record Resident(string Key, TestUser User, int Membership, IReadOnlyList<string> PlacedIn);

    public static TestWorldBuilder For(GroundworkFactory f) => new(f);

    public GroundworkFactory F { get; }
    public int Org { get; }
    public int? Federation { get; }

    /// Who made the organization through the API, or the first admin placed in a world seeded straight into the database.
    public TestUser Admin => admin ?? throw new InvalidOperationException("This world was built without an admin.");

    /// The people placed in the organization, in the order they were given (the creator is not among them).
    public IReadOnlyList<TestUser> People => [.. people.Select(p => p.User)];

    /// A person placed here, or a stranger, by the key (or display name) they were given.
    public TestUser this[string key] => strangers.TryGetValue(key, out var s) ? s : Find(key).User;

    public int Unit(string name) => units.TryGetValue(name, out var id) ? id : throw new KeyNotFoundException($"No unit \"{name}\" in this world.");

    public IReadOnlyList<TestUser> In(string unit) => [.. people.Where(p => p.PlacedIn.Contains(unit)).Select(p => p.User)];

    public int MembershipOf(string key) => Find(key).Membership;

    public int MembershipOf(TestUser user) => people.First(p => p.User.Id == user.Id).Membership;

    public string Api(string rest = "") => $"/api/v1/organizations/{Org}{rest}";

    /// Another unit, added after the world was built (seeded straight into the database).
    public async Task<int> AddUnitAsync(string name, UnitKind kind = UnitKind.Shift)
    {
        var id = await F.SeedUnitAsync(Org, name, kind);
        units[name] = id;
        return id;
    }

    Resident Find(string key) => people.FirstOrDefault(p => p.Key == key) ?? throw new KeyNotFoundException($"No person \"{key}\" in this world.");
}

public sealed class TestWorldBuilder(GroundworkFactory f)
{
    sealed record UnitSpec(string Name, UnitKind Kind);

    sealed record PersonSpec(string Key, string? Name, TestUser? Existing, string? Email, Role Role, MembershipStatus Status, string[] PlacedIn, string[] Organizes);

    readonly List<UnitSpec> units = [];
    readonly List<PersonSpec> people = [];
    readonly List<(string Key, string? Name)> strangers = [];
    string? adminName = "Admin";
    TestUser? creator;
    string? name;
    Visibility visibility = Visibility.Public;
    JoinPolicy join = JoinPolicy.Approval;
    OrganizationKind kind = OrganizationKind.UnionLocal;
    int? parent;
    bool seeded;
    DateTime? joined;
    bool unitsThroughApi;

    /// The creator's display name (null: the default "Person …"); the creator makes the organization through the API.
    public TestWorldBuilder AdminNamed(string? displayName) { adminName = displayName; return this; }

    public TestWorldBuilder CreatedBy(TestUser who) { creator = who; return this; }

    public TestWorldBuilder Named(string organizationName) { name = organizationName; return this; }

    public TestWorldBuilder Visible(Visibility v) { visibility = v; return this; }

    public TestWorldBuilder Joining(JoinPolicy policy) { join = policy; return this; }

    public TestWorldBuilder OfKind(OrganizationKind k) { kind = k; return this; }

    public TestWorldBuilder InFederation(int? federationId) { parent = federationId; return this; }

    /// The organization row and every membership written straight into the database, with no creator: for worlds
    /// whose state the API would not produce in one go (the authorization matrix). Memberships date from <paramref name="joinedUtc"/>.
    public TestWorldBuilder SeededStraightIntoDatabase(DateTime? joinedUtc = null) { seeded = true; joined = joinedUtc; return this; }

    /// The units made by the creator through the units API rather than seeded.
    public TestWorldBuilder UnitsThroughApi() { unitsThroughApi = true; return this; }

    public TestWorldBuilder Unit(string unitName, UnitKind unitKind = UnitKind.Shift) { units.Add(new(unitName, unitKind)); return this; }

    /// A new account (display name <paramref name="displayName"/>; null gives the default "Person …"), a member with
    /// <paramref name="role"/>, placed in <paramref name="placedIn"/> and, as an organizer, limited to <paramref name="organizes"/>.
    /// Found again by <paramref name="key"/>, or by its display name.
    public TestWorldBuilder Person(string? displayName, Role role = Role.Member, string[]? placedIn = null, string[]? organizes = null,
        string? key = null, string? email = null, MembershipStatus status = MembershipStatus.Active)
    {
        people.Add(new(key ?? displayName ?? $"#{people.Count}", displayName, null, email, role, status, placedIn ?? [], organizes ?? []));
        return this;
    }

    /// An account made elsewhere (the matrix's cast), placed here; found again by <paramref name="key"/> or its email.
    public TestWorldBuilder Person(TestUser existing, Role role = Role.Member, string[]? placedIn = null, string[]? organizes = null,
        string? key = null, MembershipStatus status = MembershipStatus.Active)
    {
        people.Add(new(key ?? existing.Email, null, existing, null, role, status, placedIn ?? [], organizes ?? []));
        return this;
    }

    /// <paramref name="count"/> plain members, named by <paramref name="displayName"/> (their index in; null: the default name).
    public TestWorldBuilder Members(int count, Func<int, string?>? displayName = null, string? placedIn = null)
    {
        for (var i = 0; i < count; i++) Person(displayName?.Invoke(i), placedIn: placedIn is null ? null : [placedIn]);
        return this;
    }

    /// Someone outside this world who administers an organization of their own (made through the API); found again by
    /// <paramref name="key"/>, or by its display name, or as "Stranger".
    public TestWorldBuilder Stranger(string? displayName = "Stranger", string? key = null)
    {
        strangers.Add((key ?? displayName ?? "Stranger", displayName));
        return this;
    }

    public async Task<TestWorld> BuildAsync()
    {
        TestUser? admin = null;
        int org;
        if (seeded)
        {
            org = await f.SeedOrganizationAsync(name ?? "Org " + Guid.NewGuid().ToString("N")[..12], kind, visibility, join, parent);
        }
        else
        {
            admin = creator ?? await f.CreateUserAsync(adminName);
            org = (await admin.CreateOrgAsync(name, kind, visibility, join, parent)).Id;
        }

        var unitIds = new Dictionary<string, int>();
        foreach (var u in units)
            unitIds[u.Name] = unitsThroughApi ? await CreateUnitThroughApiAsync(admin!, org, u) : await f.SeedUnitAsync(org, u.Name, u.Kind);

        var residents = new List<TestWorld.Resident>();
        foreach (var p in people)
        {
            var user = p.Existing ?? await f.CreateUserAsync(p.Name, email: p.Email);
            var membership = await f.AddMemberAsync(org, user.Id, p.Role, p.Status, joined);
            await f.PlaceAsync(membership, [.. p.PlacedIn.Select(u => unitIds[u])], [.. p.Organizes.Select(u => unitIds[u])]);
            residents.Add(new(p.Key, user, membership, p.PlacedIn));
            if (seeded && admin is null && p.Role == Role.Admin) admin = user;
        }

        var outsiders = new Dictionary<string, TestUser>();
        foreach (var (key, displayName) in strangers)
        {
            var stranger = await f.CreateUserAsync(displayName);
            await stranger.CreateOrgAsync();
            outsiders[key] = stranger;
        }
        return new TestWorld(f, org, parent, admin, unitIds, residents, outsiders);
    }

    static async Task<int> CreateUnitThroughApiAsync(TestUser admin, int org, UnitSpec u)
    {
        var r = await admin.Api.PostJsonAsync($"/api/v1/organizations/{org}/units", new { name = u.Name, kind = u.Kind.ToString() });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.ReadAsync<UnitView>()).Id;
    }
}

/// The rows a world is made of, written straight into the database (the API paths that make them are tested on their own).
public static partial class Builders
{
    public static Task<int> SeedOrganizationAsync(this GroundworkFactory f, string name, OrganizationKind kind = OrganizationKind.UnionLocal,
        Visibility visibility = Visibility.Public, JoinPolicy join = JoinPolicy.Approval, int? parentId = null, string area = "Leeds") =>
        f.WithDbAsync(async db =>
        {
            var o = new Organization
            {
                Name = name, NormalizedName = Organization.Normalize(name), Kind = kind, Visibility = visibility, JoinPolicy = join,
                ParentId = parentId, CreatedUtc = DateTime.UtcNow, Area = area,
            };
            db.Organizations.Add(o);
            await db.SaveChangesAsync();
            return o.Id;
        });

    public static Task<int> SeedUnitAsync(this GroundworkFactory f, int orgId, string name, UnitKind kind = UnitKind.Shift) =>
        f.WithDbAsync(async db =>
        {
            var u = new Unit { OrganizationId = orgId, Name = name, NormalizedName = Organization.Normalize(name), Kind = kind, CreatedUtc = DateTime.UtcNow };
            db.Units.Add(u);
            await db.SaveChangesAsync();
            return u.Id;
        });

    /// Places a membership in units and limits it (an organizer) to others.
    public static Task PlaceAsync(this GroundworkFactory f, int membershipId, int[] placedIn, int[] organizes)
    {
        if (placedIn.Length == 0 && organizes.Length == 0) return Task.CompletedTask;
        return f.WithDbAsync(async db =>
        {
            db.UnitPlacements.AddRange(placedIn.Select(u => new UnitPlacement { MembershipId = membershipId, UnitId = u }));
            db.OrganizerScopes.AddRange(organizes.Select(u => new OrganizerScope { MembershipId = membershipId, UnitId = u }));
            await db.SaveChangesAsync();
        });
    }
}
