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
        var c = new Dictionary<string, string>
        {
            ["name"] = Canary.New("name"), ["role"] = Canary.New("role"), ["employer"] = Canary.New("employer"), ["languages"] = Canary.New("lang"),
            ["notes"] = Canary.New("notes"), ["field"] = Canary.New("fieldvalue"), ["fieldname"] = Canary.New("fieldname"), ["reason"] = Canary.New("reason"),
            ["phone"] = Canary.New("phone"), ["email"] = Canary.New("mail").ToLowerInvariant() + "@example.test", ["tag"] = Canary.New("tag"),
            ["relnotes"] = Canary.New("relnotes"), ["talk"] = Canary.New("talk"), ["next"] = Canary.New("next"), ["issue"] = Canary.New("issue"),
            ["scale"] = Canary.New("scale"), ["level"] = Canary.New("level"), ["other"] = Canary.New("othername"), ["choice"] = Canary.New("choice"),
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

        await Canary.AssertAbsentAsync(f, c);
        // The scan can see plaintext: the level name comes back through the app.
        var history = await d.Organizer.Api.GetFromJsonAsync<List<AssessmentView>>($"{d.Api}/contacts/{contact.Id}/assessments", Builders.Json);
        Assert.Equal(c["level"], Assert.Single(history!).Level);
    }
}
