using System.Net;
using Groundwork.Organizations;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Groundwork.Tests.Auth;


public sealed partial class SecurityTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    [Fact]
    public async Task A_TOTP_code_is_accepted_once_within_one_step_either_side_and_once_under_twenty_parallel_tries()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 10, 0, 15, TimeSpan.Zero));
        using var tf = await new GroundworkFactory { Clock = clock }.StartAsync();
        var u = await tf.CreateUserAsync();
        byte[] key;
        await using (var s = tf.Services.CreateAsyncScope())
        {
            var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var p = (await users.FindByIdAsync(u.Id))!;
            await users.ResetAuthenticatorKeyAsync(p);
            key = Base32.Decode((await users.GetAuthenticatorKeyAsync(p))!)!;
            await users.SetTwoFactorEnabledAsync(p, true);
        }
        var step = ReplayProtectedTotp.CurrentStep(clock.Now);
        async Task<bool> Verify(long s)
        {
            await using var scope = tf.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var p = (await users.FindByIdAsync(u.Id))!;
            return await users.VerifyTwoFactorTokenAsync(p, TokenOptions.DefaultAuthenticatorProvider, ReplayProtectedTotp.Code(key, s));
        }
        Assert.False(await Verify(step - 2));
        Assert.False(await Verify(step + 2));
        Assert.True(await Verify(step - 1));
        Assert.False(await Verify(step - 1)); // replay
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Verify(step))));
        Assert.Equal(1, results.Count(r => r));
        Assert.False(await Verify(step - 1)); // an older step than one already used
        Assert.True(await Verify(step + 1));
        Assert.False(await Verify(step + 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_token_gives_the_same_claims_as_the_sign_in_principal_plus_its_scope(bool instanceAdmin)
    {
        // The bearer path builds its principal from the token's row rather than through UserManager (one query fewer a
        // request); whatever the cookie principal carries, the token's must carry too.
        var u = await f.CreateUserAsync(instanceAdmin: instanceAdmin);
        await using var s = f.Services.CreateAsyncScope();
        var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = (await users.FindByIdAsync(u.Id))!;
        var signIn = await s.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Person>>().CreateAsync(person);
        var ctx = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = s.ServiceProvider };
        ctx.Request.Headers.Authorization = "Bearer " + u.Token;
        var result = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(ctx, BearerTokenDefaults.Scheme);
        Assert.True(result.Succeeded);
        static string[] Flat(IEnumerable<System.Security.Claims.Claim> cs) => cs.Select(c => c.Type + "=" + c.Value).Order(StringComparer.Ordinal).ToArray();
        var expected = Flat(signIn.Claims.Append(new(BearerTokenDefaults.ScopeClaim, nameof(TokenScope.Write))));
        Assert.Equal(expected, Flat(result.Principal!.Claims));
        Assert.Equal(u.Id, result.Principal!.Identity!.Name);
        Assert.Equal(u.Id, result.Principal.PersonId());
        Assert.Equal(instanceAdmin, result.Principal.HasClaim(ClaimsFactory.InstanceAdminClaim, "true"));
    }

    [Fact]
    public async Task A_removed_member_is_refused_on_the_very_next_request_with_a_token_and_with_a_cookie()
    {
        var admin = await f.CreateUserAsync();
        var member = await f.CreateUserAsync();
        var org = await admin.CreateOrgAsync(visibility: Groundwork.Organizations.Visibility.Secret);
        var membershipId = await f.AddMemberAsync(org.Id, member.Id);
        var cookie = await f.SignedInCookieClientAsync(member);
        var url = $"/api/v1/organizations/{org.Id}/units";
        Assert.Equal(HttpStatusCode.OK, (await member.Api.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.DeleteAsync($"/api/v1/organizations/{org.Id}/members/{membershipId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Api.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cookie.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Api.GetAsync($"/api/v1/organizations/{org.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_on_the_very_next_request()
    {
        var root = await f.CreateUserAsync(instanceAdmin: true);
        var u = await f.CreateUserAsync();
        var cookie = await f.SignedInCookieClientAsync(u);
        Assert.Equal(HttpStatusCode.OK, (await u.Api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await u.Api.PostAsync($"/api/v1/admin/people/{root.Id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await root.Api.PostAsync($"/api/v1/admin/people/{u.Id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await u.Api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        var login = await f.CookieClient().SignInWithFormAsync(u.Email, u.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_and_a_password_change_end_existing_sessions_on_the_next_request()
    {
        var u = await f.CreateUserAsync();
        var one = await f.SignedInCookieClientAsync(u);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await u.Api.PostAsync("/api/v1/me/sign-out-everywhere", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await one.GetAsync("/api/v1/me")).StatusCode);
        var manage = await one.GetAsync("/Account/Manage");
        Assert.Contains("/Account/Login", manage.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        var two = await f.SignedInCookieClientAsync(u);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync("/api/v1/me")).StatusCode);
        await using (var s = f.Services.CreateAsyncScope())
        {
            var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var p = (await users.FindByIdAsync(u.Id))!;
            Assert.True((await users.ChangePasswordAsync(p, u.Password, "a different long passphrase")).Succeeded);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await two.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [InlineData("elevenchars", false)]
    [InlineData("twelve chars", true)]
    [InlineData("password1234", false)]
    [InlineData("passwordpassword", false)]
    [InlineData("qwertyuiop123", false)]
    [InlineData("123456789012", false)]
    public async Task Password_policy_is_length_and_not_common(string password, bool ok)
    {
        await using var s = f.Services.CreateAsyncScope();
        var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var r = await users.CreateAsync(new Person { UserName = $"pw{Guid.NewGuid():N}@example.test", Email = $"pw{Guid.NewGuid():N}@example.test" }, password);
        Assert.Equal(ok, r.Succeeded);
    }

    [Fact]
    public async Task Passwords_of_128_characters_are_accepted_and_of_129_refused()
    {
        await using var s = f.Services.CreateAsyncScope();
        var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var long128 = string.Concat(Enumerable.Range(0, 128).Select(i => (char)('a' + (i * 7 % 26))));
        Assert.True((await users.CreateAsync(new Person { UserName = $"a{Guid.NewGuid():N}@x.test", Email = $"a{Guid.NewGuid():N}@x.test" }, long128)).Succeeded);
        Assert.False((await users.CreateAsync(new Person { UserName = $"b{Guid.NewGuid():N}@x.test", Email = $"b{Guid.NewGuid():N}@x.test" }, long128 + "z")).Succeeded);
    }

    [Fact]
    public async Task Outside_testing_passwords_are_hashed_with_PBKDF2_SHA512_and_at_least_600000_iterations()
    {
        using var prod = new GroundworkFactory { Environment_ = "Production" };
        var options = prod.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        Assert.True(options.IterationCount >= 600_000, $"{options.IterationCount}");
        var hash = Convert.FromBase64String(prod.Services.GetRequiredService<IPasswordHasher<Person>>().HashPassword(new Person(), "some passphrase here"));
        Assert.Equal(0x01, hash[0]); // Identity v3 format
        Assert.Equal(2u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1))); // KeyDerivationPrf.HMACSHA512
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 600_000);
        await Task.CompletedTask;
    }

    /// Antiforgery tokens and Blazor's protected redirect URLs are random per request; everything else must match.
    static string Normalize(string html) => OpaqueRedirect().Replace(HiddenValue().Replace(html, "value=\"…\""), "opaque-redirect?url=…<");

    [GeneratedRegex("opaque-redirect\\?url=[^<\"]*<")]
    private static partial Regex OpaqueRedirect();

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex HiddenValue();

    [Fact]
    public async Task Login_registration_and_password_reset_answer_the_same_for_known_and_unknown_addresses()
    {
        var known = await f.CreateUserAsync();
        var unknown = $"nobody{Guid.NewGuid():N}@example.test";
        async Task<(HttpStatusCode, string?, string)> Post(string url, string handler, Dictionary<string, string> fields)
        {
            var res = await f.CookieClient().PostFormAsync(url, handler, fields);
            var body = await res.Content.ReadAsStringAsync();
            return (res.StatusCode, res.Headers.Location?.OriginalString, Normalize(body));
        }
        foreach (var (url, handler, fields) in new (string, string, Func<string, Dictionary<string, string>>)[]
        {
            ("/Account/Login", "login", e => new() { ["Input.Email"] = e, ["Input.Password"] = "wrong password entirely" }),
            ("/Account/Register", "register", e => new() { ["Input.Email"] = e, ["Input.Name"] = "Someone", ["Input.Password"] = "a fine long passphrase", ["Input.ConfirmPassword"] = "a fine long passphrase" }),
            ("/Account/ForgotPassword", "forgot-password", e => new() { ["Input.Email"] = e }),
        })
        {
            var a = await Post(url, handler, fields(known.Email));
            var b = await Post(url, handler, fields(unknown));
            Assert.True(a.Item1 == b.Item1, $"{url}: {a.Item1} vs {b.Item1}");
            Assert.True(a.Item2 == b.Item2, $"{url}: {a.Item2} vs {b.Item2}");
            var pa = a.Item3.Replace(known.Email, "E", StringComparison.Ordinal);
            var pb = b.Item3.Replace(unknown, "E", StringComparison.Ordinal);
            var at = Enumerable.Range(0, Math.Min(pa.Length, pb.Length)).FirstOrDefault(i => pa[i] != pb[i]);
            Assert.True(pa == pb, $"{url}: the pages differ at {at}:\n{pa[Math.Max(0, at - 200)..Math.Min(pa.Length, at + 300)]}\n---\n{pb[Math.Max(0, at - 200)..Math.Min(pb.Length, at + 300)]}");
        }
    }

    [Fact]
    public async Task Too_many_sign_in_posts_answer_429_with_Retry_After()
    {
        using var limited = await new GroundworkFactory { SignInPerMinute = 3 }.StartAsync();
        var c = limited.CookieClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await c.PostAsync("/Account/Login", new FormUrlEncodedContent([new("Input.Email", "x@example.test")]));
            statuses.Add(last.StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[4]);
        Assert.True(last!.Headers.RetryAfter is not null, "Retry-After missing");
    }

    [Fact]
    public async Task Writes_with_bearer_tokens_are_limited_per_person_not_per_shared_address()
    {
        using var limited = await new GroundworkFactory { WritesPerMinute = 3 }.StartAsync();
        var a = await limited.CreateUserAsync();
        var b = await limited.CreateUserAsync();
        async Task<HttpStatusCode> Write(TestUser u) =>
            (await u.Api.PostAsJsonAsync("/api/v1/organizations",
                new OrganizationInput("Org " + Guid.NewGuid().ToString("N")[..12], OrganizationKind.UnionLocal, "About us", "Leeds", Visibility.Public, JoinPolicy.Approval, null),
                Builders.Json)).StatusCode;
        // Both come from the same address (the test server's); each has their own three writes a minute.
        var fromA = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) fromA.Add(await Write(a));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], fromA);
        Assert.Equal(HttpStatusCode.Created, await Write(b));
        // A request with no valid token is not anybody's: it falls back to the address.
        var forged = limited.BearerClient("gw_not-a-real-token");
        var r = await forged.PostAsJsonAsync("/api/v1/organizations", new { name = "x" }, Builders.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var u = await f.CreateUserAsync();
        for (var i = 0; i < 5; i++)
            await f.CookieClient().SignInWithFormAsync(u.Email, "not the password at all");
        var res = await f.CookieClient().SignInWithFormAsync(u.Email, u.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, res.StatusCode == HttpStatusCode.Redirect && res.Headers.Location?.OriginalString.Contains("Lockout", StringComparison.Ordinal) == true ? HttpStatusCode.OK : res.StatusCode);
        await using var s = f.Services.CreateAsyncScope();
        var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(u.Id))!));
    }

    [Fact]
    public async Task Security_headers_are_on_pages_api_answers_and_errors()
    {
        var u = await f.CreateUserAsync();
        var cookie = await f.SignedInCookieClientAsync(u);
        var responses = new[]
        {
            ("home", await f.Anonymous().GetAsync("/"), false),
            ("api", await u.Api.GetAsync("/api/v1/me"), true),
            ("api 404", await u.Api.GetAsync("/api/v1/organizations/2147483647"), true),
            ("signed-in page", await cookie.GetAsync("/Account/Manage"), true),
            ("css", await f.Anonymous().GetAsync("/css/site.css"), false),
        };
        foreach (var (what, r, personal) in responses)
        {
            var csp = string.Join(";", r.Headers.TryGetValues("Content-Security-Policy", out var v) ? v : []);
            Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what}: CSP {csp}");
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", string.Join("", r.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", string.Join("", r.Headers.GetValues("Referrer-Policy")));
            Assert.True(r.Headers.Contains("Strict-Transport-Security"), $"{what}: HSTS");
            if (personal) Assert.True(r.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control {r.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Session_and_antiforgery_cookies_are_Host_prefixed_HttpOnly_Secure_and_SameSite()
    {
        var u = await f.CreateUserAsync();
        var c = f.CookieClient();
        var page = await c.GetAsync("/Account/Login");
        var html = await page.Content.ReadAsStringAsync();
        var fields = Builders.HiddenInputs(html, "login");
        fields["Input.Email"] = u.Email;
        fields["Input.Password"] = u.Password;
        var res = await c.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        var cookies = page.Headers.GetValues("Set-Cookie").Concat(res.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, x => x.StartsWith("__Host-gw=", StringComparison.Ordinal));
        Assert.Contains(cookies, x => x.StartsWith("__Host-gw-af=", StringComparison.Ordinal));
        foreach (var cookie in cookies.Where(x => x.StartsWith("__Host-gw", StringComparison.Ordinal)))
        {
            var lower = cookie.ToLowerInvariant();
            Assert.Contains("httponly", lower, StringComparison.Ordinal);
            Assert.Contains("secure", lower, StringComparison.Ordinal);
            Assert.Contains("samesite=", lower, StringComparison.Ordinal);
            Assert.Contains("path=/", lower, StringComparison.Ordinal);
            Assert.DoesNotContain("domain=", lower, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_read_scope_token_may_read_but_not_write()
    {
        var u = await f.CreateUserAsync(scope: TokenScope.Read);
        Assert.Equal(HttpStatusCode.OK, (await u.Api.GetAsync("/api/v1/me")).StatusCode);
        var before = await f.WithDbAsync(db => Task.FromResult(db.Organizations.Count()));
        var res = await u.Api.PostJsonAsync("/api/v1/organizations", new { name = "Read only " + Guid.NewGuid(), kind = "StudyGroup" });
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await u.Api.PostAsync("/api/v1/me/sign-out-everywhere", null)).StatusCode);
        Assert.Equal(before, await f.WithDbAsync(db => Task.FromResult(db.Organizations.Count())));
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        var u = await f.CreateUserAsync();
        var created = await (await u.Api.PostJsonAsync("/api/v1/me/tokens", new { name = "laptop", scope = "Write" })).ReadAsync<Groundwork.Accounts.TokenCreated>();
        var second = f.BearerClient(created.Token);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await u.Api.DeleteAsync($"/api/v1/me/tokens/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.BearerClient("gwp_notarealtoken000000").GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task On_an_organizations_route_a_member_token_is_checked_as_strictly_as_anywhere()
    {
        // There the token, its person and the membership come from one query (BearerTokenHandler.FindMemberToken): a
        // revoked token, a disabled account or a membership of another organization must still be refused.
        var root = await f.CreateUserAsync(instanceAdmin: true);
        var admin = await f.CreateUserAsync();
        var member = await f.CreateUserAsync();
        var org = await admin.CreateOrgAsync(visibility: Groundwork.Organizations.Visibility.Secret);
        var other = await admin.CreateOrgAsync(visibility: Groundwork.Organizations.Visibility.Secret);
        await f.AddMemberAsync(org.Id, member.Id);
        var url = $"/api/v1/organizations/{org.Id}/units";
        Assert.Equal(HttpStatusCode.OK, (await member.Api.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Api.GetAsync($"/api/v1/organizations/{other.Id}/units")).StatusCode);

        var created = await (await member.Api.PostJsonAsync("/api/v1/me/tokens", new { name = "phone", scope = "Write" })).ReadAsync<Groundwork.Accounts.TokenCreated>();
        var second = f.BearerClient(created.Token);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await member.Api.DeleteAsync($"/api/v1/me/tokens/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await root.Api.PostAsync($"/api/v1/admin/people/{member.Id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Api.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.GetAsync(url)).StatusCode);
    }
}
