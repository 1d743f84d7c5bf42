using System.Diagnostics;
using System.Net;
using System.Text;
using Groundwork.Data;
using Groundwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Groundwork.Tests.Data;

/// Unique strings planted in every sensitive field must appear nowhere in the database files, a dump or the logs.
public sealed class CanaryTests
{
    [Fact]
    public async Task Planted_canaries_never_appear_in_clear_in_the_database_or_the_logs()
    {
        using var f = await new GroundworkFactory().StartAsync();
        string Canary(string what) => $"CANARY{what}{Guid.NewGuid():N}";
        var email = Canary("mail").ToLowerInvariant() + "@example.test";
        var name = Canary("name");
        var phone = Canary("phone");
        var note = Canary("note");
        var tokenName = Canary("token");
        var moverEmail = Canary("mover").ToLowerInvariant() + "@example.test";

        var person = await f.CreateUserAsync(name, email: email);
        var mover = await f.CreateUserAsync(Canary("movername"), email: moverEmail);
        string authenticatorKey;
        await using (var s = f.Services.CreateAsyncScope())
        {
            var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var p = (await users.FindByIdAsync(person.Id))!;
            Assert.True((await users.SetPhoneNumberAsync(p, phone)).Succeeded);
            Assert.True((await users.ResetAuthenticatorKeyAsync(p)).Succeeded);
            authenticatorKey = (await users.GetAuthenticatorKeyAsync(p))!;
        }
        var created = await person.Api.PostJsonAsync("/api/v1/me/tokens", new { name = tokenName, scope = "Read" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var fed = await person.CreateOrgAsync(kind: Groundwork.Organizations.OrganizationKind.Federation);
        var from = await person.CreateOrgAsync(parentId: fed.Id);
        var to = await person.CreateOrgAsync(parentId: fed.Id);
        await f.AddMemberAsync(from.Id, mover.Id);
        var transfer = await mover.Api.PostJsonAsync($"/api/v1/organizations/{from.Id}/transfers", new { toOrganizationId = to.Id, shareHistory = true, note });
        Assert.Equal(HttpStatusCode.Created, transfer.StatusCode);
        // Sign in through the form too, so the sign-in path's logging is covered.
        await f.SignedInCookieClientAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await person.Api.GetAsync("/api/v1/me/export")).StatusCode);

        string[] canaries = [email, name, phone, note, tokenName, moverEmail, authenticatorKey];
        var sources = new Dictionary<string, byte[]>();
        if (GroundworkFactory.OnPostgres)
            sources["pg_dump"] = await PgDumpAsync(f);
        else
            foreach (var file in new[] { f.SqliteFile, f.SqliteFile + "-wal", f.SqliteFile + "-journal" }.Where(File.Exists))
                sources[Path.GetFileName(file)] = await ReadSharedAsync(file);
        Assert.NotEmpty(sources);
        sources["logs"] = Encoding.UTF8.GetBytes(string.Join("\n", f.Logs.Lines));
        Assert.NotEmpty(f.Logs.Lines);

        var hits = new List<string>();
        foreach (var (source, bytes) in sources)
        {
            var ascii = Encoding.Latin1.GetString(bytes);
            var utf16 = Encoding.Unicode.GetString(bytes.Length % 2 == 0 ? bytes : bytes[..^1]);
            var utf16Shifted = bytes.Length > 1 ? Encoding.Unicode.GetString(bytes[1..^((bytes.Length - 1) % 2)]) : "";
            foreach (var c in canaries)
            {
                if (ascii.Contains(c, StringComparison.OrdinalIgnoreCase)) hits.Add($"{source}: {c} (ASCII/UTF-8)");
                if (utf16.Contains(c, StringComparison.OrdinalIgnoreCase) || utf16Shifted.Contains(c, StringComparison.OrdinalIgnoreCase)) hits.Add($"{source}: {c} (UTF-16)");
            }
        }
        Assert.True(hits.Count == 0, "Plaintext found:\n" + string.Join("\n", hits));

        // The scan is able to see plaintext: the same data read through the app comes back decrypted.
        var me = await person.Api.GetStringAsync("/api/v1/me");
        Assert.Contains(email, me, StringComparison.Ordinal);
    }

    static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var ms = new MemoryStream();
        await fs.CopyToAsync(ms);
        return ms.ToArray();
    }

    static async Task<byte[]> PgDumpAsync(GroundworkFactory f)
    {
        var cs = new NpgsqlConnectionStringBuilder(f.ConnectionString);
        var psi = new ProcessStartInfo("pg_dump")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "-h", cs.Host ?? "localhost", "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username ?? "postgres", "-d", cs.Database!, "--no-owner" })
            psi.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(cs.Password)) psi.Environment["PGPASSWORD"] = cs.Password;
        using var p = Process.Start(psi)!;
        using var ms = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(ms);
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await copy;
        Assert.True(p.ExitCode == 0, "pg_dump failed: " + await err);
        Assert.True(ms.Length > 1000, "pg_dump wrote almost nothing");
        return ms.ToArray();
    }
}
