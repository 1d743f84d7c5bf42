using System.Net;
using System.Net.Http.Json;
using System.Text;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Auth;

public enum Caller { Anonymous, NonMember, Member, Organizer, Admin, OtherOrgAdmin, RemovedMember, InstanceAdmin }

/// Every route of the app, every kind of caller: the table below says who gets through; the test calls each route as
/// each caller against a seeded federation (the route's organization is secret) and compares.
public sealed partial class AuthorizationMatrixTests
{
    // One character per caller, in the order of <see cref="Caller"/>: + allowed, - denied.
    const string Anyone = "++++++++";
    const string Nobody = "--------";
    const string SignedIn = "-+++++++";
    const string Members = "--+++---";
    const string Organizers = "---++---";
    const string Admins = "----+---";
    const string InstanceAdmins = "-------+";

    /// Static files (css, scripts, the favicon, the static-file fallback) form one row: they are the same for everyone.
    public const string StaticAssets = "<static asset>";
    const string FileFallback = "{**path:file}";

    public static readonly IReadOnlyDictionary<(string Method, string Pattern), string> Table = Rows(new Dictionary<(string, string), string>
    {
        [("GET", StaticAssets)] = Anyone,
        [("HEAD", StaticAssets)] = Anyone,
        // Any other path is looked up as a file, behind sign-in like everything not declared public.
        [("GET", FileFallback)] = SignedIn,
        [("HEAD", FileFallback)] = SignedIn,
        [("GET", "/openapi/{documentName}.json")] = Anyone,
        [("GET", "/healthz")] = Anyone,
        [("GET", "/_framework/opaque-redirect")] = Anyone, // Blazor: follows a redirect it protected itself; no data
        [("POST", "/language")] = Anyone,
        // Me and admin
        [("GET", "/api/v1/me/")] = SignedIn,
        [("GET", "/api/v1/me/tokens")] = SignedIn,
        [("POST", "/api/v1/me/tokens")] = SignedIn,
        [("DELETE", "/api/v1/me/tokens/{tokenId:int}")] = SignedIn,
        [("POST", "/api/v1/me/sign-out-everywhere")] = SignedIn,
        [("GET", "/api/v1/me/export")] = SignedIn,
        [("GET", "/api/v1/me/audit")] = SignedIn,
        [("GET", "/api/v1/me/organizations")] = SignedIn,
        [("POST", "/api/v1/admin/people/{personId}/disable")] = InstanceAdmins,
        // Organizations (the route's organization is secret: non-members must not see it at all)
        [("GET", "/api/v1/organizations/")] = Anyone,
        [("POST", "/api/v1/organizations/")] = SignedIn,
        [("GET", "/api/v1/organizations/{orgId:int}")] = Members,
        [("PATCH", "/api/v1/organizations/{orgId:int}")] = Admins,
        [("GET", "/api/v1/organizations/{orgId:int}/children")] = Members,
        [("POST", "/api/v1/organizations/{orgId:int}/join")] = Nobody, // a secret organization admits by invitation only: 404 for all
        [("POST", "/api/v1/organizations/{orgId:int}/leave")] = Members,
        [("GET", "/api/v1/organizations/{orgId:int}/audit")] = Admins,
        // Members
        [("GET", "/api/v1/organizations/{orgId:int}/members")] = Organizers,
        [("GET", "/api/v1/organizations/{orgId:int}/members/{membershipId:int}/history")] = Organizers,
        [("PUT", "/api/v1/organizations/{orgId:int}/members/{membershipId:int}/role")] = Admins,
        [("DELETE", "/api/v1/organizations/{orgId:int}/members/{membershipId:int}")] = Admins,
        [("POST", "/api/v1/organizations/{orgId:int}/members/{membershipId:int}/approval")] = Organizers,
        [("PUT", "/api/v1/organizations/{orgId:int}/members/{membershipId:int}/units")] = Organizers,
        [("POST", "/api/v1/organizations/{orgId:int}/invitations")] = Organizers,
        [("GET", "/api/v1/organizations/{orgId:int}/invitations")] = Organizers,
        [("DELETE", "/api/v1/organizations/{orgId:int}/invitations/{invitationId:int}")] = Organizers,
        [("POST", "/api/v1/organizations/{orgId:int}/units")] = Admins,
        [("GET", "/api/v1/organizations/{orgId:int}/units")] = Members,
        [("POST", "/api/v1/invitations/accept")] = SignedIn,
        // Federation
        [("POST", "/api/v1/organizations/{orgId:int}/affiliations")] = Admins,
        [("GET", "/api/v1/organizations/{orgId:int}/affiliations")] = Admins,
        [("POST", "/api/v1/organizations/{orgId:int}/affiliations/{requestId:int}/decision")] = Admins,
        [("POST", "/api/v1/organizations/{orgId:int}/leave-parent")] = Admins,
        [("POST", "/api/v1/organizations/{orgId:int}/transfers")] = Members,
        [("GET", "/api/v1/organizations/{orgId:int}/transfers")] = Admins,
        [("POST", "/api/v1/organizations/{orgId:int}/transfers/{requestId:int}/decision")] = Admins,
        // Account endpoints beside the pages
        [("POST", "/Account/Logout")] = SignedIn,
        [("POST", "/Account/PasskeyCreationOptions")] = SignedIn,
        [("POST", "/Account/PasskeyRequestOptions")] = Anyone,
        [("POST", "/Account/Manage/DownloadPersonalData")] = SignedIn,
        [("POST", "/Account/Manage/SignOutEverywhere")] = SignedIn,
        // Pages (GET renders, POST is a form post) follow below.
    },
        Page("/", Anyone), Page("/Error", Anyone), Page("/not-found", Anyone), Page("/setup", Anyone),
        Page("/Account/Login", Anyone), Page("/Account/Register", Anyone), Page("/Account/RegisterConfirmation", Anyone),
        Page("/Account/AccessDenied", Anyone), Page("/Account/ConfirmEmail", Anyone), Page("/Account/ConfirmEmailChange", Anyone),
        Page("/Account/ForgotPassword", Anyone), Page("/Account/ForgotPasswordConfirmation", Anyone),
        Page("/Account/InvalidPasswordReset", Anyone), Page("/Account/InvalidUser", Anyone), Page("/Account/Lockout", Anyone),
        Page("/Account/LoginWith2fa", Anyone), Page("/Account/LoginWithRecoveryCode", Anyone),
        Page("/Account/ResendEmailConfirmation", Anyone), Page("/Account/ResetPassword", Anyone),
        Page("/Account/ResetPasswordConfirmation", Anyone),
        Page("/Account/Manage", SignedIn), Page("/Account/Manage/ChangePassword", SignedIn),
        Page("/Account/Manage/DeletePersonalData", SignedIn), Page("/Account/Manage/Disable2fa", SignedIn),
        Page("/Account/Manage/Email", SignedIn), Page("/Account/Manage/EnableAuthenticator", SignedIn),
        Page("/Account/Manage/GenerateRecoveryCodes", SignedIn), Page("/Account/Manage/Passkeys", SignedIn),
        Page("/Account/Manage/PersonalData", SignedIn), Page("/Account/Manage/RenamePasskey/{Id}", SignedIn),
        Page("/Account/Manage/ResetAuthenticator", SignedIn), Page("/Account/Manage/SetPassword", SignedIn),
        Page("/Account/Manage/TwoFactorAuthentication", SignedIn),
        Page("/Account/Manage/Tokens", SignedIn), Page("/Account/Manage/Security", SignedIn),
        // Organization pages (the route's organization is secret)
        Page("/directory", Anyone), Page("/invitations/{Token}", Anyone), Page("/organizations/new", SignedIn),
        // The overview is public for public organizations, so it declares AllowAnonymous and hides a secret one itself
        // (404 for non-members). Its forms run only for members; without an antiforgery token any POST is a 400.
        [new(("GET", "/organizations/{OrgId:int}"), Members), new(("POST", "/organizations/{OrgId:int}"), Anyone)],
        Page("/organizations/{OrgId:int}/units", Members),
        Page("/organizations/{OrgId:int}/members", Organizers), Page("/organizations/{OrgId:int}/invitations", Organizers),
        Page("/organizations/{OrgId:int}/settings", Admins), Page("/organizations/{OrgId:int}/federation", Admins),
        Page("/organizations/{OrgId:int}/transfers", Admins), Page("/organizations/{OrgId:int}/audit", Admins),
        // Each capability keeps its rows in its own file: AuthorizationMatrixTests.<Capability>.cs.
        NotificationRows(), OrganizingRows(), StructureRows(), DecisionRows(), DeliberationRows(), PledgeRows());

    static Dictionary<(string, string), string> Rows(Dictionary<(string, string), string> rows, params KeyValuePair<(string, string), string>[][] pages)
    {
        foreach (var kv in pages.SelectMany(p => p)) rows.Add(kv.Key, kv.Value);
        return rows;
    }

    static KeyValuePair<(string, string), string>[] Page(string pattern, string who) => [new(("GET", pattern), who), new(("POST", pattern), who)];

    public sealed record Route(string Method, string Pattern, string Key);

    /// Every (method, route) the app answers, static assets folded into one key.
    public static List<Route> Routes(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var isStatic = e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                return methods.Select(m => new Route(m, isStatic ? pattern : e.RoutePattern.RawText!, isStatic ? StaticAssets : e.RoutePattern.RawText!));
            })
            .DistinctBy(r => (r.Method, r.Pattern))];

    /// Routes without a row, and rows without a route (a stale table is as wrong as a short one).
    public static (List<string> Missing, List<string> Stale) Compare(IEnumerable<Route> routes, IReadOnlyDictionary<(string, string), string> table)
    {
        var list = routes.ToList();
        var missing = list.Where(r => !table.ContainsKey((r.Method, r.Key))).Select(r => $"{r.Method} {r.Pattern}").Distinct().ToList();
        var stale = table.Keys.Where(k => !list.Any(r => r.Method == k.Item1 && r.Key == k.Item2)).Select(k => $"{k.Item1} {k.Item2}").ToList();
        return (missing, stale);
    }

    [Fact]
    public void A_route_without_a_row_is_reported_by_name()
    {
        var routes = new List<Route> { new("GET", "/healthz", "/healthz"), new("POST", "/api/v1/unlisted-thing/{id:int}", "/api/v1/unlisted-thing/{id:int}") };
        var (missing, _) = Compare(routes, Table);
        Assert.Equal(["POST /api/v1/unlisted-thing/{id:int}"], missing);
    }

    [Fact]
    public async Task Every_route_has_a_row_and_every_caller_gets_what_the_row_says()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var routes = Routes(f.Services);
        var (missing, stale) = Compare(routes, Table);
        Assert.True(missing.Count == 0, "Routes without a row in the authorization matrix:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows for routes that no longer exist:\n" + string.Join("\n", stale));

        var cast = await Cast.CreateAsync(f);
        var shared = await World.SeedAsync(f, cast);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var anonymous = f.Anonymous();
        await Parallel.ForEachAsync(routes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (route, ct) =>
        {
            var expected = Table[(route.Method, route.Key)];
            var mutates = route.Method != "GET" && route.Method != "HEAD";
            var isStatic = route.Key is StaticAssets or FileFallback;
            foreach (var caller in Enum.GetValues<Caller>())
            {
                // A write may change the world (a removal, a decision), so each write gets a fresh one.
                var world = mutates && !isStatic ? await World.SeedAsync(f, cast) : shared;
                var user = caller switch
                {
                    Caller.NonMember => cast.NonMember, Caller.Member => cast.Member, Caller.Organizer => cast.Organizer, Caller.Admin => cast.Admin,
                    Caller.OtherOrgAdmin => cast.OtherOrgAdmin, Caller.RemovedMember => cast.Removed, Caller.InstanceAdmin => cast.InstanceAdmin, _ => null,
                };
                using var request = await RequestAsync(f, cast, route, world, user);
                using var response = await (user?.Api ?? anonymous).SendAsync(request, ct);
                var status = (int)response.StatusCode;
                // Pages are Blazor's business and reported separately; the API and account endpoints never answer 5xx.
                if (status >= 500 && (route.Pattern.StartsWith("/api", StringComparison.Ordinal) || route.Method == "POST" && !IsPage(route)))
                    failures.Add($"{route.Method} {route.Pattern} as {caller}: {status}");
                var toSignIn = response.Headers.Location?.OriginalString.Contains("/Account/Login?ReturnUrl", StringComparison.OrdinalIgnoreCase) == true;
                // A static file that does not exist is a 404 for everyone; only a challenge counts as denied there.
                var denied = isStatic ? status is 401 or 403 || toSignIn : status is 401 or 403 or 404 || (status is 302 && toSignIn);
                var allowed = expected[(int)caller] == '+';
                if (allowed == denied)
                    failures.Add($"{route.Method} {route.Pattern} as {caller}: expected {(allowed ? "allowed" : "denied")}, got {status} {response.Headers.Location}");
            }
        });
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    static bool IsPage(Route r) => Table.ContainsKey(("GET", r.Key)) && Table.ContainsKey(("POST", r.Key)) && !r.Key.StartsWith("/api", StringComparison.Ordinal);

    static async Task<HttpRequestMessage> RequestAsync(GroundworkFactory f, Cast cast, Route route, World w, TestUser? user)
    {
        // A capability's own routes: its file fills in the path (seeding what the route names) and the body.
        var feature = await NotificationRequestAsync(f, cast, route, w, user) ?? await OrganizingRequestAsync(f, cast, route, w, user)
            ?? await StructureRequestAsync(f, cast, route, w, user) ?? await DecisionRequestAsync(f, cast, route, w, user)
            ?? await DeliberationRequestAsync(f, cast, route, w, user) ?? await PledgeRequestAsync(f, cast, route, w, user);
        if (feature is { } given)
        {
            Assert.DoesNotContain("{", given.Path, StringComparison.Ordinal);
            var message = new HttpRequestMessage(new HttpMethod(route.Method), given.Path);
            if (given.Body is not null) message.Content = JsonContent.Create(given.Body);
            else if (route.Method == "POST" && !route.Pattern.StartsWith("/api", StringComparison.Ordinal))
                message.Content = new FormUrlEncodedContent([new("culture", "es")]);
            return message;
        }
        var path = route.Pattern
            .Replace("{orgId:int}", w.Org.ToString(), StringComparison.Ordinal)
            .Replace("{OrgId:int}", w.Org.ToString(), StringComparison.Ordinal)
            .Replace("{Token}", w.InvitationToken, StringComparison.Ordinal)
            .Replace("{membershipId:int}", (route.Pattern.EndsWith("/approval", StringComparison.Ordinal) ? w.PendingM : w.TargetM).ToString(), StringComparison.Ordinal)
            .Replace("{invitationId:int}", w.Invitation.ToString(), StringComparison.Ordinal)
            .Replace("{requestId:int}", (route.Pattern.Contains("/affiliations/", StringComparison.Ordinal) ? w.Affiliation : w.Transfer).ToString(), StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{Id}", "unknown-passkey", StringComparison.Ordinal)
            .Replace("{**path:file}", "robots.txt", StringComparison.Ordinal);
        if (path.Contains("{tokenId:int}", StringComparison.Ordinal))
        {
            var id = user is null ? 1 : await f.WithDbAsync(async db =>
            {
                var p = await db.Users.FindAsync(user.Id);
                var t = await ApiTokens.CreateAsync(db, p!, "to revoke", TokenScope.Read, DateTime.UtcNow, default);
                return db.ApiTokens.Single(x => x.Hash == ApiTokens.Hash(t)).Id;
            });
            path = path.Replace("{tokenId:int}", id.ToString(), StringComparison.Ordinal);
        }
        if (path.Contains("{personId}", StringComparison.Ordinal))
        {
            var victim = await f.CreateUserAsync("Disposable");
            path = path.Replace("{personId}", victim.Id, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("{", path, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        object? body = (route.Method, route.Pattern) switch
        {
            ("POST", "/api/v1/me/tokens") => new { name = "matrix", scope = "Read" },
            ("POST", "/api/v1/organizations/") => new { name = "New org " + Guid.NewGuid().ToString("N")[..12], kind = "TenantsUnion" },
            ("PATCH", _) => new { description = "Changed" },
            ("PUT", var p) when p.EndsWith("/role", StringComparison.Ordinal) => new { role = "Organizer" },
            ("PUT", var p) when p.EndsWith("/units", StringComparison.Ordinal) => new { unitIds = new[] { w.Unit } },
            ("POST", var p) when p.EndsWith("/approval", StringComparison.Ordinal) || p.EndsWith("/decision", StringComparison.Ordinal) => new { accept = true },
            ("POST", var p) when p.EndsWith("/invitations", StringComparison.Ordinal) => new { expiresInDays = 7, maxUses = 5 },
            ("POST", var p) when p.EndsWith("/units", StringComparison.Ordinal) => new { name = "Unit " + Guid.NewGuid().ToString("N")[..8], kind = "Floor" },
            ("POST", "/api/v1/invitations/accept") => new { token = w.InvitationToken },
            ("POST", var p) when p.EndsWith("/affiliations", StringComparison.Ordinal) => new { childId = w.Free },
            ("POST", var p) when p.EndsWith("/transfers", StringComparison.Ordinal) => new { toOrganizationId = w.Sibling, shareHistory = true, note = "moving" },
            _ => null,
        };
        if (body is not null) request.Content = JsonContent.Create(body);
        else if (route.Method == "POST" && !route.Pattern.StartsWith("/api", StringComparison.Ordinal))
            request.Content = new FormUrlEncodedContent([new("culture", "es")]);
        return request;
    }
}
