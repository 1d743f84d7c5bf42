using Groundwork.Deliberation;
using Groundwork.Tests.Deliberation;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Auth;

/// The Deliberation capability's rows of the authorization matrix, and how its routes are called.
public sealed partial class AuthorizationMatrixTests
{
    const string D = "/api/v1/organizations/{orgId:int}/discussions";
    const string M = "/api/v1/organizations/{orgId:int}/motions";

    static KeyValuePair<(string, string), string>[] DeliberationRows() =>
    [
        new(("GET", D + "/"), Members),
        new(("POST", D + "/"), Members),
        new(("GET", D + "/{discussionId:int}"), Members),
        new(("POST", D + "/{discussionId:int}/replies"), Members),
        new(("PUT", D + "/{discussionId:int}/posts/{postId:int}"), Members),
        new(("DELETE", D + "/{discussionId:int}/posts/{postId:int}"), Members),
        new(("GET", D + "/{discussionId:int}/posts/{postId:int}/history"), Members),
        new(("POST", D + "/{discussionId:int}/moderation"), Organizers),
        new(("GET", M + "/"), Members),
        new(("POST", M + "/"), Members),
        new(("GET", M + "/{motionId:int}"), Members),
        new(("POST", M + "/{motionId:int}/second"), Members),
        new(("POST", M + "/{motionId:int}/advance"), Organizers),
        new(("POST", M + "/{motionId:int}/withdraw"), Members),
        new(("POST", M + "/{motionId:int}/amendments"), Members),
        new(("POST", M + "/{motionId:int}/amendments/{amendmentId:int}/second"), Members),
        new(("POST", M + "/{motionId:int}/amendments/{amendmentId:int}/withdraw"), Members),
        new(("POST", M + "/{motionId:int}/amendments/{amendmentId:int}/vote"), Organizers),
        new(("POST", M + "/{motionId:int}/votes/{voteId:int}/ballot"), Members),
        new(("POST", M + "/{motionId:int}/votes/{voteId:int}/close"), Organizers),
        .. Page("/organizations/{OrgId:int}/discussions", Members),
        .. Page("/organizations/{OrgId:int}/discussions/{DiscussionId:int}", Members),
        .. Page("/organizations/{OrgId:int}/motions", Members),
        .. Page("/organizations/{OrgId:int}/motions/{MotionId:int}", Members),
    ];

    /// The path (with every route value filled in, seeding what it names) and the JSON body for one of this capability's
    /// routes; null for a route that is not this capability's.
    static async Task<(string Path, object? Body)?> DeliberationRequestAsync(GroundworkFactory f, Cast cast, Route route, World w, TestUser? user)
    {
        var p = route.Pattern;
        if (!p.Contains("/discussions", StringComparison.Ordinal) && !p.Contains("/motions", StringComparison.Ordinal)) return null;
        if (!p.StartsWith("/api/v1/organizations/{orgId:int}/", StringComparison.Ordinal) && !p.StartsWith("/organizations/{OrgId:int}/", StringComparison.Ordinal)) return null;
        // The caller writes as themselves when they belong to the organization; others aim at a member's things.
        var insider = user is not null && (user == cast.Member || user == cast.Organizer || user == cast.Admin) ? user : cast.Member;
        var path = p.Replace("{orgId:int}", w.Org.ToString(), StringComparison.Ordinal).Replace("{OrgId:int}", w.Org.ToString(), StringComparison.Ordinal);
        object? body = null;
        if (p.Contains("{discussionId:int}", StringComparison.Ordinal) || p.Contains("{DiscussionId:int}", StringComparison.Ordinal))
        {
            var t = await DeliberationSeed.ThreadAsync(f, w.Org, insider.Id);
            path = path.Replace("{discussionId:int}", t.Discussion.ToString(), StringComparison.Ordinal)
                .Replace("{DiscussionId:int}", t.Discussion.ToString(), StringComparison.Ordinal)
                .Replace("{postId:int}", t.Opening.ToString(), StringComparison.Ordinal);
        }
        if (p.Contains("{motionId:int}", StringComparison.Ordinal) || p.Contains("{MotionId:int}", StringComparison.Ordinal))
        {
            DeliberationSeed.SeededMotion s = p switch
            {
                _ when p.EndsWith("/second", StringComparison.Ordinal) && p.Contains("amendments", StringComparison.Ordinal) =>
                    await DeliberationSeed.MotionAsync(f, w.Org, cast.Target.Id, MotionStatus.Debate, AmendmentStatus.Proposed, cast.Target.Id),
                _ when p.EndsWith("/second", StringComparison.Ordinal) => await DeliberationSeed.MotionAsync(f, w.Org, cast.Target.Id, MotionStatus.Submitted),
                _ when p.EndsWith("/advance", StringComparison.Ordinal) => await DeliberationSeed.MotionAsync(f, w.Org, cast.Target.Id, MotionStatus.Seconded),
                _ when p.EndsWith("/withdraw", StringComparison.Ordinal) && p.Contains("amendments", StringComparison.Ordinal) =>
                    await DeliberationSeed.MotionAsync(f, w.Org, cast.Target.Id, MotionStatus.Debate, AmendmentStatus.Proposed, insider.Id),
                _ when p.EndsWith("/withdraw", StringComparison.Ordinal) => await DeliberationSeed.MotionAsync(f, w.Org, insider.Id, MotionStatus.Submitted),
                _ when p.EndsWith("/vote", StringComparison.Ordinal) => await DeliberationSeed.MotionAsync(f, w.Org, cast.Target.Id, MotionStatus.Debate, AmendmentStatus.Seconded, cast.Target.Id),
                _ when p.Contains("/votes/", StringComparison.Ordinal) => await DeliberationSeed.MotionAsync(f, w.Org, cast.Target.Id, MotionStatus.Voting),
                _ => await DeliberationSeed.MotionAsync(f, w.Org, cast.Target.Id, MotionStatus.Debate),
            };
            path = path.Replace("{motionId:int}", s.Motion.ToString(), StringComparison.Ordinal).Replace("{MotionId:int}", s.Motion.ToString(), StringComparison.Ordinal)
                .Replace("{amendmentId:int}", s.Amendment?.ToString() ?? "0", StringComparison.Ordinal)
                .Replace("{voteId:int}", s.Vote?.ToString() ?? "0", StringComparison.Ordinal);
        }
        if (route.Method is "POST" or "PUT" && p.StartsWith("/api", StringComparison.Ordinal))
            body = p switch
            {
                D + "/" => new { title = "Matrix thread", body = "Hello" },
                D + "/{discussionId:int}/replies" => new { body = "A reply" },
                D + "/{discussionId:int}/posts/{postId:int}" => new { body = "Edited" },
                D + "/{discussionId:int}/moderation" => new { locked = true },
                M + "/" => new { title = "Matrix motion", text = "Resolved." },
                M + "/{motionId:int}/advance" => new { to = "Debate" },
                M + "/{motionId:int}/amendments" => new { kind = "Replace", paragraph = 1, text = "Changed." },
                M + "/{motionId:int}/amendments/{amendmentId:int}/vote" => new { method = "Electronic" },
                M + "/{motionId:int}/votes/{voteId:int}/ballot" => new { answer = "For" },
                M + "/{motionId:int}/votes/{voteId:int}/close" => new { },
                _ => null,
            };
        return (path, body);
    }
}
