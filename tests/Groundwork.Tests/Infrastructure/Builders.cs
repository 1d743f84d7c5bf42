using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Infrastructure;

public sealed record TestUser(string Id, string Email, string Password, string Token, HttpClient Api);

public static partial class Builders
{
    public const string Password = "correct horse battery staple";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// A confirmed account with a write-scoped personal access token, and a client that sends it.
    public static async Task<TestUser> CreateUserAsync(this GroundworkFactory f, string? name = null, bool instanceAdmin = false,
        string? email = null, TokenScope scope = TokenScope.Write)
    {
        await using var s = f.Services.CreateAsyncScope();
        var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        email ??= $"p{Guid.NewGuid():N}@example.test";
        var person = new Person
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? "Person " + email[..8],
            IsInstanceAdmin = instanceAdmin, CreatedUtc = DateTime.UtcNow,
        };
        var r = await users.CreateAsync(person, Password);
        Assert.True(r.Succeeded, string.Join(" ", r.Errors.Select(e => e.Description)));
        var token = await ApiTokens.CreateAsync(db, person, "tests", scope, DateTime.UtcNow, default);
        return new TestUser(person.Id, email, Password, token, f.BearerClient(token));
    }

    public static HttpClient BearerClient(this GroundworkFactory f, string? token)
    {
        var c = f.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    public static HttpClient Anonymous(this GroundworkFactory f) => f.BearerClient(null);

    public static HttpClient CookieClient(this GroundworkFactory f) =>
        f.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<OrganizationView> CreateOrgAsync(this TestUser u, string? name = null, OrganizationKind kind = OrganizationKind.UnionLocal,
        Visibility visibility = Visibility.Public, JoinPolicy join = JoinPolicy.Approval, int? parentId = null, string? area = null)
    {
        var res = await u.Api.PostAsJsonAsync("/api/v1/organizations",
            new OrganizationInput(name ?? "Org " + Guid.NewGuid().ToString("N")[..12], kind, "About us", area ?? "Leeds", visibility, join, parentId), Json);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.Content.ReadFromJsonAsync<OrganizationView>(Json))!;
    }

    /// Puts a person straight into an organization with a role (the seeded-world shortcut; the API paths are tested on their own).
    public static Task<int> AddMemberAsync(this GroundworkFactory f, int orgId, string personId, Role role = Role.Member,
        MembershipStatus status = MembershipStatus.Active, DateTime? joined = null) =>
        f.WithDbAsync(async db =>
        {
            var m = new Membership { OrganizationId = orgId, PersonId = personId, Role = role, Status = status, JoinedUtc = joined ?? DateTime.UtcNow };
            m.Events.Add(new MembershipEvent { Kind = MembershipEventKind.Joined, AtUtc = m.JoinedUtc, Role = role });
            db.Memberships.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage res) => (await res.Content.ReadFromJsonAsync<T>(Json))!;

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient c, string url, T body) => c.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient c, string url, T body) => c.PutAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient c, string url, T body) => c.PatchAsJsonAsync(url, body, Json);

    /// The hidden inputs of the form named by Blazor's _handler (antiforgery token included).
    public static Dictionary<string, string> HiddenInputs(string html, string? handler = null)
    {
        var fields = new Dictionary<string, string>();
        var forms = FormRegex().Matches(html).Select(m => m.Value);
        var form = handler is null ? forms.FirstOrDefault() : forms.FirstOrDefault(f => f.Contains($"value=\"{handler}\"", StringComparison.Ordinal));
        foreach (Match m in InputRegex().Matches(form ?? html))
        {
            var tag = m.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.Ordinal)) continue;
            var name = AttrRegex("name").Match(tag);
            var value = AttrRegex("value").Match(tag);
            if (name.Success) fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(value.Success ? value.Groups[1].Value : "");
        }
        return fields;
    }

    static Regex AttrRegex(string attr) => new($"\\b{attr}=\"([^\"]*)\"");

    [GeneratedRegex("<form[\\s\\S]*?</form>")]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputRegex();

    /// GET the page, then POST its form with the given fields and the form's hidden inputs.
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient c, string url, string handler, Dictionary<string, string> fields)
    {
        var page = await c.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"GET {url}: {(int)page.StatusCode}");
        var all = HiddenInputs(html, handler);
        foreach (var (k, v) in fields) all[k] = v;
        return await c.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static Task<HttpResponseMessage> SignInWithFormAsync(this HttpClient c, string email, string password) =>
        c.PostFormAsync("/Account/Login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    public static async Task<HttpClient> SignedInCookieClientAsync(this GroundworkFactory f, TestUser u)
    {
        var c = f.CookieClient();
        var res = await c.SignInWithFormAsync(u.Email, u.Password);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return c;
    }
}
