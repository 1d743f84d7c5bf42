using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Groundwork.Organizing;
using Groundwork.Organizing.Import;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Structure;

public sealed class ImportExportTests
{
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient api, StructureWorld w, byte[] bytes, string? encoding = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "contacts.csv");
        if (encoding is not null) form.Add(new StringContent(encoding), "encoding");
        return await api.PostAsync(w.Api("/contact-imports"), form);
    }

    static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    static object Columns(params (string Header, string Target, string? Kind)[] cols) =>
        cols.Select(c => new { header = c.Header, target = c.Target, unitKind = c.Kind }).ToArray();

    public static async Task<ImportView> RunAsync(GroundworkFactory f, StructureWorld w, int job, object settings)
    {
        var start = await w.Admin.Api.PostJsonAsync(w.Api($"/contact-imports/{job}/start"), settings);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await f.Services.GetRequiredService<ImportRunner>().RunPendingAsync(default);
        ImportView v;
        var until = DateTime.UtcNow.AddSeconds(30);
        do v = await (await w.Admin.Api.GetAsync(w.Api($"/contact-imports/{job}"))).ReadAsync<ImportView>();
        while (v.Status is ImportStatus.Queued or ImportStatus.Running && DateTime.UtcNow < until && await Task.Delay(100).ContinueWith(_ => true));
        return v;
    }

    [Fact]
    public async Task Spanish_headers_are_mapped_a_preview_shows_row_errors_and_a_file_with_errors_writes_nothing()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var csv = "Nombre;Teléfono;Correo;Departamento;Turno;Etiquetas\nAna;+34 600 111 222;ana@example.test;Kitchen;Noche;líder\nBo;123;bo-at-example;Kitchen;;\n;;;Kitchen;;\n";
        var up = await UploadAsync(w.Admin.Api, w, Utf8(csv));
        Assert.Equal(HttpStatusCode.Created, up.StatusCode);
        var job = await up.ReadAsync<ImportView>();
        Assert.Equal(3, job.TotalRows);
        var suggested = job.SuggestedColumns.ToDictionary(c => c.Header, c => (c.Target, c.UnitKind));
        Assert.Equal((ImportTarget.Name, null), suggested["Nombre"]);
        Assert.Equal((ImportTarget.Phone, null), suggested["Teléfono"]);
        Assert.Equal((ImportTarget.Email, null), suggested["Correo"]);
        Assert.Equal((ImportTarget.Unit, Groundwork.Organizations.UnitKind.Department), suggested["Departamento"]);
        Assert.Equal((ImportTarget.Unit, Groundwork.Organizations.UnitKind.Shift), suggested["Turno"]);
        Assert.Equal((ImportTarget.Tags, null), suggested["Etiquetas"]);

        var settings = new { columns = job.SuggestedColumns, duplicates = "Skip", createUnits = false };
        var preview = await (await w.Admin.Api.PostJsonAsync(w.Api($"/contact-imports/{job.Id}/preview"), settings)).ReadAsync<ImportPreview>();
        Assert.Contains(preview.Errors, e => e.Row == 2 && e.Message.Contains("unit", StringComparison.Ordinal)); // "Noche" does not exist
        Assert.Contains(preview.Errors, e => e.Row == 3 && e.Message.Contains("phone", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Row == 3 && e.Message.Contains("email", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Row == 4 && e.Message.Contains("name", StringComparison.Ordinal));
        var start = await w.Admin.Api.PostJsonAsync(w.Api($"/contact-imports/{job.Id}/start"), settings);
        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Contains("Row 2", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await f.WithDbAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task An_import_creates_contacts_with_channels_units_and_tags_and_handles_duplicates_as_chosen()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var csv = "Name,Email,Phone,Department,Shift,Tags\nAna,ana@example.test,+34 600 111 222,Kitchen,Night,leader; spanish\nBo,bo@example.test,,Floor,,\n";
        var job = await (await UploadAsync(w.Admin.Api, w, Utf8(csv))).ReadAsync<ImportView>();
        var v = await RunAsync(f, w, job.Id, new { columns = job.SuggestedColumns, duplicates = "Skip", createUnits = true });
        Assert.Equal((ImportStatus.Done, 2, 0, 0, 1), (v.Status, v.Created, v.Merged, v.Skipped, v.UnitsCreated));
        // Names are encrypted with a random nonce: they are compared after reading, never in SQL.
        var ana = (await f.WithDbAsync(db => db.Contacts.Include(c => c.Channels).Include(c => c.Units).Include(c => c.Tags).ToListAsync())).Single(c => c.Name == "Ana");
        Assert.Equal(2, ana.Channels.Count);
        Assert.Equal(2, ana.Units.Count);
        Assert.Equal(2, ana.Tags.Count);
        Assert.NotNull(ana.NameLookup);

        // Again: Ana by email (skip), Bo by name in the same unit (merge), Cy new; "create anyway" makes a second Ana.
        var again = "Name,Email,Department,Notes\nAna,ANA@example.test,Kitchen,\nBo,,Floor,met at the gate\nCy,cy@example.test,Floor,\n";
        var j2 = await (await UploadAsync(w.Admin.Api, w, Utf8(again))).ReadAsync<ImportView>();
        var p = await (await w.Admin.Api.PostJsonAsync(w.Api($"/contact-imports/{j2.Id}/preview"), new { columns = j2.SuggestedColumns, duplicates = "Merge" })).ReadAsync<ImportPreview>();
        Assert.Equal(2, p.Duplicates);
        Assert.NotNull(p.Rows[0].Duplicate);
        v = await RunAsync(f, w, j2.Id, new { columns = j2.SuggestedColumns, duplicates = "Merge" });
        Assert.Equal((2, 1, 0), (v.Merged, v.Created, v.Skipped));
        Assert.Equal("met at the gate", (await f.WithDbAsync(db => db.Contacts.ToListAsync())).Single(c => c.Name == "Bo").Notes);
        Assert.Equal(3, await f.WithDbAsync(db => db.Contacts.CountAsync()));
        var j3 = await (await UploadAsync(w.Admin.Api, w, Utf8("Name,Email\nAna,ana@example.test\n"))).ReadAsync<ImportView>();
        v = await RunAsync(f, w, j3.Id, new { columns = j3.SuggestedColumns, duplicates = "Create" });
        Assert.Equal(1, v.Created);
        Assert.Equal(2, (await f.WithDbAsync(db => db.Contacts.ToListAsync())).Count(c => c.Name == "Ana"));
        var j4 = await (await UploadAsync(w.Admin.Api, w, Utf8("Name,Email\nAna,ana@example.test\n"))).ReadAsync<ImportView>();
        v = await RunAsync(f, w, j4.Id, new { columns = j4.SuggestedColumns, duplicates = "Skip" });
        Assert.Equal((0, 1), (v.Created, v.Skipped));
        // A job runs once.
        Assert.Equal(HttpStatusCode.Conflict, (await w.Admin.Api.PostJsonAsync(w.Api($"/contact-imports/{j4.Id}/start"), new { columns = j4.SuggestedColumns })).StatusCode);
    }

    [Theory]
    [InlineData("stray quotes", "Name,Email\nAn\"a,a@example.test\n", "quote")]
    [InlineData("unclosed quote", "Name,Email\n\"Ana,a@example.test\nBo,b@example.test\n", "quote")]
    [InlineData("ragged rows", "Name,Email\nAna,a@example.test,extra\nBo\n", "fields")]
    [InlineData("formula injection", "Name,Email\n=1+2,a@example.test\n@SUM(A1),b@example.test\n", "formula")]
    [InlineData("header only", "Name,Email\n", "no rows")]
    public async Task Hostile_files_get_a_clear_message_and_change_nothing(string what, string csv, string expected)
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var up = await UploadAsync(w.Admin.Api, w, Utf8(csv));
        string body;
        if (up.StatusCode == HttpStatusCode.Created)
        {
            var job = await up.ReadAsync<ImportView>();
            var start = await w.Admin.Api.PostJsonAsync(w.Api($"/contact-imports/{job.Id}/start"), new { columns = job.SuggestedColumns });
            Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
            body = await start.Content.ReadAsStringAsync();
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, up.StatusCode);
            body = await up.Content.ReadAsStringAsync();
        }
        Assert.Contains(expected, body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await f.WithDbAsync(db => db.Contacts.CountAsync()));
        _ = what;
    }

    [Fact]
    public async Task Encodings_are_detected_or_refused_and_wide_or_huge_files_are_refused()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var api = w.Admin.Api;
        var text = "Nombre,Teléfono\nJosé Núñez,600111222\n";
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(api, w, [.. Encoding.UTF8.GetPreamble(), .. Utf8(text)])).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(api, w, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)])).StatusCode);
        var latin = Encoding.Latin1.GetBytes(text);
        var refused = await UploadAsync(api, w, latin);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not UTF-8", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var asked = await UploadAsync(api, w, latin, "windows-1252");
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        Assert.Contains("Teléfono", (await asked.ReadAsync<ImportView>()).Headers);
        var wide = string.Join(",", Enumerable.Range(1, 200).Select(i => "c" + i)) + "\n" + string.Join(",", Enumerable.Range(1, 200).Select(i => "v")) + "\n";
        var w200 = await UploadAsync(api, w, Utf8(wide));
        Assert.Equal(HttpStatusCode.BadRequest, w200.StatusCode);
        Assert.Contains("200 columns", await w200.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var big = new byte[50 * 1024 * 1024];
        Array.Fill(big, (byte)'a');
        var huge = await UploadAsync(api, w, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(3, await f.WithDbAsync(db => db.ImportJobs.CountAsync()));
        Assert.Equal(0, await f.WithDbAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task Organizers_cannot_import_or_export_and_strangers_see_nothing()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(w.KitchenOrganizer.Api, w, Utf8("Name\nAna\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(w.Stranger.Api, w, Utf8("Name\nAna\n"))).StatusCode);
        await w.KitchenOrganizer.Api.PostJsonAsync("/api/v1/me/reauthenticate", new { password = w.KitchenOrganizer.Password });
        Assert.Equal(HttpStatusCode.Forbidden, (await w.KitchenOrganizer.Api.GetAsync(w.Api("/contact-export"))).StatusCode);
        var job = await (await UploadAsync(w.Admin.Api, w, Utf8("Name\nAna\n"))).ReadAsync<ImportView>();
        Assert.Equal(HttpStatusCode.Forbidden, (await w.KitchenOrganizer.Api.GetAsync(w.Api($"/contact-imports/{job.Id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Stranger.Api.GetAsync(w.Api($"/contact-imports/{job.Id}"))).StatusCode);
    }

    [Fact]
    public async Task Export_needs_a_recent_password_confirmation_of_this_token_is_audited_and_escapes_formulas()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        using var f = await new GroundworkFactory { Clock = clock }.StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var c = await w.ContactAsync("=cmd|' /C calc'!A0", units: [w.Kitchen]);
        await f.WithDbAsync(async db =>
        {
            db.ContactChannels.Add(new ContactChannel { ContactId = c, OrganizationId = w.Org, Kind = ChannelKind.Phone, Value = "+34 600 111 222" });
            await db.SaveChangesAsync();
        });
        var api = w.Admin.Api;
        var refused = await api.GetAsync(w.Api("/contact-export"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Confirm your password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostJsonAsync("/api/v1/me/reauthenticate", new { password = "wrong password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(w.Api("/contact-export"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostJsonAsync("/api/v1/me/reauthenticate", new { password = w.Admin.Password })).StatusCode);

        // Another token of the same person does not inherit the confirmation.
        var other = f.BearerClient(await f.WithDbAsync(async db =>
            await Groundwork.Auth.ApiTokens.CreateAsync(db, (await db.Users.FindAsync(w.Admin.Id))!, "second", Groundwork.Auth.TokenScope.Write, DateTime.UtcNow, default)));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(w.Api("/contact-export"))).StatusCode);

        var res = await api.GetAsync(w.Api("/contact-export"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("text/csv", res.Content.Headers.ContentType?.MediaType);
        var csv = await res.Content.ReadAsStringAsync();
        Assert.Contains("'=cmd", csv, StringComparison.Ordinal);
        Assert.Contains("'+34 600 111 222", csv, StringComparison.Ordinal);
        Assert.Contains("Kitchen", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Org.ToString() + "/contact-export?", res.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await f.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Action == ContactExport.AuditAction && a.OrganizationId == w.Org && a.ActorId == w.Admin.Id)));

        clock.Now = clock.Now.AddMinutes(6);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(w.Api("/contact-export"))).StatusCode);
    }
}
