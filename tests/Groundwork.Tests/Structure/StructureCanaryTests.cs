using System.Diagnostics;
using System.Net;
using System.Text;
using Groundwork.Organizing.Import;
using Groundwork.Organizing.Structure;
using Groundwork.Tests.Infrastructure;
using Npgsql;

namespace Groundwork.Tests.Structure;

/// The platform's canary scan (see Data/CanaryTests.cs) extended to this capability: imported contact fields, signature
/// names, test titles and statements planted with unique strings must appear in clear nowhere in the database files,
/// a dump or the logs.
public sealed class StructureCanaryTests
{
    [Fact]
    public async Task Imported_contacts_signatures_and_tests_leave_no_plaintext_in_the_database_or_the_logs()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var name = Canary.New("name");
        var email = Canary.New("mail").ToLowerInvariant() + "@example.test";
        var phone = "+34 6" + System.Security.Cryptography.RandomNumberGenerator.GetInt32(10_000_000, 99_999_999);
        var role = Canary.New("role");
        var employer = Canary.New("employer");
        var notes = Canary.New("notes");
        var tag = Canary.New("tag");
        var languages = Canary.New("lang");
        var signer = Canary.New("signer");
        var title = Canary.New("title");
        var statement = Canary.New("statement");

        var csv = $"Name,Email,Phone,Role,Employer,Notes,Tags,Languages,Department\n{name},{email},{phone},{role},{employer},{notes},{tag},{languages},Kitchen\n";
        var job = await (await ImportExportTests.UploadAsync(w.Admin.Api, w, Encoding.UTF8.GetBytes(csv))).ReadAsync<ImportView>();
        var done = await ImportExportTests.RunAsync(f, w, job.Id, new { columns = job.SuggestedColumns, duplicates = "Skip" });
        Assert.Equal((ImportStatus.Done, 1), (done.Status, done.Created));

        var t = await (await w.Admin.Api.PostJsonAsync(w.Api("/structure-tests"), new { kind = "Petition", title, date = "2026-12-10", thresholdPercent = 50, statement })).ReadAsync<StructureTestView>();
        var contactId = await f.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Contacts.Select(c => c.Id)));
        var link = await (await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/signing-links"), new { contactId })).ReadAsync<SigningLinkCreated>();
        Assert.Equal(HttpStatusCode.OK, (await f.Anonymous().PostJsonAsync("/api/v1/signing/sign", new { token = link.Token, name = signer, consent = true })).StatusCode);
        await w.Admin.Api.PostJsonAsync("/api/v1/me/reauthenticate", new { password = w.Admin.Password });
        var export = await w.Admin.Api.GetStringAsync(w.Api("/contact-export"));
        Assert.Contains(name, export, StringComparison.Ordinal); // the scan below could see them in clear

        string[] canaries = [name, email, phone, role, employer, notes, tag, languages, signer, title, statement];
        var sources = await Canary.AssertAbsentAsync(f, canaries);
        var logs = f.Logs.Lines.ToList();
        // The signing token is a secret too: it is never written to the database, and the app's own logs never carry it.
        Assert.DoesNotContain(logs, l => l.Contains(link.Token, StringComparison.Ordinal) && !l.Contains("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && !l.Contains("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
        foreach (var (source, bytes) in sources.Where(s => s.Key != "logs"))
            Assert.DoesNotContain(link.Token, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }
}
