using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Structure;

public sealed record SigningLinkInput([property: Range(1, int.MaxValue)] int ContactId,
    [property: Range(1, 60, ErrorMessage = "A link lasts from 1 to 60 days.")] int ExpiresInDays = 14);

public sealed record SigningLinkCreated(string Url, string Token, DateTime ExpiresUtc);

public sealed record SignInput(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    bool Consent,
    int? UnitId = null);

public sealed record TokenInput([property: Required, StringLength(200, MinimumLength = 10)] string Token);

public sealed record LinkSignInput(
    [property: Required, StringLength(200, MinimumLength = 10)] string Token,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    bool Consent,
    int? UnitId = null);

public sealed record UnitChoice(int Id, string Name);

/// What a signer sees: the statement, the units they may name, and whether they have signed already.
public sealed record StatementView(int TestId, StructureTestKind Kind, string Title, string Statement, DateOnly Date, bool Open,
    bool Signed, DateTime? SignedUtc, List<UnitChoice> Units);

public sealed record SignatureView(long Id, string Name, DateTime SignedUtc, int? ContactId, string? UnitName, bool ByMember);

/// Cards and petitions: members sign as themselves; contacts without an account sign through a personal link whose
/// token is shown once and stored only as a hash. A signature is a participation in the test, and the signer can
/// take it back (the row is deleted, not flagged: a revoked signature should leave nothing to find).
public static class Signing
{
    public const string TokenPrefix = "gws_";

    public static string NewToken() => TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// Tokens look like gws_ and 43 URL-safe characters; anything else is refused before touching the database.
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 47 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && token.AsSpan(4).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    public static Failure? ValidateSignature(string? name, bool consent)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) return Failure.Invalid("Write your name (up to 200 characters).", "name");
        if (!consent) return Failure.Invalid("Tick the box to confirm that you agree to sign.", "consent");
        return null;
    }

    public static async Task<Outcome<SigningLinkCreated>> CreateLinkAsync(AppDbContext db, StructureTest t, HashSet<int>? covered, SigningLinkInput input,
        string actorId, string baseUrl, DateTime now, CancellationToken ct)
    {
        if (!t.IsSignable) return Failure.Conflict("Only an open petition or card can be signed.");
        if (!await ContactAccess.Visible(db, t.OrganizationId, covered).AnyAsync(c => c.Id == input.ContactId, ct))
            return Failure.NotFound("Contact not found.");
        var token = NewToken();
        var link = new SigningLink
        {
            StructureTestId = t.Id, ContactId = input.ContactId, TokenHash = ApiTokens.Hash(token), CreatedUtc = now,
            ExpiresUtc = now.AddDays(input.ExpiresInDays), CreatedById = actorId,
        };
        db.SigningLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return new SigningLinkCreated($"{baseUrl.TrimEnd('/')}/sign/{token}", token, link.ExpiresUtc);
    }

    sealed record Resolved(SigningLink Link, StructureTest Test);

    static async Task<Outcome<Resolved>> ResolveAsync(AppDbContext db, string? token, DateTime now, bool allowExpired, CancellationToken ct)
    {
        if (!LooksLikeToken(token)) return Failure.NotFound("This signing link is not valid.");
        var hash = ApiTokens.Hash(token!);
        var link = await db.SigningLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null) return Failure.NotFound("This signing link is not valid.");
        if (!allowExpired && link.ExpiresUtc <= now) return new Failure(410, "This signing link has expired. Ask your organizer for a new one.");
        var test = await db.StructureTests.AsNoTracking().FirstOrDefaultAsync(t => t.Id == link.StructureTestId, ct);
        if (test is null) return Failure.NotFound("This signing link is not valid.");
        return new Resolved(link, test);
    }

    static Task<List<UnitChoice>> UnitsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.OrganizationId == orgId).OrderBy(u => u.Name).Select(u => new UnitChoice(u.Id, u.Name)).ToListAsync(ct);

    static StatementView View(StructureTest t, Signature? s, List<UnitChoice> units) =>
        new(t.Id, t.Kind, t.Title, t.Statement ?? "", DateOnly.FromDateTime(t.DateUtc), t.IsSignable, s is not null, s?.SignedUtc, units);

    public static async Task<Outcome<StatementView>> StatementForLinkAsync(AppDbContext db, string? token, DateTime now, CancellationToken ct)
    {
        var r = await ResolveAsync(db, token, now, allowExpired: false, ct);
        if (!r.Ok) return r.Failure!;
        var (link, t) = r.Value!;
        if (t.Statement is null) return Failure.NotFound("This signing link is not valid.");
        var s = await db.Signatures.AsNoTracking().FirstOrDefaultAsync(x => x.StructureTestId == t.Id && x.ContactId == link.ContactId, ct);
        return View(t, s, await UnitsAsync(db, t.OrganizationId, ct));
    }

    public static async Task<Outcome<StatementView>> StatementForMemberAsync(AppDbContext db, StructureTest t, string personId, CancellationToken ct)
    {
        if (t.Statement is null) return Failure.NotFound("This test has nothing to sign.");
        var s = await db.Signatures.AsNoTracking().FirstOrDefaultAsync(x => x.StructureTestId == t.Id && x.PersonId == personId, ct);
        return View(t, s, await UnitsAsync(db, t.OrganizationId, ct));
    }

    public static async Task<Outcome<StatementView>> SignWithLinkAsync(AppDbContext db, LinkSignInput input, DateTime now, CancellationToken ct)
    {
        var r = await ResolveAsync(db, input.Token, now, allowExpired: false, ct);
        if (!r.Ok) return r.Failure!;
        var (link, t) = r.Value!;
        return await SignAsync(db, t, link.ContactId, null, input.Name, input.Consent, input.UnitId, now, ct);
    }

    public static async Task<Outcome<StatementView>> SignAsMemberAsync(AppDbContext db, StructureTest t, string personId, SignInput input, DateTime now, CancellationToken ct)
    {
        // A member whose account is linked to a contact of this organization counts as that contact.
        var contactId = await db.Contacts.Where(c => c.OrganizationId == t.OrganizationId && c.PersonId == personId).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        return await SignAsync(db, t, contactId, personId, input.Name, input.Consent, input.UnitId, now, ct);
    }

    static async Task<Outcome<StatementView>> SignAsync(AppDbContext db, StructureTest t, int? contactId, string? personId, string name, bool consent,
        int? unitId, DateTime now, CancellationToken ct)
    {
        if (!t.IsSignable) return Failure.Conflict(t.Statement is null ? "This test has nothing to sign." : "Signing has closed.");
        if (ValidateSignature(name, consent) is { } f) return f;
        if (unitId is { } u && !await db.Units.AnyAsync(x => x.Id == u && x.OrganizationId == t.OrganizationId, ct))
            return Failure.Invalid("Choose one of the listed units, or none.", "unitId");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sig = new Signature
        {
            StructureTestId = t.Id, ContactId = personId is null ? contactId : null, PersonId = personId, Name = name.Trim(),
            UnitId = unitId, SignedUtc = now, Consented = true,
        };
        db.Signatures.Add(sig);
        try
        {
            await db.SaveChangesAsync(ct);
            if (contactId is { } c && !await db.Participations.AnyAsync(p => p.StructureTestId == t.Id && p.ContactId == c, ct))
            {
                db.Participations.Add(new Participation { StructureTestId = t.Id, ContactId = c, Source = ParticipationSource.Signed, RecordedUtc = now });
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Failure.Conflict("You have already signed.");
        }
        return View(t, sig, await UnitsAsync(db, t.OrganizationId, ct));
    }

    public static async Task<Failure?> RevokeWithLinkAsync(AppDbContext db, string? token, DateTime now, CancellationToken ct)
    {
        var r = await ResolveAsync(db, token, now, allowExpired: true, ct);
        if (!r.Ok) return r.Failure!;
        var (link, t) = r.Value!;
        return await RevokeAsync(db, t, link.ContactId, null, ct);
    }

    public static async Task<Failure?> RevokeAsMemberAsync(AppDbContext db, StructureTest t, string personId, CancellationToken ct)
    {
        var contactId = await db.Contacts.Where(c => c.OrganizationId == t.OrganizationId && c.PersonId == personId).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        return await RevokeAsync(db, t, contactId, personId, ct);
    }

    static async Task<Failure?> RevokeAsync(AppDbContext db, StructureTest t, int? contactId, string? personId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var n = personId is not null
            ? await db.Signatures.Where(s => s.StructureTestId == t.Id && s.PersonId == personId).ExecuteDeleteAsync(ct)
            : await db.Signatures.Where(s => s.StructureTestId == t.Id && s.ContactId == contactId).ExecuteDeleteAsync(ct);
        if (n == 0) return Failure.NotFound("There is no signature to take back.");
        if (contactId is { } c)
            await db.Participations.Where(p => p.StructureTestId == t.Id && p.ContactId == c && p.Source == ParticipationSource.Signed).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// The signatures the caller may see: of contacts within reach, and members' own signatures when the caller covers
    /// the whole organization or the unit the member named.
    public static async Task<List<SignatureView>> ListAsync(AppDbContext db, StructureTest t, HashSet<int>? covered, CancellationToken ct)
    {
        var visible = ContactAccess.Visible(db, t.OrganizationId, covered).Select(c => c.Id);
        var ids = covered?.ToList();
        var rows = await db.Signatures.AsNoTracking()
            .Where(s => s.StructureTestId == t.Id && (s.ContactId != null ? visible.Contains(s.ContactId.Value)
                : ids == null || (s.UnitId != null && ids.Contains(s.UnitId.Value))))
            .OrderBy(s => s.Id).Take(5000)
            .Select(s => new { s.Id, s.Name, s.SignedUtc, s.ContactId, s.UnitId, s.PersonId }).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == t.OrganizationId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.Select(s => new SignatureView(s.Id, s.Name, s.SignedUtc, s.ContactId, s.UnitId is { } u ? units.GetValueOrDefault(u) : null, s.PersonId is not null)).ToList();
    }
}
