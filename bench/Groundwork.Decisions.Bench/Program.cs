using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Decisions;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Groundwork.Decisions.Bench;

// Decisions benchmarks, in process on a fresh SQLite file (or PostgreSQL with GROUNDWORK_BENCH_POSTGRES set to a
// connection string; each run adds its own organization and people, so the database may be reused):
//   cast  [voters] [concurrency]  — every voter first reads the poll (GetPoll, untimed: as a voter reads the ballot before
//                                   casting it), then secret ballots through the real CastVote endpoint (auth, policy,
//                                   validation, sealing, the database's one-ballot rule), then every voter again: all
//                                   must be refused, and 100 identical ballots at once from one voter store one.
//   store [voters] [concurrency]  — the same ballots through CastVote.CastAsync directly (no HTTP, no authentication):
//                                   what the storage path alone sustains (validation, sealing, the database's rules).
//   close [ballots] [candidates] [seats] — a secret Scottish STV election with that many sealed ballots, closed
//                                   and counted through PollLifecycle.CloseAsync (open the box, shuffle, rewrite, count).
static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "cast";
        int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], CultureInfo.InvariantCulture, out var v) ? v : fallback;
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        // WebApplicationFactory looks for the app's folder by its assembly name; tell it where src/Groundwork is.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Groundwork.slnx"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GROUNDWORK", Path.Combine(root!.FullName, "src", "Groundwork"));
        using var app = new BenchApp();
        _ = app.Server;
        await Database.MigrateAsync(app.Services);
        return mode switch
        {
            "cast" => await Bench.CastAsync(app, Arg(1, 2000), Arg(2, 32)),
            "store" => await Bench.StoreAsync(app, Arg(1, 2000), Arg(2, 32)),
            "close" => await Bench.CloseAsync(app, Arg(1, 100_000), Arg(2, 10), Arg(3, 3)),
            _ => 2,
        };
    }
}

sealed class BenchApp : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gw-bench", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        var pg = Environment.GetEnvironmentVariable("GROUNDWORK_BENCH_POSTGRES");
        builder.UseEnvironment("Production");
        builder.UseSetting("Groundwork:DataDirectory", DataDirectory);
        builder.UseSetting("Groundwork:PublicUrl", "https://localhost");
        builder.UseSetting("Groundwork:Database:Provider", pg is null ? "Sqlite" : "Postgres");
        builder.UseSetting("Groundwork:Database:ConnectionString", pg ?? $"Data Source={Path.Combine(DataDirectory, "groundwork.db")}");
        builder.UseSetting("Groundwork:RateLimits:WritesPerMinute", "100000000");
        builder.UseSetting("Groundwork:Jobs:PollClock", "off");
        builder.UseSetting("Groundwork:Jobs:NotificationOutbox", "off");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { }
    }
}

static class Bench
{
    static async Task<(int OrgId, List<(string Id, string Token)> People)> SeedAsync(BenchApp app, int people)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var now = DateTime.UtcNow;
        var org = new Organization { Name = "Bench local", NormalizedName = "BENCH LOCAL", Visibility = Visibility.Secret, CreatedUtc = now };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        var list = new List<(string, string)>();
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < people; i++)
        {
            var email = $"bench{i}-{run}@example.test";
            var p = new Person { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Voter {i}", CreatedUtc = now };
            var r = await users.CreateAsync(p);
            if (!r.Succeeded) throw new InvalidOperationException(string.Join(" ", r.Errors.Select(e => e.Description)));
            db.Memberships.Add(new Membership { OrganizationId = org.Id, PersonId = p.Id, Role = i == 0 ? Role.Admin : Role.Member, Status = MembershipStatus.Active, JoinedUtc = now });
            list.Add((p.Id, await ApiTokens.CreateAsync(db, p, "bench", TokenScope.Write, now, default)));
        }
        await db.SaveChangesAsync();
        return (org.Id, list);
    }

    public static async Task<int> CastAsync(BenchApp app, int voters, int concurrency)
    {
        var (orgId, people) = await SeedAsync(app, voters + 1);
        HttpClient Client(string token)
        {
            var c = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return c;
        }
        var admin = Client(people[0].Token);
        var created = await admin.PostAsJsonAsync($"/api/v1/organizations/{orgId}/polls",
            new { kind = "Ranked", title = "Bench", options = new[] { "A", "B", "C", "D", "E" }, secret = true, method = "irv" });
        created.EnsureSuccessStatusCode();
        using var poll = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var pollId = poll.RootElement.GetProperty("id").GetInt32();
        var ids = poll.RootElement.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetInt32()).ToArray();
        var twin = Client(people[voters].Token);
        var clients = people.Take(voters).Select(p => Client(p.Token)).ToArray();
        var url = $"/api/v1/organizations/{orgId}/polls/{pollId}/votes";
        foreach (var c in clients) (await c.GetAsync($"/api/v1/organizations/{orgId}/polls/{pollId}")).EnsureSuccessStatusCode();
        object Ballot(int i) => new { ranking = new[] { ids[i % 5], ids[(i + 1) % 5], ids[(i + 3) % 5] } };

        async Task<(int Created, int Conflict, int Other, List<double> Ms, double Seconds)> Run()
        {
            var next = -1;
            int ok = 0, conflict = 0, other = 0;
            var ms = new System.Collections.Concurrent.ConcurrentBag<double>();
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < clients.Length)
                {
                    var t = Stopwatch.GetTimestamp();
                    using var res = await clients[i].PostAsJsonAsync(url, Ballot(i));
                    ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (res.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref ok);
                    else if (res.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref conflict);
                    else Interlocked.Increment(ref other);
                }
            }));
            return (ok, conflict, other, [.. ms.Order()], sw.Elapsed.TotalSeconds);
        }
        var first = await Run();
        Report("cast", voters, concurrency, first);
        var again = await Run();
        Report("every voter again (must all be 409)", voters, concurrency, again);
        // One more voter sends 100 identical ballots at once: exactly one is stored.
        var burst = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => twin.PostAsJsonAsync(url, Ballot(0))));
        var burstCreated = burst.Count(r => r.StatusCode == HttpStatusCode.Created);
        var burstConflict = burst.Count(r => r.StatusCode == HttpStatusCode.Conflict);
        Console.WriteLine($"100 identical ballots at once from one voter: 201: {burstCreated}, 409: {burstConflict}");
        var (left, count) = await CountsAsync(app, pollId);
        Console.WriteLine($"stored: ballots counted {count} (expected {voters + 1}), voters left on the roll {left} (expected 0)");
        var good = first.Created == voters && again.Conflict == voters && burstCreated == 1 && burstConflict == 99 && count == voters + 1 && left == 0;
        Console.WriteLine(good ? "no lost or duplicate ballot" : "MISMATCH");
        return good ? 0 : 1;
    }

    public static async Task<int> StoreAsync(BenchApp app, int voters, int concurrency)
    {
        var (orgId, people) = await SeedAsync(app, voters);
        int pollId;
        int[] ids;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var me = await db.Memberships.Include(m => m.OrganizerScopes).FirstAsync(m => m.OrganizationId == orgId && m.PersonId == people[0].Id);
            var r = await scope.ServiceProvider.GetRequiredService<CreatePoll>().CreateAsync(orgId, me,
                new CreatePollInput(PollKind.Ranked, "Bench", Options: ["A", "B", "C", "D", "E"], Secret: true, Method: "irv"), default);
            pollId = r.Value!.Id;
            ids = [.. (await db.PollOptions.Where(o => o.PollId == pollId).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync())];
        }
        async Task<(int Created, int Conflict, int Other, List<double> Ms, double Seconds)> Run()
        {
            var next = -1;
            int ok = 0, conflict = 0, other = 0;
            var ms = new System.Collections.Concurrent.ConcurrentBag<double>();
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < voters)
                {
                    var t = Stopwatch.GetTimestamp();
                    await using var scope = app.Services.CreateAsyncScope();
                    var r = await scope.ServiceProvider.GetRequiredService<CastVote>().CastAsync(orgId, pollId, people[i].Id,
                        new VoteInput(Ranking: [ids[i % 5], ids[(i + 1) % 5], ids[(i + 3) % 5]]), default);
                    ms.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (r.Ok) Interlocked.Increment(ref ok);
                    else if (r.Failure!.Status == 409) Interlocked.Increment(ref conflict);
                    else Interlocked.Increment(ref other);
                }
            }));
            return (ok, conflict, other, [.. ms.Order()], sw.Elapsed.TotalSeconds);
        }
        var first = await Run();
        Report("store (CastVote.CastAsync, no HTTP)", voters, concurrency, first);
        var again = await Run();
        Report("every voter again (must all be 409)", voters, concurrency, again);
        var (left, count) = await CountsAsync(app, pollId);
        Console.WriteLine($"stored: ballots counted {count} (expected {voters}), voters left on the roll {left} (expected 0)");
        var good = first.Created == voters && again.Conflict == voters && count == voters && left == 0;
        Console.WriteLine(good ? "no lost or duplicate ballot" : "MISMATCH");
        return good ? 0 : 1;
    }

    static void Report(string what, int n, int c, (int Created, int Conflict, int Other, List<double> Ms, double Seconds) r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {n} requests, {c} at a time, {r.Seconds:0.00} s = {n / r.Seconds:0} per second; 201: {r.Created}, 409: {r.Conflict}, other: {r.Other}; latency median {r.Ms[r.Ms.Count / 2]:0.0} ms, p99 {r.Ms[(int)(r.Ms.Count * 0.99)]:0.0} ms"));

    /// Who is left on the roll (has not voted), and the ballots counted on the poll (each one fills a slot of the box).
    static async Task<(int Left, int Count)> CountsAsync(BenchApp app, int pollId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.VoterRoll.CountAsync(v => v.PollId == pollId), await db.Polls.Where(p => p.Id == pollId).Select(p => p.BallotCount).SingleAsync());
    }

    public static async Task<int> CloseAsync(BenchApp app, int ballots, int candidates, int seats)
    {
        var (orgId, people) = await SeedAsync(app, 1);
        var now = DateTime.UtcNow;
        int pollId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var keys = scope.ServiceProvider.GetRequiredService<SealedKeys>();
            var poll = new Poll
            {
                OrganizationId = orgId, Kind = PollKind.Election, Title = "Bench election", Secret = true, Method = "scottish-stv", Seats = seats,
                Status = PollStatus.Open, CreatedById = people[0].Id, CreatedUtc = now, OpenedUtc = now, LotSeed = 7, EntitledCount = ballots, BallotCount = ballots,
                OpenNotified = true, ReminderNotified = true, ResultNotified = true,
                Options = [.. Enumerable.Range(0, candidates).Select(i => new PollOption { Label = $"Candidate {i + 1}", Position = i })],
            };
            db.Polls.Add(poll);
            await db.SaveChangesAsync();
            pollId = poll.Id;
            var key = keys.GetOrCreate(PollKeys.Name(pollId));
            // Sealed exactly as CastVote seals (same content, context and padding), each in the slot its count gives it.
#pragma warning disable CA5394 // ballots for a benchmark, not a secret
            var rng = new Random(42);
            var sw = Stopwatch.StartNew();
            await db.Database.OpenConnectionAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkRows.InsertAsync(db, [.. Enumerable.Range(1, ballots).Select(k =>
            {
                var len = 1 + rng.Next(Math.Min(candidates, 6));
                var order = Enumerable.Range(0, candidates).OrderBy(_ => rng.Next()).Take(len).ToArray();
                var plain = JsonSerializer.Serialize(new { T = BallotRules.NewTracker(), W = 1L, O = order, V = (int[]?)null });
                return new SealedBallot { Id = BallotRules.SlotId(key, k), PollId = pollId, Sealed = SealedKeys.Seal(key, plain, SecretBox.Context(pollId), BallotRules.PadFor(candidates)) };
            })], default);
#pragma warning restore CA5394
            await tx.CommitAsync();
            Console.WriteLine($"seeded {ballots} sealed ballots in {sw.Elapsed.TotalSeconds:0.0} s");
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var polls = scope.ServiceProvider.GetRequiredService<PollLifecycle>();
            var sw = Stopwatch.StartNew();
            var r = await polls.CloseAsync(pollId, people[0].Id, default);
            var seconds = sw.Elapsed.TotalSeconds;
            if (!r.Ok) { Console.WriteLine("close failed: " + r.Failure!.Title); return 1; }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"close and count: {ballots} secret ballots, {candidates} candidates, {seats} seats, scottish-stv: {seconds:0.00} s; elected {string.Join(", ", r.Value!.Elected)}; {r.Value.Stages.Count} stages"));
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var published = await db.PublishedBallots.CountAsync(b => b.PollId == pollId);
            var left = await db.SealedBallots.CountAsync(b => b.PollId == pollId);
            Console.WriteLine($"published {published}, sealed left {left}");
            return published == ballots && left == 0 ? 0 : 1;
        }
    }
}
