using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.Tests.Auth;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Web;

/// A corpus of bad requests sent at every write operation of the OpenAPI document: each must get a 4xx problem and
/// leave every table as it was.
public sealed class BadInputTests
{
    sealed record Attempt(string What, string Method, string Path, HttpContent? Body);

    [Fact]
    public async Task Every_write_operation_refuses_bad_input_with_a_4xx_problem_and_changes_nothing()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var cast = await Cast.CreateAsync(f);
        var w = await World.SeedAsync(f, cast);
        var other = await World.SeedAsync(f, await Cast.CreateAsync(f)); // other people's federation: its ids are "another organization's ids"
        var doc = JsonNode.Parse(await f.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var operations = new List<(string Method, string Path, string Id, bool HasBody, JsonObject? Schema)>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject())
            {
                if (method is "get" or "head" or "parameters") continue;
                var schema = op!["requestBody"]?["content"]?["application/json"]?["schema"];
                operations.Add((method.ToUpperInvariant(), path, op["operationId"]!.GetValue<string>(), op["requestBody"] is not null, Resolve(doc, schema)));
            }
        Assert.True(operations.Count >= 20, $"only {operations.Count} write operations in the OpenAPI document");

        var failures = new List<string>();
        foreach (var op in operations)
        {
            var caller = op.Id == "DisablePerson" ? cast.InstanceAdmin : cast.Admin;
            foreach (var attempt in Corpus(op, w, other))
            {
                var before = await CountsAsync(f);
                using var req = new HttpRequestMessage(new HttpMethod(attempt.Method), attempt.Path) { Content = attempt.Body };
                using var res = await caller.Api.SendAsync(req);
                var status = (int)res.StatusCode;
                var body = await res.Content.ReadAsStringAsync();
                var label = $"{op.Id} {attempt.What}: {status}";
                if (status is < 400 or >= 500) failures.Add(label);
                else if (body.Length > 0 && res.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add(label + " not problem+json");
                if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal)) failures.Add(label + " leaks a stack trace");
                var after = await CountsAsync(f);
                var changed = before.Where(kv => after[kv.Key] != kv.Value).Select(kv => $"{kv.Key} {kv.Value}->{after[kv.Key]}").ToList();
                if (changed.Count > 0) failures.Add(label + " changed " + string.Join(", ", changed));
            }
            // Without credentials nothing is written either.
            var anon = await f.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(op.Method), Fill(op.Path, w)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
            if ((int)anon.StatusCode is >= 200 and < 300 or >= 500 && op.Id is not ("SetLanguage")) failures.Add($"{op.Id} anonymous: {(int)anon.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    static JsonObject? Resolve(JsonNode doc, JsonNode? schema)
    {
        if (schema?["$ref"]?.GetValue<string>() is { } r)
            return doc["components"]!["schemas"]![r.Split('/').Last()]!.AsObject();
        return schema as JsonObject;
    }

    static string Fill(string path, World w, string? org = null, string? id = null) => path
        .Replace("{orgId}", org ?? w.Org.ToString(), StringComparison.Ordinal)
        .Replace("{membershipId}", id ?? w.TargetM.ToString(), StringComparison.Ordinal)
        .Replace("{invitationId}", id ?? w.Invitation.ToString(), StringComparison.Ordinal)
        .Replace("{requestId}", id ?? (path.Contains("affiliations", StringComparison.Ordinal) ? w.Affiliation : w.Transfer).ToString(), StringComparison.Ordinal)
        .Replace("{tokenId}", id ?? "1", StringComparison.Ordinal)
        .Replace("{personId}", id ?? "nobody-with-this-id", StringComparison.Ordinal);

    static StringContent Json(string text, string type = "application/json") => new(text, Encoding.UTF8, type);

    /// A valid body for the operation, to pair with bad ids.
    static string ValidBody(string id, World w) => id switch
    {
        "CreateOrganization" => $$"""{"name":"Fresh {{Guid.NewGuid():N}}","kind":"StudyGroup"}""",
        "UpdateOrganization" => """{"description":"x"}""",
        "ChangeMemberRole" => """{"role":"Organizer"}""",
        "PlaceMember" => $$"""{"unitIds":[{{w.Unit}}]}""",
        "DecideMembership" or "DecideAffiliation" or "DecideTransfer" => """{"accept":true}""",
        "CreateInvitation" => """{"expiresInDays":7,"maxUses":2}""",
        "CreateUnit" => $$"""{"name":"Unit {{Guid.NewGuid():N}}"}""",
        "AcceptInvitation" => $$"""{"token":"{{w.InvitationToken}}"}""",
        "RequestAffiliation" => $$"""{"childId":{{w.Free}}}""",
        "RequestTransfer" => $$"""{"toOrganizationId":{{w.Sibling}},"shareHistory":true}""",
        "CreateToken" => """{"name":"t","scope":"Read"}""",
        _ => "{}",
    };

    static IEnumerable<Attempt> Corpus((string Method, string Path, string Id, bool HasBody, JsonObject? Schema) op, World w, World other)
    {
        var path = Fill(op.Path, w);
        if (op.HasBody)
        {
            yield return new("malformed JSON", op.Method, path, Json("{\"name\": "));
            yield return new("a JSON array", op.Method, path, Json("[1,2,3]"));
            yield return new("a JSON string", op.Method, path, Json("\"hello\""));
            yield return new("empty body", op.Method, path, Json(""));
            yield return new("no body", op.Method, path, null);
            yield return new("wrong content type", op.Method, path, Json(ValidBody(op.Id, w), "text/plain"));
            yield return new("form content", op.Method, path, new FormUrlEncodedContent([new("name", "x")]));
            yield return new("2 MB body", op.Method, path, Json("{\"name\":\"" + new string('a', 2_000_000) + "\"}"));
            yield return new("deeply nested", op.Method, path, Json(string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100)));
            var props = op.Schema?["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
            if (props.Count > 0)
            {
                // Every property of the wrong type.
                yield return new("wrong types", op.Method, path, Json(JsonSerializer.Serialize(props.ToDictionary(p => p, _ => (object)new { nested = true }))));
                var valid = JsonNode.Parse(ValidBody(op.Id, w))!.AsObject();
                foreach (var p in props)
                {
                    var wrong = valid.DeepClone().AsObject();
                    var t = op.Schema!["properties"]![p]!["type"]?.ToJsonString() ?? "";
                    wrong[p] = t.Contains("string", StringComparison.Ordinal) && !t.Contains("integer", StringComparison.Ordinal) ? 12345 : "not a number";
                    if (t.Contains("boolean", StringComparison.Ordinal)) wrong[p] = "yes";
                    if (t.Contains("array", StringComparison.Ordinal)) wrong[p] = "[1]";
                    yield return new($"{p} of a wrong type", op.Method, path, Json(wrong.ToJsonString()));
                    var huge = valid.DeepClone().AsObject();
                    huge[p] = new string('x', 200_000);
                    yield return new($"{p} as a huge string", op.Method, path, Json(huge.ToJsonString()));
                }
            }
            foreach (var (what, body) in BodyIds(op.Id, w, other))
                yield return new(what, op.Method, path, Json(body));
        }
        var body2 = op.HasBody ? ValidBody(op.Id, w) : null;
        foreach (var bad in new[] { "-1", "0", "2147483647", "99999999999", "abc" })
        {
            if (op.Path.Contains("{orgId}", StringComparison.Ordinal))
                yield return new($"orgId {bad}", op.Method, Fill(op.Path, w, org: bad), body2 is null ? null : Json(body2));
            var idParam = new[] { "{membershipId}", "{invitationId}", "{requestId}", "{tokenId}", "{personId}" }.FirstOrDefault(p => op.Path.Contains(p, StringComparison.Ordinal));
            if (idParam is not null)
                yield return new($"{idParam} {bad}", op.Method, Fill(op.Path, w, id: bad), body2 is null ? null : Json(body2));
        }
        // Another organization's ids: its organization, or this organization with ids that belong to the other one.
        if (op.Path.Contains("{orgId}", StringComparison.Ordinal) && op.Id != "JoinOrganization")
        {
            yield return new("another organization", op.Method, Fill(op.Path, w, org: other.Org.ToString()), body2 is null ? null : Json(body2));
            var foreign = op.Path.Contains("{membershipId}", StringComparison.Ordinal) ? other.TargetM
                : op.Path.Contains("{invitationId}", StringComparison.Ordinal) ? other.Invitation
                : op.Path.Contains("{requestId}", StringComparison.Ordinal) ? (op.Path.Contains("affiliations", StringComparison.Ordinal) ? other.Affiliation : other.Transfer)
                : (int?)null;
            if (foreign is { } id)
                yield return new("an id of another organization", op.Method, Fill(op.Path, w, id: id.ToString()), body2 is null ? null : Json(body2));
        }
    }

    static IEnumerable<(string, string)> BodyIds(string id, World w, World other)
    {
        switch (id)
        {
            case "CreateOrganization":
                yield return ("duplicate name", $$"""{"name":"Sibling {{w.Suffix}}","kind":"StudyGroup"}""");
                yield return ("unknown parent", """{"name":"Orphan chapter","kind":"StudyGroup","parentId":2147483647}""");
                yield return ("a parent I do not run", $$"""{"name":"Squatter chapter","kind":"StudyGroup","parentId":{{other.Org}}}""");
                yield return ("unknown kind", """{"name":"Odd","kind":"Cult"}""");
                yield return ("kind as a number out of range", """{"name":"Odd two","kind":999}""");
                break;
            case "UpdateOrganization":
                yield return ("duplicate name", $$"""{"name":"Sibling {{w.Suffix}}"}""");
                yield return ("name too short", """{"name":"x"}""");
                yield return ("unknown visibility", """{"visibility":"Invisible"}""");
                break;
            case "ChangeMemberRole":
                yield return ("unknown role", """{"role":"Emperor"}""");
                yield return ("role number out of range", """{"role":7}""");
                yield return ("units of another organization", $$"""{"role":"Organizer","organizerUnitIds":[{{other.Unit}}]}""");
                yield return ("units for a plain member", $$"""{"role":"Member","organizerUnitIds":[{{w.Unit}}]}""");
                break;
            case "PlaceMember":
                yield return ("unit of another organization", $$"""{"unitIds":[{{other.Unit}}]}""");
                yield return ("unknown unit", """{"unitIds":[2147483647]}""");
                yield return ("negative unit", """{"unitIds":[-1]}""");
                yield return ("too many units", "{\"unitIds\":[" + string.Join(",", Enumerable.Range(1, 101)) + "]}");
                break;
            case "CreateInvitation":
                yield return ("zero uses", """{"maxUses":0}""");
                yield return ("negative days", """{"expiresInDays":-3}""");
                yield return ("huge uses", """{"maxUses":2147483647}""");
                break;
            case "CreateUnit":
                yield return ("duplicate name", """{"name":"Night shift"}""");
                yield return ("parent unit of another organization", $$"""{"name":"Annex","parentUnitId":{{other.Unit}}}""");
                yield return ("blank name", """{"name":"   "}""");
                break;
            case "AcceptInvitation":
                yield return ("unknown token", """{"token":"gwi_nosuchinvitationtoken"}""");
                yield return ("short token", """{"token":"x"}""");
                break;
            case "RequestAffiliation":
                yield return ("both sides", $$"""{"parentId":{{w.Free}},"childId":{{w.Free}}}""");
                yield return ("neither side", "{}");
                yield return ("unknown organization", """{"childId":2147483647}""");
                yield return ("itself", $$"""{"parentId":{{w.Org}}}""");
                yield return ("a secret organization I am not in", $$"""{"childId":{{other.Org}}}""");
                break;
            case "RequestTransfer":
                yield return ("unknown organization", """{"toOrganizationId":2147483647,"shareHistory":true}""");
                yield return ("the same organization", $$"""{"toOrganizationId":{{w.Org}},"shareHistory":true}""");
                yield return ("outside the federation", $$"""{"toOrganizationId":{{other.Sibling}},"shareHistory":true}""");
                yield return ("note too long", $$"""{"toOrganizationId":{{w.Sibling}},"shareHistory":true,"note":"{{new string('n', 1001)}}"}""");
                break;
            case "CreateToken":
                yield return ("unknown scope", """{"name":"t","scope":"Admin"}""");
                yield return ("scope number out of range", """{"name":"t","scope":9}""");
                yield return ("blank name", """{"name":"","scope":"Read"}""");
                break;
        }
    }

    /// Row counts of every table of the model.
    internal static Task<Dictionary<string, long>> CountsAsync(GroundworkFactory f) => f.WithDbAsync(async db =>
    {
        var counts = new Dictionary<string, long>();
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
            {
                await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // table names come from the EF model
                cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
#pragma warning restore CA2100
                counts[table] = Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        finally { await db.Database.CloseConnectionAsync(); }
        return counts;
    });
}
