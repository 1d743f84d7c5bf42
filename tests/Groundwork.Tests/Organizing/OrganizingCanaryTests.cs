using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;
using Npgsql;

namespace Groundwork.Tests.Organizing;

/// Unique strings planted in every sensitive field of contacts and what hangs off them must appear nowhere in the
/// database files (SQLite file and WAL), a pg_dump or the logs: the approach of Data/CanaryTests, for organizing.
public sealed class OrganizingCanaryTests
{
    [Fact]
    public async Task Canaries_in_every_contact_field_never_appear_in_clear_in_the_database_or_the_logs()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var d = await Drive.CreateAsync(f);
        string Canary(string what) => $"CANARY{what}{Guid.NewGuid():N}";
        var c = new Dictionary<string, string>
        {
            ["name"] = Canary("name"), ["role"] = Canary("role"), ["employer"] = Canary("employer"), ["languages"] = Canary("lang"),
            ["notes"] = Canary("notes"), ["field"] = Canary("fieldvalue"), ["fieldname"] = Canary("fieldname"), ["reason"] = Canary("reason"),
            ["phone"] = Canary("phone"), ["email"] = Canary("mail").ToLowerInvariant() + "@example.test", ["tag"] = Canary("tag"),
            ["relnotes"] = Canary("relnotes"), ["talk"] = Canary("talk"), ["next"] = Canary("next"), ["issue"] = Canary("issue"),
            ["scale"] = Canary("scale"), ["level"] = Canary("level"), ["other"] = Canary("othername"), ["choice"] = Canary("choice"),
        };
        var tag = await (await d.Organizer.Api.PostJsonAsync($"{d.Api}/contact-tags", new { name = c["tag"] })).ReadAsync<NamedView>();
        var issue = await (await d.Organizer.Api.PostJsonAsync($"{d.Api}/organizing-issues", new { name = c["issue"] })).ReadAsync<NamedView>();
        var field = await (await d.Admin.Api.PostJsonAsync($"{d.Api}/custom-fields", new { name = c["fieldname"], type = "Text" })).ReadAsync<CustomFieldView>();
        var choice = await (await d.Admin.Api.PostJsonAsync($"{d.Api}/custom-fields", new { name = "Shift", type = "Choice", choices = c["choice"] + "\nother" })).ReadAsync<CustomFieldView>();
        var scaleRes = await d.Admin.Api.PostJsonAsync($"{d.Api}/assessment-scales", new { name = c["scale"], levels = new[] { new { name = c["level"] }, new { name = "Second" } } });
        Assert.Equal(HttpStatusCode.Created, scaleRes.StatusCode);
        var scale = await scaleRes.ReadAsync<ScaleView>();
        var contact = await d.ContactAsync(d.Organizer, new
        {
            name = c["name"], role = c["role"], employer = c["employer"], languages = c["languages"], notes = c["notes"],
            unitIds = new[] { d.UnitA }, tagIds = new[] { tag.Id }, eligible = false, ineligibleReason = c["reason"],
            channels = new[] { new { kind = "Phone", value = c["phone"] }, new { kind = "Email", value = c["email"] } },
            customFields = new Dictionary<string, string> { [field.Id.ToString()] = c["field"], [choice.Id.ToString()] = c["choice"] },
        });
        var other = await d.ContactAsync(d.Organizer, new { name = c["other"], unitIds = new[] { d.UnitA } });
        Assert.Equal(HttpStatusCode.Created, (await d.Organizer.Api.PostJsonAsync($"{d.Api}/relationships", new { fromContactId = contact.Id, toContactId = other.Id, kind = "Family", notes = c["relnotes"] })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await d.Organizer.Api.PostJsonAsync($"{d.Api}/contacts/{contact.Id}/conversations", new
        {
            channel = "InPerson", notes = c["talk"], nextStep = c["next"], issueIds = new[] { issue.Id }, scaleId = scale.Id, levelId = scale.Levels[0].Id,
            followUpOn = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"),
        })).StatusCode);
        // Read it all back through the API and the pages too, so every read path's logging is covered.
        var seen = await d.Organizer.Api.GetStringAsync($"{d.Api}/contacts/{contact.Id}");
        Assert.Contains(c["phone"], seen, StringComparison.Ordinal);
        var web = await f.SignedInCookieClientAsync(d.Organizer);
        foreach (var page in new[] { "", "/contacts", $"/contacts/{contact.Id}", "/follow-ups", "/leaders", "/lists" })
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync($"/organizations/{d.Org}/organizing{page}")).StatusCode);
        await d.Organizer.Api.GetStringAsync($"{d.Api}/wall-chart?scaleId={scale.Id}");

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
            foreach (var (what, canary) in c)
            {
                if (ascii.Contains(canary, StringComparison.OrdinalIgnoreCase)) hits.Add($"{source}: {what} (ASCII/UTF-8)");
                if (utf16.Contains(canary, StringComparison.OrdinalIgnoreCase) || utf16Shifted.Contains(canary, StringComparison.OrdinalIgnoreCase)) hits.Add($"{source}: {what} (UTF-16)");
            }
        }
        Assert.True(hits.Count == 0, "Plaintext found:\n" + string.Join("\n", hits));
        // The scan can see plaintext: the level name comes back through the app.
        var history = await d.Organizer.Api.GetFromJsonAsync<List<AssessmentView>>($"{d.Api}/contacts/{contact.Id}/assessments", Builders.Json);
        Assert.Equal(c["level"], Assert.Single(history!).Level);
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
