using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Auth;

/// Hostile input at every write operation of the JSON API, with every route value filled in as the matrix fills it (so a
/// poll, a contact, a pledge … really exists): each corrupted request must get a 4xx problem, no stack trace, and leave
/// every table as it was. The plain corpus in Web/BadInputTests covers the platform's own routes with hand-made bodies;
/// this one reaches the routes whose ids name things a capability seeds.
public sealed partial class AuthorizationMatrixTests
{
    sealed record Hostile(string What, string Path, HttpContent? Body);

    [Fact]
    public async Task Every_api_write_refuses_hostile_input_with_a_4xx_problem_and_changes_nothing()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var cast = await Cast.CreateAsync(f);
        var otherCast = await Cast.CreateAsync(f);
        var writes = Routes(f.Services)
            .Where(r => r.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal) && r.Method is "POST" or "PUT" or "PATCH" or "DELETE")
            .Where(r => r.Pattern.Contains("{orgId:int}", StringComparison.Ordinal)) // the platform's own routes: Web/BadInputTests
            .ToList();
        Assert.True(writes.Count >= 40, $"only {writes.Count} organization write routes found");

        // The routes whose handler reads a JSON body; the others ignore whatever is sent, so the body corpus is not theirs.
        var readsBody = f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText)))
            .ToHashSet();
        var failures = new List<string>();
        var controls = 0;
        foreach (var route in writes)
        {
            // A fresh world per route: the control request at the end may change it.
            var w = await World.SeedAsync(f, cast);
            var other = await World.SeedAsync(f, otherCast);
            using var valid = await RequestAsync(f, cast, route, w, cast.Admin);
            var path = valid.RequestUri!.OriginalString;
            var body = valid.Content is null || !readsBody.Contains((route.Method, route.Pattern)) ? null : await valid.Content.ReadAsStringAsync();
            using var foreign = await RequestAsync(f, otherCast, route, other, otherCast.Admin);
            var attempts = HostileCorpus(route, path, body, foreign.RequestUri!.OriginalString, w.Org).ToList();
            var before = await QuietAsync(f);
            foreach (var attempt in attempts)
            {
                using var req = new HttpRequestMessage(new HttpMethod(route.Method), attempt.Path) { Content = attempt.Body };
                using var res = await cast.Admin.Api.SendAsync(req);
                var status = (int)res.StatusCode;
                var text = await res.Content.ReadAsStringAsync();
                var label = $"{route.Method} {route.Pattern} {attempt.What}: {status}";
                if (status is < 400 or >= 500) failures.Add(label + " " + Truncate(text));
                else if (text.Length > 0 && res.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add(label + " not problem+json");
                if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal)) failures.Add(label + " leaks a stack trace");
                var after = await TableCountsAsync(f);
                // Notifications are left out: the poll clock sends them in the background for the polls seeded earlier.
                var changed = before.Where(kv => after[kv.Key] != kv.Value && kv.Key != "Notifications").Select(kv => $"{kv.Key} {kv.Value}->{after[kv.Key]}").ToList();
                if (changed.Count > 0) failures.Add(label + " changed " + string.Join(", ", changed));
                before = after;
            }
            // The control: the request the corpus corrupted must reach its handler, or the corpus proved nothing.
            using var control = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
            using var answer = await cast.Admin.Api.SendAsync(control);
            var adminAllowed = Table[(route.Method, route.Key)][(int)Caller.Admin] == '+';
            if ((int)answer.StatusCode >= 500 || adminAllowed && (int)answer.StatusCode is 404 or 405)
                failures.Add($"{route.Method} {route.Pattern} control request {path}: {(int)answer.StatusCode}");
            else controls++;
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures over {writes.Count} routes:\n" + string.Join("\n", failures));
        Assert.Equal(writes.Count, controls);
    }

    static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "…";

    static IEnumerable<Hostile> HostileCorpus(Route route, string path, string? body, string foreignPath, int org)
    {
        static StringContent Json(string text, string type = "application/json") => new(text, Encoding.UTF8, type);
        HttpContent? Valid() => body is null ? null : Json(body);

        // Every number in the path, one at a time: ids that do not exist, out of range, not numbers.
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length == 0 || !segments[i].All(char.IsAsciiDigit)) continue;
            foreach (var bad in new[] { "-1", "0", "2147483647", "99999999999", "1e3", "abc" })
            {
                var copy = (string[])segments.Clone();
                copy[i] = bad;
                yield return new($"segment {i} = {bad}", string.Join('/', copy), Valid());
            }
        }
        // The same route's ids from another organization, under this organization (segment 4 is {orgId}).
        var foreignSegments = foreignPath.Split('/');
        if (foreignSegments.Length > 5 && foreignSegments.Skip(5).Any(s => s.Length > 0 && s.All(char.IsAsciiDigit)))
        {
            foreignSegments[4] = org.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return new("ids of another organization", string.Join('/', foreignSegments), Valid());
        }
        // A route that takes no body ignores one; the body corpus is for the routes that read it.
        if (body is null) yield break;

        yield return new("malformed JSON", path, Json("{\"name\": "));
        yield return new("a JSON array", path, Json("[1,2,3]"));
        yield return new("a JSON string", path, Json("\"hello\""));
        yield return new("JSON null", path, Json("null"));
        yield return new("wrong content type", path, Json(body, "text/plain"));
        yield return new("2 MB body", path, Json("{\"x\":\"" + new string('a', 2_000_000) + "\"}"));
        yield return new("deeply nested", path, Json(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)));
        if (JsonNode.Parse(body) is not JsonObject valid || valid.Count == 0) yield break;
        yield return new("every property of a wrong type", path, Json(JsonSerializer.Serialize(valid.ToDictionary(p => p.Key, _ => (object)new { nested = true }))));
        foreach (var (name, value) in valid)
        {
            JsonNode wrong = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(12345)!, // a number for a string
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => JsonValue.Create("maybe")!,
                JsonArray => JsonValue.Create("not a list")!,
                JsonObject => JsonValue.Create(17)!,
                _ => JsonValue.Create("not a number")!,
            };
            var copy = valid.DeepClone().AsObject();
            copy[name] = wrong;
            yield return new($"{name} of a wrong type", path, Json(copy.ToJsonString()));
            if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
            {
                var huge = valid.DeepClone().AsObject();
                huge[name] = new string('x', 300_000);
                yield return new($"{name} as a 300,000-character string", path, Json(huge.ToJsonString()));
                var control = valid.DeepClone().AsObject();
                control[name] = "bad\u0000\u0007\uFFFE";
                yield return new($"{name} with control characters", path, Json(control.ToJsonString()));
            }
            // An integer no field can hold; a negative or fractional number may be a legitimate value somewhere (a score),
            // which the capability's own tests judge.
            if (value is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
                foreach (var bad in new[] { "2147483648", "1e308" })
                {
                    var copyN = valid.DeepClone().AsObject();
                    copyN[name] = JsonNode.Parse(bad);
                    yield return new($"{name} = {bad}", path, Json(copyN.ToJsonString()));
                }
        }
    }

    /// Waits (up to 20 s) until the background work that earlier requests started (an import, the poll clock) has
    /// settled — no count moved for a second — so that a change in the counts is the request's.
    static async Task<Dictionary<string, long>> QuietAsync(GroundworkFactory f)
    {
        var last = await TableCountsAsync(f);
        for (int i = 0, still = 0; i < 80 && still < 4; i++)
        {
            await Task.Delay(250);
            var now = await TableCountsAsync(f);
            still = now.All(kv => last[kv.Key] == kv.Value || kv.Key == "Notifications") ? still + 1 : 0;
            last = now;
        }
        return last;
    }

    static Task<Dictionary<string, long>> TableCountsAsync(GroundworkFactory f) => Web.BadInputTests.CountsAsync(f);
}
