using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Groundwork.Organizing.Import;
using Groundwork.Organizing.Structure;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Structure;

/// The pages work as plain HTML forms, without JavaScript.
public sealed class StructurePageTests
{
    [Fact]
    public async Task A_contact_signs_on_the_page_of_their_link_and_a_replay_changes_nothing()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var t = await (await w.Admin.Api.PostJsonAsync(w.Api("/structure-tests"), new { kind = "Petition", title = "Fix the heating", date = "2026-12-10", thresholdPercent = 60, statement = "We ask for heating." })).ReadAsync<StructureTestView>();
        var ana = await w.ContactAsync("Ana", units: [w.Kitchen]);
        var link = await (await w.Admin.Api.PostJsonAsync(w.Api($"/structure-tests/{t.Id}/signing-links"), new { contactId = ana })).ReadAsync<SigningLinkCreated>();
        var browser = f.CookieClient();
        var url = "/sign/" + link.Token;
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("We ask for heating.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore, "the page of a secret link is not cached");

        var noConsent = await browser.PostFormAsync(url, "sign", new() { ["Input.Name"] = "Ana Real" });
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await noConsent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var signed = await browser.PostFormAsync(url, "sign", new() { ["Input.Name"] = "Ana Real", ["Input.Consent"] = "true" });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(1, await f.WithDbAsync(db => db.Signatures.CountAsync()));
        var html = await (await browser.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("revoke", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await f.CookieClient().GetAsync("/sign/gws_" + new string('x', 43))).StatusCode);
    }

    [Fact]
    public async Task An_admin_imports_through_the_page_with_a_file_upload_and_sees_the_result()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var browser = await f.SignedInCookieClientAsync(w.Admin);
        var url = $"/organizations/{w.Org}/organizing/import";
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var hidden = Builders.HiddenInputs(await page.Content.ReadAsStringAsync(), "upload");
        using var form = new MultipartFormDataContent();
        foreach (var (k, v) in hidden) form.Add(new StringContent(v), k);
        form.Add(new StringContent("auto"), "Encoding");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Nombre,Correo,Departamento\nAna,ana@example.test,Kitchen\nBo,bo@example.test,Floor\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "File", "c.csv");
        var up = await browser.PostAsync(url, form);
        Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        var jobUrl = up.Headers.Location!.OriginalString;
        var jobPage = await (await browser.GetAsync(jobUrl)).Content.ReadAsStringAsync();
        Assert.Contains("Input.Targets[0]", jobPage, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["Input.Headers[0]"] = "Nombre", ["Input.Targets[0]"] = "Name", ["Input.Headers[1]"] = "Correo", ["Input.Targets[1]"] = "Email",
            ["Input.Headers[2]"] = "Departamento", ["Input.Targets[2]"] = "Unit:Department", ["Input.Duplicates"] = "Skip", ["Input.Action"] = "start",
        };
        var start = await browser.PostFormAsync(jobUrl, "settings", fields);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var running = await (await browser.GetAsync(jobUrl)).Content.ReadAsStringAsync();
        Assert.True(running.Contains("<progress", StringComparison.Ordinal) || running.Contains("Done.", StringComparison.Ordinal), running);
        await f.Services.GetRequiredService<ImportRunner>().RunPendingAsync(default);
        var done = await (await browser.GetAsync(jobUrl)).Content.ReadAsStringAsync();
        Assert.Contains("Done.", done, StringComparison.Ordinal);
        Assert.Equal(2, await f.WithDbAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task The_export_page_asks_for_the_password_and_then_this_browser_may_download()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        await w.ContactAsync("Ana", units: [w.Kitchen]);
        var browser = await f.SignedInCookieClientAsync(w.Admin);
        var url = $"/organizations/{w.Org}/organizing/export";
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(w.Api("/contact-export"))).StatusCode);
        var wrong = await browser.PostFormAsync(url, "reauth", new() { ["Input.Password"] = "not it" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var ok = await browser.PostFormAsync(url, "reauth", new() { ["Input.Password"] = w.Admin.Password });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("contact-export", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csv = await browser.GetAsync(w.Api("/contact-export"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Ana", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another browser of the same person has not confirmed anything.
        var other = await f.SignedInCookieClientAsync(w.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(w.Api("/contact-export"))).StatusCode);
    }
}
