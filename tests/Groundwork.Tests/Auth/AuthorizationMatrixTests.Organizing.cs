using Groundwork.Tests.Infrastructure;
using Groundwork.Tests.Organizing;

namespace Groundwork.Tests.Auth;

/// The Organizing capability's rows of the authorization matrix, and how its routes are called.
public sealed partial class AuthorizationMatrixTests
{
    const string OrgApi = "/api/v1/organizations/{orgId:int}";

    static KeyValuePair<(string, string), string>[] OrganizingRows() =>
    [
        new(("GET", OrgApi + "/contacts"), Organizers),
        new(("POST", OrgApi + "/contacts"), Organizers),
        new(("GET", OrgApi + "/contacts/{contactId:int}"), Organizers),
        new(("PUT", OrgApi + "/contacts/{contactId:int}"), Organizers),
        new(("DELETE", OrgApi + "/contacts/{contactId:int}"), Organizers),
        new(("PUT", OrgApi + "/contacts/{contactId:int}/leader"), Organizers),
        new(("GET", OrgApi + "/contacts/{contactId:int}/conversations"), Organizers),
        new(("POST", OrgApi + "/contacts/{contactId:int}/conversations"), Organizers),
        new(("GET", OrgApi + "/contacts/{contactId:int}/assessments"), Organizers),
        new(("POST", OrgApi + "/contacts/{contactId:int}/assessments"), Organizers),
        new(("POST", OrgApi + "/relationships"), Organizers),
        new(("DELETE", OrgApi + "/relationships/{relationshipId:int}"), Organizers),
        new(("GET", OrgApi + "/talk-to"), Organizers),
        new(("GET", OrgApi + "/follow-ups"), Organizers),
        new(("POST", OrgApi + "/follow-ups/{conversationId:long}/done"), Organizers),
        new(("GET", OrgApi + "/leaders"), Organizers),
        new(("GET", OrgApi + "/wall-chart"), Organizers),
        new(("GET", OrgApi + "/assessment-scales"), Organizers),
        new(("POST", OrgApi + "/assessment-scales"), Admins),
        new(("PUT", OrgApi + "/assessment-scales/{scaleId:int}"), Admins),
        new(("GET", OrgApi + "/organizing-issues"), Organizers),
        new(("POST", OrgApi + "/organizing-issues"), Organizers),
        new(("DELETE", OrgApi + "/organizing-issues/{issueId:int}"), Organizers),
        new(("GET", OrgApi + "/contact-tags"), Organizers),
        new(("POST", OrgApi + "/contact-tags"), Organizers),
        new(("GET", OrgApi + "/custom-fields"), Organizers),
        new(("POST", OrgApi + "/custom-fields"), Admins),
        new(("GET", OrgApi + "/organizing-settings"), Organizers),
        new(("PUT", OrgApi + "/organizing-settings"), Admins),
        .. Page("/organizations/{OrgId:int}/organizing", Organizers),
        .. Page("/organizations/{OrgId:int}/organizing/contacts", Organizers),
        .. Page("/organizations/{OrgId:int}/organizing/contacts/{ContactId:int}", Organizers),
        .. Page("/organizations/{OrgId:int}/organizing/follow-ups", Organizers),
        .. Page("/organizations/{OrgId:int}/organizing/leaders", Organizers),
        .. Page("/organizations/{OrgId:int}/organizing/lists", Organizers),
    ];

    /// The path (with every route value filled in, seeding what it names) and the JSON body for one of this capability's
    /// routes; null for a route that is not this capability's.
    static async Task<(string Path, object? Body)?> OrganizingRequestAsync(GroundworkFactory f, Cast cast, Route route, World w, TestUser? user)
    {
        var p = route.Pattern;
        // Only this capability's own routes (the structure part of the same issue shares prefixes).
        if (!OrganizingRows().Any(r => r.Key.Item2 == p)) return null;
        var rest = p.StartsWith(OrgApi, StringComparison.Ordinal) ? p[OrgApi.Length..] : p["/organizations/{OrgId:int}".Length..];
        var path = p.Replace("{orgId:int}", w.Org.ToString(), StringComparison.Ordinal).Replace("{OrgId:int}", w.Org.ToString(), StringComparison.Ordinal);
        var unique = Guid.NewGuid().ToString("N")[..8];
        object? body = null;
        if (path.Contains("{contactId:int}", StringComparison.Ordinal) || path.Contains("{ContactId:int}", StringComparison.Ordinal))
        {
            var contact = await f.ContactAsync(w.Org, w.Unit);
            path = path.Replace("{contactId:int}", contact.ToString(), StringComparison.Ordinal).Replace("{ContactId:int}", contact.ToString(), StringComparison.Ordinal);
            if (route.Method == "PUT" && rest.EndsWith("/leader", StringComparison.Ordinal)) body = new { isLeader = true };
            else if (route.Method == "PUT") body = new { name = "Renamed " + unique, unitIds = new[] { w.Unit }, version = 1 };
            else if (route.Method == "POST" && rest.EndsWith("/conversations", StringComparison.Ordinal)) body = new { channel = "InPerson", notes = "matrix" };
            else if (route.Method == "POST" && rest.EndsWith("/assessments", StringComparison.Ordinal))
            {
                var scale = (await f.ScalesAsync(w.Org))[0];
                body = new { scaleId = scale.Id, levelId = scale.Levels[1].Id };
            }
        }
        if (path.Contains("{relationshipId:int}", StringComparison.Ordinal))
        {
            var a = await f.ContactAsync(w.Org, w.Unit);
            var b = await f.ContactAsync(w.Org, w.Unit);
            path = path.Replace("{relationshipId:int}", (await f.RelationshipAsync(w.Org, a, b)).ToString(), StringComparison.Ordinal);
        }
        if (path.Contains("{conversationId:long}", StringComparison.Ordinal))
        {
            var a = await f.ContactAsync(w.Org, w.Unit);
            var id = await f.ConversationAsync(w.Org, a, user?.Id ?? cast.Organizer.Id, followUp: DateTime.UtcNow.Date);
            path = path.Replace("{conversationId:long}", id.ToString(), StringComparison.Ordinal);
        }
        if (path.Contains("{scaleId:int}", StringComparison.Ordinal))
        {
            var scale = (await f.ScalesAsync(w.Org))[0];
            path = path.Replace("{scaleId:int}", scale.Id.ToString(), StringComparison.Ordinal);
            body = new { name = "Support", levels = scale.Levels.Select(l => new { id = l.Id, name = l.Name }).ToArray() };
        }
        if (path.Contains("{issueId:int}", StringComparison.Ordinal))
            path = path.Replace("{issueId:int}", (await f.IssueAsync(w.Org)).ToString(), StringComparison.Ordinal);
        if (route.Method == "POST" && body is null && p.StartsWith(OrgApi, StringComparison.Ordinal))
            body = rest switch
            {
                "/contacts" => new { name = "Matrix " + unique, unitIds = new[] { w.Unit } },
                "/relationships" => new { fromContactId = await f.ContactAsync(w.Org, w.Unit), toContactId = await f.ContactAsync(w.Org, w.Unit), kind = "Friends" },
                "/assessment-scales" => new { name = "Scale " + unique, levels = new[] { new { name = "Yes" }, new { name = "No" } } },
                "/organizing-issues" => new { name = "Issue " + unique },
                "/contact-tags" => new { name = "Tag " + unique },
                "/custom-fields" => new { name = "Field " + unique, type = "Text" },
                _ => null,
            };
        if (route.Method == "PUT" && rest == "/organizing-settings") body = new { noteRetentionDays = 30 };
        return (path, body);
    }
}
