using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Pledges;
using Groundwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Groundwork.Tests.Pledges;

/// Many people signing at once, through the HTTP API of the app on a real Kestrel listening on 127.0.0.1. The suite runs
/// 300 signers; bench/load/pledges.sh runs the same test with PLEDGE_LOAD_SIGNERS=10000 and records the rate.
public sealed class PledgeLoadTests(ITestOutputHelper output)
{
    static int Signers => int.TryParse(Environment.GetEnvironmentVariable("PLEDGE_LOAD_SIGNERS"), out var n) && n > 0 ? n : 300;
    static int Concurrency => int.TryParse(Environment.GetEnvironmentVariable("PLEDGE_LOAD_CONCURRENCY"), out var n) && n > 0 ? n : 64;

    [Fact]
    public async Task Signers_all_at_once_give_an_exact_count_no_duplicate_none_lost_one_activation_and_each_told_once()
    {
        var n = Signers;
        using var f = new PledgeFactory();
        f.UseKestrel(0);
        f.StartServer();
        await Database.MigrateAsync(f.Services);
        var address = f.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).First();
        Assert.Contains("127.0.0.1", address, StringComparison.Ordinal);

        var admin = await f.CreateUserAsync("Load admin");
        var org = await f.WithDbAsync(async db =>
        {
            var o = new Groundwork.Organizations.Organization { Name = "Load " + Guid.NewGuid().ToString("N"), Kind = Groundwork.Organizations.OrganizationKind.UnionLocal, CreatedUtc = DateTime.UtcNow };
            o.NormalizedName = Groundwork.Organizations.Organization.Normalize(o.Name);
            db.Organizations.Add(o);
            await db.SaveChangesAsync();
            db.Memberships.Add(new Membership { OrganizationId = o.Id, PersonId = admin.Id, Role = Role.Admin, Status = MembershipStatus.Active, JoinedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return o.Id;
        });
        var tokens = await SeedSignersAsync(f, org, n);

        // The threshold is crossed in the middle of the run: later signers find it active and get a 409.
        var threshold = n * 2 / 3;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(5) };
        using var create = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organizations/{org}/pledges")
        {
            Content = JsonContent.Create(new { statement = "Load pledge", deadline = DateTime.UtcNow.AddDays(1), minSigners = threshold }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        using var made = await http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var p = await made.ReadAsync<PledgeView>();
        var statuses = new ConcurrentDictionary<string, HttpStatusCode>();
        var latencies = new ConcurrentBag<double>();
        // CPU time of this process (the app under test and the load client share it, and the machine's two cores).
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (t, ct) =>
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organizations/{org}/pledges/{p.Id}/signatures") { Content = JsonContent.Create(new { }) };
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", t.Token);
            var started = Stopwatch.GetTimestamp();
            using var res = await http.SendAsync(req, ct);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            statuses[t.PersonId] = res.StatusCode;
        });
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var created = statuses.Count(s => s.Value == HttpStatusCode.Created);
        var refused = statuses.Count(s => s.Value == HttpStatusCode.Conflict);
        var sorted = latencies.Order().ToArray();
        var report = $"signers={n} concurrency={Concurrency} provider={(GroundworkFactory.OnPostgres ? "PostgreSQL" : "SQLite")} " +
                     $"elapsed={watch.Elapsed.TotalSeconds:F2}s rate={n / watch.Elapsed.TotalSeconds:F0}/s created={created} conflict={refused} " +
                     $"median={sorted[sorted.Length / 2]:F1}ms p99={sorted[(int)(sorted.Length * 0.99)]:F1}ms " +
                     $"cpu={cpu.TotalSeconds:F1}s cpu/signature={cpu.TotalMilliseconds / n:F2}ms (app and load client together)";
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("PLEDGE_LOAD_REPORT") is { Length: > 0 } file) await File.AppendAllTextAsync(file, report + Environment.NewLine);

        Assert.Equal(n, statuses.Count);
        Assert.Equal(n, created + refused); // nothing else: no 5xx, no lost request
        Assert.True(created >= threshold);
        var (signed, rows, distinct, status, activations, bound) = await f.WithDbAsync(async db => (
            await db.PledgeTallies.Where(t => t.PledgeId == p.Id && t.Scope == TallyScope.Total).Select(t => t.Signed).SingleAsync(),
            await db.PledgeSignatures.CountAsync(s => s.PledgeId == p.Id && s.Status == SignatureStatus.Active),
            await db.PledgeSignatures.Where(s => s.PledgeId == p.Id).Select(s => s.SignerHash).Distinct().CountAsync(),
            await db.Pledges.Where(x => x.Id == p.Id).Select(x => x.Status).SingleAsync(),
            await db.AuditEvents.CountAsync(e => e.Action == PledgeActions.Activated && e.Detail!.StartsWith($"pledge {p.Id}:")),
            await db.PledgeSignatures.CountAsync(s => s.PledgeId == p.Id && s.Bound)));
        Assert.Equal(created, signed);          // the maintained count is exact
        Assert.Equal(created, rows);            // none lost
        Assert.Equal(rows, distinct);           // no duplicate
        Assert.Equal(PledgeStatus.Active, status);
        Assert.Equal(1, activations);           // activation once
        Assert.Equal(created, bound);

        // Each bound signer told once (the sweeper retries any notification a crash would have left behind).
        await f.Services.GetRequiredService<PledgeSweeper>().SweepAsync(DateTime.UtcNow, default);
        var told = await f.WithDbAsync(db => db.Notifications.Where(x => x.Key == "pledge-activated:" + p.Id).Select(x => x.PersonId).ToListAsync());
        Assert.Equal(created, told.Count);
        Assert.Equal(told.Count, told.Distinct().Count());
        var signedPeople = statuses.Where(s => s.Value == HttpStatusCode.Created).Select(s => s.Key).ToHashSet();
        Assert.True(signedPeople.SetEquals(told));
    }

    public sealed record Seeded(string PersonId, string Token);

    /// People, tokens and memberships written in batches (creating ten thousand accounts through Identity would take
    /// longer than the run it prepares).
    public static async Task<List<Seeded>> SeedSignersAsync(GroundworkFactory f, int orgId, int n)
    {
        var all = new List<Seeded>(n);
        var now = DateTime.UtcNow;
        foreach (var chunk in Enumerable.Range(0, n).Chunk(1000))
        {
            await f.WithDbAsync(async db =>
            {
                foreach (var i in chunk)
                {
                    var email = $"load{i}-{Guid.NewGuid():N}@example.test";
                    var person = new Person
                    {
                        Id = Guid.NewGuid().ToString(), UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
                        EmailConfirmed = true, DisplayName = "Load signer " + i, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedUtc = now,
                    };
                    var token = ApiTokens.NewToken();
                    db.Users.Add(person);
                    // Last used just now: the first request does not have to write it (and the sign is not the moment it changes).
                    db.ApiTokens.Add(new ApiToken { PersonId = person.Id, Name = "load", Hash = ApiTokens.Hash(token), Scope = TokenScope.Write, CreatedUtc = now, LastUsedUtc = now });
                    db.Memberships.Add(new Membership { OrganizationId = orgId, PersonId = person.Id, Role = Role.Member, Status = MembershipStatus.Active, JoinedUtc = now });
                    all.Add(new Seeded(person.Id, token));
                }
                await db.SaveChangesAsync();
            });
        }
        return all;
    }
}
