using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Groundwork.Data;
using Groundwork.Pledges;
using Groundwork.Tests.Auth;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Groundwork.Tests.Pledges;

/// The "Must show" of the issue: before activation no route tells anyone who signed, and neither a copy of the database
/// nor the logs identify a signer, before activation or after an expiry.
public sealed class PledgeSealingTests
{

    [Fact]
    public async Task No_pledge_route_returns_a_signer_identity_before_activation_for_any_caller()
    {
        using var f = new PledgeFactory();
        await f.StartAsync();
        var cast = await Cast.CreateAsync(f);
        var w = await World.SeedAsync(f, cast);
        var signers = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            var u = await f.CreateUserAsync(Canary.New("signer"), email: Canary.New("mail").ToLowerInvariant() + "@example.test");
            await f.AddMemberAsync(w.Org, u.Id);
            signers.Add(u);
        }
        // Names would be shown after activation: before it, nothing may give them away.
        var p = await cast.Admin.CreatePledgeAsync(w.Org, new { statement = "Sealed pledge", deadline = DateTime.UtcNow.AddDays(3), minSigners = 1000, revealNames = true });
        foreach (var s in signers.Append(cast.Member))
            Assert.Equal(HttpStatusCode.Created, (await s.SignAsync(w.Org, p.Id, new { atLeastOthers = 1 })).StatusCode);
        var pub = await PledgeSeed.PledgeAsync(f, w.Sibling, cast.Admin.Id, eligibility: PledgeEligibility.Public);
        var publicEmail = Canary.New("public").ToLowerInvariant() + "@example.test";
        var confirm = await f.Anonymous().PostJsonAsync("/api/v1/public/pledges/confirmations", new { token = await PledgeSeed.ConfirmationAsync(f, pub.Id, publicEmail) });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);

        string[] secrets = [.. signers.SelectMany(s => new[] { s.Id, s.Email, f.WithDbAsync(db => db.Users.Where(u => u.Id == s.Id).Select(u => u.DisplayName).SingleAsync()).Result }),
            cast.Member.Id, publicEmail];
        TestUser?[] callers = [null, cast.NonMember, cast.Member, cast.Organizer, cast.Admin, cast.OtherOrgAdmin, cast.Removed, cast.InstanceAdmin, signers[0]];
        var routes = AuthorizationMatrixTests.Routes(f.Services).Where(r => r.Pattern.Contains("pledges", StringComparison.Ordinal)).ToList();
        Assert.True(routes.Count >= 19, $"only {routes.Count} pledge routes");
        var leaks = new List<string>();
        var calls = 0;
        // Cancelling ends the pledge (and destroys the key), so it goes last.
        foreach (var route in routes.OrderBy(r => r.Pattern.EndsWith("/cancel", StringComparison.Ordinal)))
            foreach (var caller in callers)
            {
                var token = route.Pattern.Contains("confirm", StringComparison.Ordinal) ? await PledgeSeed.ConfirmationAsync(f, pub.Id, Canary.New("x") + "@example.test") : "";
                var path = route.Pattern
                    .Replace("{orgId:int}", w.Org.ToString(), StringComparison.Ordinal).Replace("{OrgId:int}", w.Org.ToString(), StringComparison.Ordinal)
                    .Replace("{pledgeId:int}", p.Id.ToString(), StringComparison.Ordinal).Replace("{PledgeId:int}", p.Id.ToString(), StringComparison.Ordinal)
                    .Replace("{slug}", pub.Slug, StringComparison.Ordinal).Replace("{Slug}", pub.Slug, StringComparison.Ordinal)
                    .Replace("{Token}", token, StringComparison.Ordinal);
                using var req = new HttpRequestMessage(new HttpMethod(route.Method), path);
                if (route.Method is "POST")
                    req.Content = !path.StartsWith("/api", StringComparison.Ordinal) ? new FormUrlEncodedContent([new("culture", "es")])
                        : path.EndsWith("/confirmations", StringComparison.Ordinal) ? JsonContent.Create(new { token })
                        : path.EndsWith($"{pub.Slug}/signatures", StringComparison.Ordinal) ? JsonContent.Create(new { email = Canary.New("y").ToLowerInvariant() + "@example.test" })
                        : path.EndsWith("/pledges/", StringComparison.Ordinal) ? JsonContent.Create(new { statement = "Another", deadline = DateTime.UtcNow.AddDays(2), minSigners = 5 })
                        : JsonContent.Create(new { });
                using var res = await (caller?.Api ?? f.Anonymous()).SendAsync(req);
                calls++;
                var body = await res.Content.ReadAsStringAsync() + res.Headers.Location;
                foreach (var secret in secrets)
                    if (body.Contains(secret, StringComparison.OrdinalIgnoreCase))
                        leaks.Add($"{route.Method} {route.Pattern} as {caller?.Email ?? "anonymous"}: {(int)res.StatusCode} shows a signer");
                if ((int)res.StatusCode >= 500) leaks.Add($"{route.Method} {route.Pattern}: {(int)res.StatusCode}");
                if (!route.Pattern.EndsWith("/cancel", StringComparison.Ordinal))
                    Assert.Equal(PledgeStatus.Gathering, await f.WithDbAsync(db => db.Pledges.Where(x => x.Id == p.Id).Select(x => x.Status).SingleAsync()));
            }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Equal(routes.Count * callers.Length, calls);
        // The scan can see a leak: after activation the organizers' names list does show them.
        var q = await cast.Admin.CreatePledgeAsync(w.Org, new { statement = "Open later", deadline = DateTime.UtcNow.AddDays(3), minSigners = 1, revealNames = true });
        await signers[0].SignAsync(w.Org, q.Id);
        var names = await cast.Admin.Api.GetStringAsync($"/api/v1/organizations/{w.Org}/pledges/{q.Id}/signers");
        Assert.Contains(signers[0].Id, names, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_of_the_database_and_the_logs_identify_no_signer_before_activation_or_after_expiry()
    {
        using var f = new PledgeFactory();
        await f.StartAsync();
        var o = await f.OrgWithMembersAsync(6, 0, name: _ => Canary.New("name"));
        var emails = await f.WithDbAsync(db => db.Users.Where(u => o.InA.Select(x => x.Id).Contains(u.Id)).Select(u => u.Email!).ToListAsync());
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 100));
        var other = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 100));
        for (var i = 0; i < o.InA.Count; i++)
            Assert.Equal(HttpStatusCode.Created, (await o.InA[i].SignAsync(o.OrgId, p.Id, i % 2 == 0 ? new { atLeastOthers = 2, scope = "Unit" } : null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await o.InA[5].Api.DeleteAsync($"/api/v1/organizations/{o.OrgId}/pledges/{p.Id}/signatures/mine")).StatusCode);
        await o.InA[0].SignAsync(o.OrgId, other.Id);
        var pub = await o.Admin.CreatePledgeAsync(o.OrgId, new { statement = "Public one", deadline = DateTime.UtcNow.AddDays(2), minSigners = 100, eligibility = "Public" });
        var publicEmail = Canary.New("public").ToLowerInvariant() + "@example.test";
        var confirm = await f.Anonymous().PostJsonAsync("/api/v1/public/pledges/confirmations", new { token = await PledgeSeed.ConfirmationAsync(f, pub.Id, publicEmail) });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var pending = Canary.New("pending").ToLowerInvariant() + "@example.test";
        Assert.Equal(HttpStatusCode.Accepted, (await f.Anonymous().PostJsonAsync($"/api/v1/public/pledges/{pub.PublicSlug}/signatures", new { email = pending })).StatusCode);

        var names = await f.WithDbAsync(db => db.Users.Where(u => o.InA.Select(x => x.Id).Contains(u.Id)).Select(u => u.DisplayName).ToListAsync());
        string[] canaries = [.. names, .. emails, publicEmail, pending];
        var signerIds = o.InA.Select(u => u.Id).ToArray();
        var orgName = await f.WithDbAsync(db => db.Organizations.Where(x => x.Id == o.OrgId).Select(x => x.Name).SingleAsync());

        await AssertNothingIdentifiesAsync(f, canaries, signerIds, orgName, "before activation");
        // One signature per person by a keyed hash: the same person's hashes differ from one pledge to the next.
        var hashes = await f.WithDbAsync(db => db.PledgeSignatures.Where(s => s.PledgeId == p.Id || s.PledgeId == other.Id).Select(s => s.SignerHash).ToListAsync());
        Assert.Equal(hashes.Count, hashes.Distinct().Count());

        foreach (var id in new[] { p.Id, other.Id, pub.Id })
            await f.WithDbAsync(db => db.Pledges.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DeadlineUtc, DateTime.UtcNow.AddSeconds(-1))));
        await f.Services.GetRequiredService<PledgeSweeper>().SweepAsync(DateTime.UtcNow, default);
        foreach (var id in new[] { p.Id, other.Id, pub.Id })
            Assert.False(f.Keys().Exists(Pledge.KeyNameOf(id)));
        Assert.Equal(0, await f.WithDbAsync(db => db.PledgeEmailConfirmations.CountAsync()));
        await AssertNothingIdentifiesAsync(f, canaries, signerIds, orgName, "after expiry");
    }

    static async Task AssertNothingIdentifiesAsync(GroundworkFactory f, string[] canaries, string[] signerIds, string plaintextInDb, string when)
    {
        var sources = await Canary.SnapshotAsync(f);
        var hits = Canary.Find(sources, canaries, when + ": ");
        // The scan sees what is stored in clear (organization names are).
        Assert.Contains(plaintextInDb, Canary.StoredText(sources), StringComparison.Ordinal);

        // A person id is an identity too, but it is in the accounts table for every member: what must not hold it is
        // anything the signing wrote. Every pledge table's rows, as text, hold none; nothing else was written about them.
        var pledgeRows = await f.WithDbAsync(async db =>
        {
            var text = new StringBuilder();
            var conn = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                foreach (var table in db.Model.GetEntityTypes().Where(e => e.ClrType.Namespace == typeof(Pledge).Namespace).Select(e => e.GetTableName()).OfType<string>().Distinct())
                {
                    await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // table names come from the EF model
                    cmd.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
                    await using var r = await cmd.ExecuteReaderAsync();
                    while (await r.ReadAsync())
                        for (var i = 0; i < r.FieldCount; i++) text.Append(r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }
            }
            finally { await db.Database.CloseConnectionAsync(); }
            return text.ToString();
        });
        Assert.NotEmpty(pledgeRows);
        foreach (var id in signerIds)
            if (pledgeRows.Contains(id, StringComparison.OrdinalIgnoreCase)) hits.Add($"{when}: a pledge table holds signer {id}");
        var traces = await f.WithDbAsync(async db =>
            await db.AuditEvents.CountAsync(e => (e.SubjectPersonId != null && signerIds.Contains(e.SubjectPersonId)) || (e.ActorId != null && signerIds.Contains(e.ActorId)))
            + await db.Notifications.CountAsync(n => signerIds.Contains(n.PersonId)));
        if (traces > 0) hits.Add($"{when}: {traces} audit events or notifications name a signer");
        Assert.True(hits.Count == 0, "Signers identifiable:\n" + string.Join("\n", hits));
    }
}
