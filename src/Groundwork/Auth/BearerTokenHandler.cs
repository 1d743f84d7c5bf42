using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Auth;

/// `Authorization: Bearer gwp_…`: looked up by hash on every request, so a revoked token, a disabled account
/// or a changed security stamp stops working at once.
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, IOptions<IdentityOptions> identity, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is < 10 or > 200) return AuthenticateResult.Fail("Malformed token.");
        var hash = ApiTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        // The token and its person in one query (every API request pays for this), compiled: see FindToken. On a route of
        // an organization, the same query also reads the caller's membership there and the organization, which the
        // authorization handler would otherwise ask for next (OrgAccess): one round trip to the database, not two. No row
        // (not a member, or no such token) falls back to the token alone.
        TokenAndPerson? found = null;
        MemberToken? member = null;
        if (OrgAccess.RouteOrgId(Context) is { } orgId)
        {
            member = await FindMemberToken.For(db)(db, hash, orgId, Context.RequestAborted);
            if (member is not null) found = new TokenAndPerson(member.Token, member.Person);
        }
        found ??= await FindToken.For(db)(db, hash, Context.RequestAborted);
        var row = found?.Token;
        if (row is null || row.RevokedUtc is not null || (row.ExpiresUtc is { } exp && exp <= now))
            return AuthenticateResult.Fail("Unknown or revoked token.");
        var person = found!.Person;
        if (person.IsDisabled) return AuthenticateResult.Fail("Account unavailable.");
        // Touch last-used at most once a minute: a token used in a loop must not turn every read into a write. A first use
        // is written at once; later ones are gathered and written together, one UPDATE a second at most (a thousand
        // tokens used in the same second are not a thousand writes).
        if (row.LastUsedUtc is null)
            await db.ApiTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, now), Context.RequestAborted);
        else if (now - row.LastUsedUtc > TimeSpan.FromMinutes(1))
            await Context.RequestServices.GetRequiredService<TokenUses>().NoteAsync(db, row.Id, now);
        // The principal from the row already loaded, not through UserManager: that would query the person's Identity
        // claims on every request, and the app stores none (see ClaimsFactory.PersonClaims).
        var types = identity.Value.ClaimsIdentity;
        var id = new ClaimsIdentity(ClaimsFactory.PersonClaims(person, types), Scheme.Name, types.UserNameClaimType, types.RoleClaimType);
        id.AddClaim(new Claim(BearerTokenDefaults.ScopeClaim, row.Scope.ToString()));
        if (member is not null) Context.RequestServices.GetRequiredService<OrgAccess>().Prime(member.Org, member.Membership);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(id), Scheme.Name));
    }

    sealed record TokenAndPerson(ApiToken Token, Person Person);

    sealed record MemberToken(ApiToken Token, Person Person, Membership Membership, Organization Org);

    // Every API request runs this lookup, so it is compiled (see CompiledPerModel). Of the person it reads what the
    // principal needs, and no more: the other encrypted columns (user name, display name, phone) are not read, so not
    // decrypted, on every request.
    static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<TokenAndPerson?>>> FindToken = new(() =>
        EF.CompileAsyncQuery((AppDbContext c, string hash, CancellationToken ct) =>
            c.ApiTokens.AsNoTracking().Where(t => t.Hash == hash)
                .Join(c.Users.AsNoTracking(), t => t.PersonId, p => p.Id, (t, p) => new TokenAndPerson(t, new Person
                {
                    Id = p.Id, Email = p.Email, SecurityStamp = p.SecurityStamp, IsInstanceAdmin = p.IsInstanceAdmin, IsDisabled = p.IsDisabled,
                }))
                .FirstOrDefault()));

    // The same, for a member of the route's organization: the membership with its organizer scopes and placements and
    // the organization, as OrgAccess reads them (the same rows, read in the same request).
    static readonly CompiledPerModel<Func<AppDbContext, string, int, CancellationToken, Task<MemberToken?>>> FindMemberToken = new(() =>
        EF.CompileAsyncQuery((AppDbContext c, string hash, int orgId, CancellationToken ct) =>
            c.Memberships.AsNoTracking().Include(m => m.OrganizerScopes).Include(m => m.Placements)
                .Where(m => m.OrganizationId == orgId)
                .Join(c.ApiTokens.AsNoTracking().Where(t => t.Hash == hash), m => m.PersonId, t => t.PersonId, (m, t) => new { m, t })
                .Join(c.Users.AsNoTracking(), x => x.t.PersonId, p => p.Id, (x, p) => new { x.m, x.t, p })
                .Join(c.Organizations.AsNoTracking(), x => x.m.OrganizationId, o => o.Id, (x, o) => new MemberToken(x.t, new Person
                {
                    Id = x.p.Id, Email = x.p.Email, SecurityStamp = x.p.SecurityStamp, IsInstanceAdmin = x.p.IsInstanceAdmin, IsDisabled = x.p.IsDisabled,
                }, x.m, o))
                .FirstOrDefault()));
}
