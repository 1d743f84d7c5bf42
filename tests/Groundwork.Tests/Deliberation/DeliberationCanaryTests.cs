using System.Diagnostics;
using System.Text;
using Groundwork.Tests.Infrastructure;
using Npgsql;

namespace Groundwork.Tests.Deliberation;

/// Canary thread titles, bodies, replies, motions and amendments must appear nowhere in clear: not in the SQLite file and its
/// WAL, not in a pg_dump, not in the logs.
public sealed class DeliberationCanaryTests
{
    [Fact]
    public async Task Canary_threads_replies_motions_and_amendments_never_appear_in_clear_in_the_database_or_the_logs()
    {
        using var f = await new GroundworkFactory().StartAsync();
        string Canary(string what) => $"CANARY{what}{Guid.NewGuid():N}";
        var (title, body, reply, edit, motionTitle, motionText, amendment) =
            (Canary("title"), Canary("body"), Canary("reply"), Canary("edit"), Canary("motiontitle"), Canary("motiontext"), Canary("amendment"));
        var admin = await f.CreateUserAsync("Admin");
        var org = await admin.CreateOrgAsync();
        var ben = await f.CreateUserAsync("Ben");
        await f.AddMemberAsync(org.Id, ben.Id);
        var d = await (await admin.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/discussions", new { title, body })).ReadAsync<Groundwork.Deliberation.DiscussionView>();
        var r = await (await ben.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/discussions/{d.Id}/replies", new { body = reply })).ReadAsync<Groundwork.Deliberation.PostView>();
        Assert.True((await ben.Api.PutJsonAsync($"/api/v1/organizations/{org.Id}/discussions/{d.Id}/posts/{r.Id}", new { body = edit })).IsSuccessStatusCode);
        var m = await (await ben.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/motions", new { title = motionTitle, text = motionText })).ReadAsync<Groundwork.Deliberation.MotionView>();
        await admin.Api.PostAsync($"/api/v1/organizations/{org.Id}/motions/{m.Id}/second", null);
        await admin.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/motions/{m.Id}/advance", new { to = "Debate" });
        Assert.True((await admin.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/motions/{m.Id}/amendments", new { kind = "Replace", paragraph = 1, text = amendment })).IsSuccessStatusCode);
        // Pages render them too, so their logging is covered.
        var web = await f.SignedInCookieClientAsync(ben);
        Assert.Contains(edit, await web.GetStringAsync($"/organizations/{org.Id}/discussions/{d.Id}"), StringComparison.Ordinal);
        Assert.Contains(amendment, await web.GetStringAsync($"/organizations/{org.Id}/motions/{m.Id}"), StringComparison.Ordinal);

        string[] canaries = [title, body, reply, edit, motionTitle, motionText, amendment];
        var sources = new Dictionary<string, byte[]>();
        if (GroundworkFactory.OnPostgres)
            sources["pg_dump"] = await PgDumpAsync(f);
        else
            foreach (var file in new[] { f.SqliteFile, f.SqliteFile + "-wal", f.SqliteFile + "-journal" }.Where(File.Exists))
                sources[Path.GetFileName(file)] = await ReadSharedAsync(file);
        Assert.NotEmpty(sources);
        sources["logs"] = Encoding.UTF8.GetBytes(string.Join("\n", f.Logs.Lines));
        var hits = new List<string>();
        foreach (var (source, bytes) in sources)
        {
            var ascii = Encoding.Latin1.GetString(bytes);
            var utf16 = Encoding.Unicode.GetString(bytes.Length % 2 == 0 ? bytes : bytes[..^1]);
            foreach (var c in canaries)
            {
                if (ascii.Contains(c, StringComparison.OrdinalIgnoreCase)) hits.Add($"{source}: {c}");
                if (utf16.Contains(c, StringComparison.OrdinalIgnoreCase)) hits.Add($"{source}: {c} (UTF-16)");
            }
        }
        Assert.True(hits.Count == 0, "Plaintext found:\n" + string.Join("\n", hits));
    }

    // The same readers as Data/CanaryTests (kept private there).
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
        var psi = new ProcessStartInfo("pg_dump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
