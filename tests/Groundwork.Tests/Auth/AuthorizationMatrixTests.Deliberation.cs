using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Auth;

/// The Deliberation capability's rows of the authorization matrix, and how its routes are called.
public sealed partial class AuthorizationMatrixTests
{
    static KeyValuePair<(string, string), string>[] DeliberationRows() => [];

    /// The path (with every route value filled in, seeding what it names) and the JSON body for one of this capability's
    /// routes; null for a route that is not this capability's.
    static Task<(string Path, object? Body)?> DeliberationRequestAsync(GroundworkFactory f, Cast cast, Route route, World w, TestUser? user) =>
        Task.FromResult<(string Path, object? Body)?>(null);
}
