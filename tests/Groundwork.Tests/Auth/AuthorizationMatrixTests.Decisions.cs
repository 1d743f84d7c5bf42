using Groundwork.Decisions;
using Groundwork.Tests.Decisions;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Auth;

/// The Decisions capability's rows of the authorization matrix, and how its routes are called.
public sealed partial class AuthorizationMatrixTests
{
    const string PollsApi = "/api/v1/organizations/{orgId:int}/polls";

    static KeyValuePair<(string, string), string>[] DecisionRows() =>
    [
        new(("GET", PollsApi + "/"), Members),
        new(("POST", PollsApi + "/"), Organizers),
        new(("GET", PollsApi + "/{pollId:int}"), Members),
        new(("PATCH", PollsApi + "/{pollId:int}"), Organizers),
        new(("POST", PollsApi + "/{pollId:int}/open"), Organizers),
        new(("POST", PollsApi + "/{pollId:int}/close"), Organizers),
        new(("POST", PollsApi + "/{pollId:int}/votes"), Members),
        new(("GET", PollsApi + "/{pollId:int}/results"), Members),
        new(("GET", PollsApi + "/{pollId:int}/board"), Members),
        new(("POST", PollsApi + "/{pollId:int}/nominations"), Members),
        new(("POST", PollsApi + "/{pollId:int}/nominations/{nominationId:int}/answer"), Members),
        .. Page("/organizations/{OrgId:int}/decisions", Members),
        .. Page("/organizations/{OrgId:int}/decisions/new", Organizers),
        .. Page("/organizations/{OrgId:int}/decisions/polls/{PollId:int}", Members),
        .. Page("/organizations/{OrgId:int}/decisions/polls/{PollId:int}/board", Members),
    ];

    /// The path (with every route value filled in, seeding what it names) and the JSON body for one of this capability's
    /// routes; null for a route that is not this capability's.
    static async Task<(string Path, object? Body)?> DecisionRequestAsync(GroundworkFactory f, Cast cast, Route route, World w, TestUser? user)
    {
        var p = route.Pattern;
        if (!p.StartsWith(PollsApi, StringComparison.Ordinal) && !p.StartsWith("/organizations/{OrgId:int}/decisions", StringComparison.Ordinal)) return null;
        var api = p.StartsWith("/api", StringComparison.Ordinal);
        string Fill(int pollId, int nominationId = 0) => p.Replace("{orgId:int}", w.Org.ToString(), StringComparison.Ordinal)
            .Replace("{OrgId:int}", w.Org.ToString(), StringComparison.Ordinal)
            .Replace("{pollId:int}", pollId.ToString(), StringComparison.Ordinal).Replace("{PollId:int}", pollId.ToString(), StringComparison.Ordinal)
            .Replace("{nominationId:int}", nominationId.ToString(), StringComparison.Ordinal);
        if (!p.Contains("{pollId:int}", StringComparison.Ordinal) && !p.Contains("{PollId:int}", StringComparison.Ordinal))
            return (Fill(0), api && route.Method == "POST" ? new { kind = "SingleChoice", title = "Lunch", options = new[] { "Soup", "Salad" } } : null);
        if (p.EndsWith("/open", StringComparison.Ordinal))
            return (Fill(await f.SeedPollAsync(w.Org, cast.Admin.Id, PollKind.SingleChoice, PollStatus.Scheduled)), null);
        if (p.EndsWith("/board", StringComparison.Ordinal))
            return (Fill(await f.SeedPollAsync(w.Org, cast.Admin.Id, PollKind.SingleChoice, PollStatus.Closed)), null);
        if (p.EndsWith("/nominations", StringComparison.Ordinal))
            return (Fill(await f.SeedPollAsync(w.Org, cast.Admin.Id, PollKind.Election, PollStatus.Scheduled)), new { statement = "I will serve" });
        if (p.EndsWith("/answer", StringComparison.Ordinal))
        {
            var election = await f.SeedPollAsync(w.Org, cast.Admin.Id, PollKind.Election, PollStatus.Scheduled);
            // The nominee answers: the caller is nominated (by the admin), so an allowed caller gets through to the answer.
            var nomination = await f.NominationAsync(election, user?.Id ?? cast.Target.Id, cast.Admin.Id);
            return (Fill(election, nomination), new { accept = true });
        }
        var poll = await f.SeedPollAsync(w.Org, cast.Admin.Id, PollKind.SingleChoice, PollStatus.Open);
        object? body = (route.Method, api) switch
        {
            ("POST", true) when p.EndsWith("/votes", StringComparison.Ordinal) => new { choice = await f.OptionIdAsync(poll) },
            ("PATCH", true) => new { title = "Renamed" },
            _ => null,
        };
        return (Fill(poll), body);
    }
}
