using System.Net;
using System.Text;
using Groundwork.Tests.Infrastructure;
using Groundwork.Web;

namespace Groundwork.Tests.Web;

public sealed class TextInputTests
{
    [Theory]
    [InlineData("Ana María O'Neill")]
    [InlineData("Line one\r\nline two\tand a tab")]
    [InlineData("عمال الفنادق")]
    [InlineData("酒店工人 👩🏽‍🍳 ✊")]
    [InlineData("Zoë, naïve café (e\u0301)")]
    public void Text_in_any_script_with_line_breaks_is_accepted(string text) => Assert.True(TextInput.IsAcceptable(text));

    [Theory]
    [InlineData("nul\u0000")]
    [InlineData("bell\u0007")]
    [InlineData("escape\u001B[31m")]
    [InlineData("delete\u007F")]
    [InlineData("c1\u0085")]
    [InlineData("nonchar\uFFFE")]
    public void Control_characters_and_noncharacters_are_refused(string text) => Assert.False(TextInput.IsAcceptable(text));

    // Not as InlineData: the test runner's own serialization would mend a lone surrogate into U+FFFD.
    [Fact]
    public void Lone_surrogates_are_refused()
    {
        Assert.False(TextInput.IsAcceptable(new string(['a', '\uD83D'])));
        Assert.False(TextInput.IsAcceptable(new string(['\uDC00', 'a'])));
        Assert.False(TextInput.IsAcceptable(new string(['\uD83D', '\uD83D', '\uDE00'])));
        Assert.True(TextInput.IsAcceptable(new string(['\uD83D', '\uDE00'])));
    }

    [Fact]
    public async Task A_json_body_a_form_and_a_query_with_a_control_character_get_a_400_problem_and_change_nothing()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var admin = await f.CreateUserAsync("Admin");
        var org = await admin.CreateOrgAsync();
        async Task<int> Units() => await f.WithDbAsync(db => Task.FromResult(db.Units.Count()));
        var before = await Units();

        using var json = await admin.Api.PostAsync($"/api/v1/organizations/{org.Id}/units",
            new StringContent("{\"name\":\"Floor\\u0000 two\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("control characters", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var surrogate = await admin.Api.PostAsync($"/api/v1/organizations/{org.Id}/units",
            new StringContent("{\"name\":\"Floor \\ud800 two\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
        using var inKey = await admin.Api.PostAsync($"/api/v1/organizations/{org.Id}/units",
            new StringContent("{\"name\":\"Floor three\",\"x\\u0000\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, inKey.StatusCode);

        using var query = await admin.Api.GetAsync($"/api/v1/organizations?q=%07bell");
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);

        using var form = await f.Anonymous().PostAsync("/language", new FormUrlEncodedContent([new("culture", "es\u0000"), new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);

        Assert.Equal(before, await Units());
        using var fine = await admin.Api.PostAsync($"/api/v1/organizations/{org.Id}/units",
            new StringContent("{\"name\":\"Planta 2 — cocina\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
    }

    [Fact]
    public async Task A_form_pasted_with_a_control_character_is_refused_in_the_readers_language()
    {
        using var f = await new GroundworkFactory().StartAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/language")
        {
            Content = new FormUrlEncodedContent([new("culture", "es"), new("returnUrl", "/\u000B")]),
        };
        post.Headers.AcceptLanguage.ParseAdd("es");
        using var refused = await f.Anonymous().SendAsync(post);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("El texto no puede contener caracteres de control", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
