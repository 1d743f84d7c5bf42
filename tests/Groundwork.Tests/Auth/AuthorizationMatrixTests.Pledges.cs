using Groundwork.Pledges;
using Groundwork.Tests.Infrastructure;
using Groundwork.Tests.Pledges;

namespace Groundwork.Tests.Auth;

/// The Pledges capability's rows of the authorization matrix, and how its routes are called.
public sealed partial class AuthorizationMatrixTests
{
    const string PledgeApi = "/api/v1/organizations/{orgId:int}/pledges";
    const string PublicPledgeApi = "/api/v1/public/pledges";

    static KeyValuePair<(string, string), string>[] PledgeRows() =>
    [
        new(("GET", PledgeApi + "/"), Members),
        new(("POST", PledgeApi + "/"), Organizers),
        new(("GET", PledgeApi + "/{pledgeId:int}"), Members),
        new(("POST", PledgeApi + "/{pledgeId:int}/signatures"), Members),
        new(("GET", PledgeApi + "/{pledgeId:int}/signatures/mine"), Members),
        new(("DELETE", PledgeApi + "/{pledgeId:int}/signatures/mine"), Members),
        new(("POST", PledgeApi + "/{pledgeId:int}/cancel"), Organizers),
        new(("POST", PledgeApi + "/{pledgeId:int}/follow-through"), Members),
        // Only after activation, and only for a pledge that said so from the start (the route is called on one).
        new(("GET", PledgeApi + "/{pledgeId:int}/signers"), Organizers),
        new(("GET", PublicPledgeApi + "/{slug}"), Anyone),
        new(("POST", PublicPledgeApi + "/{slug}/signatures"), Anyone),
        new(("POST", PublicPledgeApi + "/confirmations"), Anyone),
        .. Page("/organizations/{OrgId:int}/pledges", Members),
        .. Page("/organizations/{OrgId:int}/pledges/{PledgeId:int}", Members),
        .. Page("/pledges/public/{Slug}", Anyone),
        .. Page("/pledges/confirm/{Token}", Anyone),
    ];

    /// The path (with every route value filled in, seeding what it names) and the JSON body for one of this capability's
    /// routes; null for a route that is not this capability's.
    static async Task<(string Path, object? Body)?> PledgeRequestAsync(GroundworkFactory f, Cast cast, Route route, World w, TestUser? user)
    {
        var pattern = route.Pattern;
        if (!pattern.Contains("pledges", StringComparison.Ordinal)) return null;
        string Org(string p) => p.Replace("{orgId:int}", w.Org.ToString(), StringComparison.Ordinal).Replace("{OrgId:int}", w.Org.ToString(), StringComparison.Ordinal);
        switch (route.Method, pattern)
        {
            case ("POST", PledgeApi + "/"):
                return (Org(pattern), new { statement = "Matrix pledge", deadline = DateTime.UtcNow.AddDays(3), minSigners = 10 });
            case (_, PublicPledgeApi + "/{slug}"):
            case (_, PublicPledgeApi + "/{slug}/signatures"):
            case (_, "/pledges/public/{Slug}"):
            {
                var pub = await PledgeSeed.PledgeAsync(f, w.Sibling, cast.Admin.Id, eligibility: PledgeEligibility.Public);
                var path = pattern.Replace("{slug}", pub.Slug, StringComparison.Ordinal).Replace("{Slug}", pub.Slug, StringComparison.Ordinal);
                return (path, pattern.EndsWith("/signatures", StringComparison.Ordinal) ? new { email = $"m{Guid.NewGuid():N}@example.test" } : null);
            }
            case (_, PublicPledgeApi + "/confirmations"):
            case (_, "/pledges/confirm/{Token}"):
            {
                var pub = await PledgeSeed.PledgeAsync(f, w.Sibling, cast.Admin.Id, eligibility: PledgeEligibility.Public);
                var token = await PledgeSeed.ConfirmationAsync(f, pub.Id, $"m{Guid.NewGuid():N}@example.test");
                return pattern.StartsWith("/api", StringComparison.Ordinal) ? (pattern, new { token }) : (pattern.Replace("{Token}", token, StringComparison.Ordinal), null);
            }
        }
        var signers = pattern.EndsWith("/signers", StringComparison.Ordinal);
        var followThrough = pattern.EndsWith("/follow-through", StringComparison.Ordinal);
        var seeded = await PledgeSeed.PledgeAsync(f, w.Org, cast.Admin.Id, signers || followThrough ? PledgeStatus.Active : PledgeStatus.Gathering,
            reveal: signers, action: followThrough ? DateTime.UtcNow.AddDays(-1) : null);
        // Whoever calls has signed (the seeding does not check membership; the route does), so withdrawing and
        // follow-through have something to act on.
        if (user is not null && (route.Method == "DELETE" || followThrough))
            await PledgeSeed.SignAsync(f, seeded.Id, SignerIdentity.Person(user.Id), bound: followThrough, orgId: w.Org);
        var filled = Org(pattern).Replace("{pledgeId:int}", seeded.Id.ToString(), StringComparison.Ordinal).Replace("{PledgeId:int}", seeded.Id.ToString(), StringComparison.Ordinal);
        object? body = route.Method == "POST" && filled.StartsWith("/api", StringComparison.Ordinal) ? new { } : null;
        return (filled, body);
    }
}
