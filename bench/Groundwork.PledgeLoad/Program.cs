using System.Globalization;
using Groundwork;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Pledges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The two ends of bench/load/pledges-app.sh, run against the app's own database (configured like the app, through
// Groundwork__* environment variables) while the app itself is not in this process:
//   seed <signers> <dir>   people, personal access tokens and memberships in a new organization, written in batches
//                          (creating ten thousand accounts through Identity would take longer than the run); writes
//                          <dir>/tokens (one signer's token a line), <dir>/admin (the organizer's token) and prints
//                          the organization id.
//   check <dir> <pledgeId> <created> <conflict>
//                          the guarantees of issue 6 after the run: the maintained count equals the rows and the 201s,
//                          no duplicate hash, one activation, every bound signer told exactly once and nobody else (a
//                          told person is matched to an active signature by recomputing their signer hash).
// Exit code 0 when all holds; every check prints one line.
var app = AppHost.Build([], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
var command = args.ElementAtOrDefault(0);
return command switch
{
    "seed" => await Seed(app.Services, int.Parse(args[1], CultureInfo.InvariantCulture), args[2]),
    "check" => await Check(app.Services, args[1], int.Parse(args[2], CultureInfo.InvariantCulture),
        int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Groundwork.PledgeLoad seed <signers> <dir> | check <dir> <pledgeId> <created> <conflict>");
    return 2;
}

static async Task<int> Seed(IServiceProvider services, int n, string dir)
{
    await Database.MigrateAsync(services);
    var now = DateTime.UtcNow;
    var tokens = new List<string>(n);
    string adminToken;
    int orgId;
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = new Organization { Name = "Pledge load " + Guid.NewGuid().ToString("N"), Kind = OrganizationKind.UnionLocal, CreatedUtc = now };
        org.NormalizedName = Organization.Normalize(org.Name);
        db.Organizations.Add(org);
        var (admin, token) = NewPerson("admin", now);
        db.Users.Add(admin);
        db.ApiTokens.Add(new ApiToken { PersonId = admin.Id, Name = "load", Hash = ApiTokens.Hash(token), Scope = TokenScope.Write, CreatedUtc = now, LastUsedUtc = now });
        await db.SaveChangesAsync();
        db.Memberships.Add(new Membership { OrganizationId = org.Id, PersonId = admin.Id, Role = Role.Admin, Status = MembershipStatus.Active, JoinedUtc = now });
        await db.SaveChangesAsync();
        (adminToken, orgId) = (token, org.Id);
    }
    foreach (var chunk in Enumerable.Range(0, n).Chunk(1000))
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var i in chunk)
        {
            var (person, token) = NewPerson(i.ToString(CultureInfo.InvariantCulture), now);
            db.Users.Add(person);
            // Last used just now: the first request does not have to write it (the run is not the moment it changes).
            db.ApiTokens.Add(new ApiToken { PersonId = person.Id, Name = "load", Hash = ApiTokens.Hash(token), Scope = TokenScope.Write, CreatedUtc = now, LastUsedUtc = now });
            db.Memberships.Add(new Membership { OrganizationId = orgId, PersonId = person.Id, Role = Role.Member, Status = MembershipStatus.Active, JoinedUtc = now });
            tokens.Add(token);
        }
        await db.SaveChangesAsync();
    }
    await File.WriteAllLinesAsync(Path.Combine(dir, "tokens"), tokens);
    await File.WriteAllTextAsync(Path.Combine(dir, "admin"), adminToken);
    Console.WriteLine(orgId.ToString(CultureInfo.InvariantCulture));
    return 0;
}

static (Person Person, string Token) NewPerson(string tag, DateTime now)
{
    var email = $"load{tag}-{Guid.NewGuid():N}@example.test";
    var person = new Person
    {
        Id = Guid.NewGuid().ToString(), UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
        EmailConfirmed = true, DisplayName = "Load signer " + tag, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedUtc = now,
    };
    return (person, ApiTokens.NewToken());
}

static async Task<int> Check(IServiceProvider services, string dir, int pledgeId, int created, int conflict)
{
    var n = (await File.ReadAllLinesAsync(Path.Combine(dir, "tokens"))).Length;
    var failures = 0;
    void Expect(bool ok, string what)
    {
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
        if (!ok) failures++;
    }

    Expect(created + conflict == n, $"every signer answered 201 or 409: {created} + {conflict} = {n}");
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var p = await db.Pledges.AsNoTracking().SingleAsync(x => x.Id == pledgeId);
    var signed = await db.PledgeTallies.Where(t => t.PledgeId == pledgeId && t.Scope == TallyScope.Total).Select(t => t.Signed).SingleAsync();
    var active = await db.PledgeSignatures.Where(s => s.PledgeId == pledgeId && s.Status == SignatureStatus.Active).Select(s => new { s.SignerHash, s.Bound }).ToListAsync();
    var allRows = await db.PledgeSignatures.CountAsync(s => s.PledgeId == pledgeId);
    var distinct = await db.PledgeSignatures.Where(s => s.PledgeId == pledgeId).Select(s => s.SignerHash).Distinct().CountAsync();
    var activations = await db.AuditEvents.CountAsync(e => e.Action == PledgeActions.Activated && e.Detail!.StartsWith($"pledge {pledgeId}:"));
    Expect(signed == created, $"maintained count = 201 answers: {signed} = {created}");
    Expect(active.Count == created && allRows == created, $"rows = 201 answers (none lost): {active.Count} active of {allRows} = {created}");
    Expect(distinct == allRows, $"no duplicate signer hash: {distinct} distinct of {allRows}");
    Expect(p.Status == PledgeStatus.Active, $"pledge active: {p.Status}");
    Expect(activations == 1, $"activated once: {activations} audit event(s)");
    Expect(active.All(s => s.Bound), $"every signer bound: {active.Count(s => s.Bound)} of {active.Count}");

    var key = NotificationKey(pledgeId);
    var toldByApp = await db.Notifications.CountAsync(x => x.Key == key);
    // As the suite's test does: a sweep tells anyone a crash would have left untold (it should find nobody).
    await services.GetRequiredService<PledgeSweeper>().SweepAsync(DateTime.UtcNow, default);
    var told = await db.Notifications.Where(x => x.Key == key).Select(x => x.PersonId).ToListAsync();
    Expect(toldByApp == created, $"told by the app itself, before any sweep: {toldByApp} of {created}");
    Expect(told.Count == created && told.Distinct().Count() == told.Count, $"each signer told once: {told.Count} notifications, {told.Distinct().Count()} people");
    // The told people are exactly the signers: each one's signer hash (recomputed with the pledge key) is an active row.
    var pledgeKey = services.GetRequiredService<SealedKeys>().Find(p.KeyName);
    Expect(pledgeKey is not null, "pledge key present after activation");
    if (pledgeKey is not null)
    {
        var hashes = active.Select(s => s.SignerHash).ToHashSet(StringComparer.Ordinal);
        var matched = told.Distinct().Count(id => hashes.Contains(SignerIdentity.Hash(pledgeKey, SignerIdentity.Person(id))));
        Expect(matched == created, $"told people are the signers: {matched} of {created} matched by hash");
    }
    return failures == 0 ? 0 : 1;
}

static string NotificationKey(int pledgeId) => "pledge-activated:" + pledgeId.ToString(CultureInfo.InvariantCulture);
