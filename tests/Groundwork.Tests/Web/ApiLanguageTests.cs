using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Web;

/// The API answers in the reader's language with the words the pages use: a field's message comes from the input
/// record's validation attribute (the same a form shows next to the field) and a failure's title from the operation.
public sealed class ApiLanguageTests
{
    [Fact]
    public async Task A_validation_problem_and_a_failure_are_in_the_readers_language_and_the_same_words_as_the_page()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var admin = await f.CreateUserAsync("Admin");
        var org = await admin.CreateOrgAsync();

        async Task<JsonElement> PostUnitAsync(string name, string language, HttpStatusCode expected)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organizations/{org.Id}/units") { Content = JsonContent.Create(new { name }) };
            post.Headers.AcceptLanguage.ParseAdd(language);
            using var r = await admin.Api.SendAsync(post);
            Assert.Equal(expected, r.StatusCode);
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }

        var tooLong = new string('x', 201);
        var english = await PostUnitAsync(tooLong, "en", HttpStatusCode.BadRequest);
        Assert.Equal("Give the unit a name of up to 200 characters.", english.GetProperty("errors").GetProperty("Name")[0].GetString());
        var spanish = await PostUnitAsync(tooLong, "es", HttpStatusCode.BadRequest);
        Assert.Equal("Dale a la unidad un nombre de hasta 200 caracteres.", spanish.GetProperty("errors").GetProperty("Name")[0].GetString());
        Assert.Equal("Some fields need correcting.", english.GetProperty("title").GetString());
        Assert.Equal("Hay campos que corregir.", spanish.GetProperty("title").GetString());

        await PostUnitAsync("Kitchen", "es", HttpStatusCode.Created);
        var twice = await PostUnitAsync("Kitchen", "es", HttpStatusCode.Conflict);
        Assert.Equal("Ya existe una unidad con este nombre.", twice.GetProperty("title").GetString());
        Assert.Equal(1, await f.WithDbAsync(db => Task.FromResult(db.Units.Count(u => u.OrganizationId == org.Id))));
    }
}
