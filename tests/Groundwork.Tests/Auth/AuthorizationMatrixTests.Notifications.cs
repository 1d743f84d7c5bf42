using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Auth;

/// The Notifications capability's rows of the authorization matrix, and how its routes are called.
public sealed partial class AuthorizationMatrixTests
{
    static KeyValuePair<(string, string), string>[] NotificationRows() =>
    [
        new(("GET", "/api/v1/me/notifications/"), SignedIn),
        new(("POST", "/api/v1/me/notifications/read"), SignedIn),
        .. Page("/notifications", SignedIn),
    ];

    /// The path (with every route value filled in, seeding what it names) and the JSON body for one of this capability's
    /// routes; null for a route that is not this capability's.
    static Task<(string Path, object? Body)?> NotificationRequestAsync(GroundworkFactory f, Cast cast, Route route, World w, TestUser? user) =>
        Task.FromResult<(string Path, object? Body)?>(route.Pattern == "/api/v1/me/notifications/read" ? (route.Pattern, new { all = true }) : null);
}
