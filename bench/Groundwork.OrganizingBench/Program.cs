using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Organizing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Groundwork.OrganizingBench;

// The seeded data only needs to be reproducible, not unpredictable.
#pragma warning disable CA5394
public static class WallChartBench
{
    public static async Task<int> Main(string[] args)
    {
        // Usage: dotnet run -c Release --project bench/Groundwork.OrganizingBench -- [sqlite|postgres] [contacts] [units] [requests] [profile]
        // (the HTML page is measured with half as many requests: it is the same chart, rendered).
        // postgres needs GROUNDWORK_BENCH_POSTGRES (a server connection string; a throwaway database is created in it).
        var provider = args.ElementAtOrDefault(0) ?? "sqlite";
        if (provider == "crypto")
        {
            // How much of the chart is field decryption: 20,000 values, as the chart decrypts 10,000 names and levels.
            var crypto = new FieldCrypto(FieldCrypto.KeyRing.New());
            var values = Enumerable.Range(0, 20000).Select(i => crypto.Encrypt($"Coworker {i:00000}")).ToList();
            for (var round = 0; round < 5; round++)
            {
                var sw0 = Stopwatch.StartNew();
                foreach (var v in values) crypto.Decrypt(v);
                Console.WriteLine($"20,000 decrypts: {sw0.Elapsed.TotalMilliseconds:0.0} ms");
            }
            return 0;
        }
        var contacts = int.Parse(args.ElementAtOrDefault(1) ?? "10000", CultureInfo.InvariantCulture);
        var unitCount = int.Parse(args.ElementAtOrDefault(2) ?? "50", CultureInfo.InvariantCulture);
        var requests = int.Parse(args.ElementAtOrDefault(3) ?? "200", CultureInfo.InvariantCulture);

        // The app's content root (its wwwroot and resources), found from wherever this runs inside the repository.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !Directory.Exists(Path.Combine(root.FullName, "src", "Groundwork"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GROUNDWORK", Path.Combine(root?.FullName ?? ".", "src", "Groundwork"));
        var dir = Path.Combine(Path.GetTempPath(), "gw-wallchart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string connection;
        string? pgDatabase = null;
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("GROUNDWORK_BENCH_POSTGRES") ?? throw new InvalidOperationException("Set GROUNDWORK_BENCH_POSTGRES.");
            pgDatabase = "gw_bench_" + Guid.NewGuid().ToString("N");
            await using (var c = new NpgsqlConnection(server))
            {
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
        #pragma warning disable CA2100 // a fixed prefix and a GUID's hex digits
                cmd.CommandText = $"CREATE DATABASE \"{pgDatabase}\"";
        #pragma warning restore CA2100
                await cmd.ExecuteNonQueryAsync();
            }
            connection = new NpgsqlConnectionStringBuilder(server) { Database = pgDatabase }.ConnectionString;
        }
        else connection = $"Data Source={Path.Combine(dir, "groundwork.db")}";

        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Groundwork:DataDirectory", dir);
            b.UseSetting("Groundwork:PublicUrl", "https://localhost");
            b.UseSetting("Groundwork:Database:Provider", provider == "postgres" ? "Postgres" : "Sqlite");
            b.UseSetting("Groundwork:Database:ConnectionString", connection);
            b.UseSetting("Groundwork:RateLimits:WritesPerMinute", "1000000");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _ = app.Server;
        await Database.MigrateAsync(app.Services);

        var seed = Stopwatch.StartNew();
        string token;
        int orgId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var now = DateTime.UtcNow;
            var admin = new Person { UserName = "bench@example.test", Email = "bench@example.test", EmailConfirmed = true, DisplayName = "Bench", CreatedUtc = now };
            var created = await users.CreateAsync(admin, "a long bench password 123");
            if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            var org = new Organization { Name = "Bench workplace", NormalizedName = "BENCH WORKPLACE", Kind = OrganizationKind.UnionLocal, Visibility = Visibility.Secret, JoinPolicy = JoinPolicy.Invitation, CreatedUtc = now };
            db.Organizations.Add(org);
            await db.SaveChangesAsync();
            orgId = org.Id;
            db.Memberships.Add(new Membership { OrganizationId = org.Id, PersonId = admin.Id, Role = Role.Admin, Status = MembershipStatus.Active, JoinedUtc = now });
            var units = Enumerable.Range(1, unitCount).Select(i => new Unit { OrganizationId = org.Id, Name = $"Unit {i:00}", NormalizedName = $"UNIT {i:00}", Kind = UnitKind.Department, CreatedUtc = now }).ToList();
            db.Units.AddRange(units);
            await db.SaveChangesAsync();
            token = await ApiTokens.CreateAsync(db, admin, "bench", TokenScope.Read, now, default);
            var scales = await AssessmentScales.ListAsync(db, org.Id, default);
            var support = scales[0];
            var rng = new Random(42);
            for (var start = 0; start < contacts; start += 1000)
            {
                var batch = new List<Contact>();
                for (var i = start; i < Math.Min(contacts, start + 1000); i++)
                {
                    var c = new Contact
                    {
                        OrganizationId = org.Id, Name = $"Coworker {i:00000}", Role = "Packer", Eligible = rng.Next(20) != 0, IsLeader = rng.Next(40) == 0,
                        CreatedUtc = now, UpdatedUtc = now, Version = 1, LastContactedUtc = rng.Next(3) == 0 ? null : now.AddDays(-rng.Next(90)),
                    };
                    c.Units.Add(new ContactUnit { UnitId = units[i % unitCount].Id });
                    if (rng.Next(10) == 0) c.Units.Add(new ContactUnit { UnitId = units[(i + 7) % unitCount].Id });
                    batch.Add(c);
                }
                db.Contacts.AddRange(batch);
                await db.SaveChangesAsync();
                foreach (var c in batch.Where(_ => rng.Next(10) != 0))
                {
                    var level = support.Levels[rng.Next(support.Levels.Length)].Id.ToString(CultureInfo.InvariantCulture);
                    var a = new Assessment { OrganizationId = org.Id, ContactId = c.Id, ScaleId = support.Id, Level = level, RecordedUtc = now, RecordedById = admin.Id };
                    db.Assessments.Add(a);
                    db.ContactLevels.Add(new ContactLevel { ContactId = c.Id, ScaleId = support.Id, OrganizationId = org.Id, Level = level, AssessedUtc = now });
                }
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        Console.WriteLine($"seeded {contacts} contacts in {unitCount} units on {provider} in {seed.Elapsed.TotalSeconds:0.0} s");

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The JSON API, then the HTML page that renders the same chart (bearer tokens are accepted on pages too).
        await MeasureAsync(client, $"/api/v1/organizations/{orgId}/wall-chart", "wall chart API", provider, contacts, unitCount, requests);
        await MeasureAsync(client, $"/organizations/{orgId}/organizing", "wall chart page", provider, contacts, unitCount, Math.Max(1, requests / 2));
        if (args.ElementAtOrDefault(4) == "profile")
        {
            // The same pipeline (bearer token, the org policy, JSON) around a one-row answer: what is not the chart's own.
            await MeasureAsync(client, $"/api/v1/organizations/{orgId}", "organization API, for reference", provider, contacts, unitCount, requests);
            await ProfileAsync(app.Services, orgId);
        }
        if (pgDatabase is not null) NpgsqlConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    /// Where a chart's time and allocations go, part by part, each on a fresh context as a request would have it.
    static async Task ProfileAsync(IServiceProvider services, int orgId)
    {
        async Task Part(string label, Func<AppDbContext, Task> work)
        {
            for (var i = 0; i < 5; i++) { await using var s = services.CreateAsyncScope(); await work(s.ServiceProvider.GetRequiredService<AppDbContext>()); }
            var times = new List<double>();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(true);
            for (var i = 0; i < 40; i++)
            {
                await using var s = services.CreateAsyncScope();
                var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
                var sw = Stopwatch.StartNew();
                await work(db);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            var allocated = (GC.GetTotalAllocatedBytes(true) - before) / 40;
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: median {times[20]:0.0} ms, allocated {allocated / 1048576.0:0.00} MiB"));
        }
        Membership me;
        List<int> firstIds;
        await using (var s = services.CreateAsyncScope())
        {
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            me = await db.Memberships.AsNoTracking().Include(m => m.OrganizerScopes).FirstAsync(m => m.OrganizationId == orgId);
            firstIds = await db.Contacts.Where(c => c.OrganizationId == orgId).OrderBy(c => c.Id).Select(c => c.Id).Take(3000).ToListAsync();
        }
        var scope = new OrganizingScope(orgId, me, null);
        var scaleId = 0;
        WallChart? chart = null;
        Console.WriteLine("profile (40 runs each, in-process, no HTTP):");
        await Part("whole chart (WallChartQueries.BuildAsync)", async db => chart = await WallChartQueries.BuildAsync(db, scope, new WallChartFilter(), DateTime.UtcNow, default));
        await Part("scales (AssessmentScales.ListAsync)", async db => scaleId = (await AssessmentScales.ListAsync(db, orgId, default))[0].Id);
        await Part("contacts and units, one query (data reader)", async db =>
        {
            var n = 0;
            await (from c in ContactAccess.Visible(db, orgId, null)
                   from cu in db.ContactUnits.Where(cu => cu.ContactId == c.Id).DefaultIfEmpty()
                   select new { c.Id, c.Eligible, c.IsLeader, UnitId = (int?)cu.UnitId }).ReadAsync(db, ["Id", "Eligible", "IsLeader", "UnitId"], (r, o) => n += r.GetInt32(o[0]), default);
        });
        await Part("level sheets (16 decryptions)", db => LevelSheets.LoadAsync(db, orgId, scaleId, default));
        await Part("3,000 names, read only", db => db.Contacts.Where(c => EF.Parameter(firstIds).Contains(c.Id)).Select(c => new { c.Id, c.Name })
            .ReadAsync(db, ["Id", "Name"], (r, o) => r.GetString(o[1]), default));
        await Part("3,000 names, read and decrypted", db =>
        {
            var decrypt = RawRows.FromStore<Contact>(db, nameof(Contact.Name));
            return db.Contacts.Where(c => EF.Parameter(firstIds).Contains(c.Id)).Select(c => new { c.Id, c.Name })
                .ReadAsync(db, ["Id", "Name"], (r, o) => decrypt(r.GetString(o[1])), default);
        });
        var shownNames = chart!.Units.SelectMany(u => u.Contacts).Select(c => c.Name).ToList();
        await Part($"{shownNames.Count:N0} sort keys (the reader's collation)", _ =>
        {
            var collation = CultureInfo.CurrentCulture.CompareInfo;
            foreach (var n in shownNames) collation.GetSortKey(n, CompareOptions.IgnoreCase);
            return Task.CompletedTask;
        });
        await Part("JSON of the chart", _ => Task.FromResult(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(chart, System.Text.Json.JsonSerializerOptions.Web)));
    }

    static async Task MeasureAsync(HttpClient client, string url, string label, string provider, int contacts, int unitCount, int requests)
    {
        long bytes = 0;
        for (var i = 0; i < 20; i++)
        {
            using var r = await client.GetAsync(url);
            r.EnsureSuccessStatusCode();
            bytes = (await r.Content.ReadAsByteArrayAsync()).Length;
        }
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        // CPU time of the whole process (client, server, GC) per request: steadier than wall time on a shared machine.
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var sw = Stopwatch.StartNew();
            using var r = await client.GetAsync(url);
            await r.Content.ReadAsByteArrayAsync();
            sw.Stop();
            r.EnsureSuccessStatusCode();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / requests;
        var allocated = (GC.GetTotalAllocatedBytes(true) - allocatedBefore) / requests;
        times.Sort();
        double Pct(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} ({provider}, {contacts} contacts, {unitCount} units, {requests} requests): median {Pct(0.5):0.0} ms, p99 {Pct(0.99):0.0} ms, max {times[^1]:0.0} ms; cpu {cpu:0.0} ms per request; " +
            $"response {bytes / 1024.0:0} KiB; allocated {allocated / 1048576.0:0.0} MiB per request; working set {Environment.WorkingSet / 1048576.0:0} MiB; " +
            $"load average {File.ReadAllText("/proc/loadavg").Trim()}"));
    }
}
