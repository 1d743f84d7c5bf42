using System.Security.Cryptography;
using System.Text;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

/// Anyone signs a public pledge with an email address: a request emails a link, and the signature counts once the link
/// is confirmed. Both the page and the API call these; each does its follow-up (the email, activation) itself.
public static class PublicSigning
{
    /// Records the request and emails the link; null when all went well. Always the same answer, whether or not the
    /// address has signed already, so the form tells nobody who signed. <paramref name="linkRoot"/> is
    /// <see cref="InstanceOptions.LinkRoot"/>: an empty PublicUrl (the shipped appsettings) means "not configured", and
    /// a mail program cannot open a relative link.
    public static async Task<Failure?> RequestAsync(AppDbContext db, SealedKeys keys, PledgeActivation activation, string linkRoot, string slug,
        PublicSignInput input, DateTime now, CancellationToken ct)
    {
        var p = await PledgeQueries.FindPublicAsync(db, slug, ct);
        if (p is null) return Failure.NotFound();
        if (SignPledge.Refuse(p.CanSign(now)) is { } refused) return refused;
        var email = SignerIdentity.NormalizeEmail(input.Email);
        if (keys.Find(p.KeyName) is not { } key) return SignPledge.Refuse(SignRefusal.NotGathering);
        var hash = SignerIdentity.Hash(key, SignerIdentity.Email(email));
        if (await db.PledgeSignatures.AnyAsync(s => s.PledgeId == p.Id && s.SignerHash == hash, ct)) return null;
        var token = "gwp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        // The expiry is rounded up to the hour so that it does not record when the address was entered.
        var expires = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc).AddHours(25);
        // The email goes out after the write is committed and its gate released: a slow mail server holds up no writer.
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            await db.PledgeEmailConfirmations.Where(c => c.PledgeId == p.Id && c.SignerHash == hash).ExecuteDeleteAsync(ct);
            db.PledgeEmailConfirmations.Add(new PledgeEmailConfirmation
            {
                PledgeId = p.Id, TokenHash = TokenHash(token), SignerHash = hash, SealedEmail = SealedKeys.Seal(key, SignerIdentity.Email(email), p.SealContext),
                ConditionMin = input.AtLeastOthers, ExpiresUtc = expires,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                return null; // a concurrent request for the same address: that one's link counts
            }
            await tx.CommitAsync(ct);
        }
        await activation.SendConfirmationAsync(email, $"{linkRoot}/pledges/confirm/{token}", p, CancellationToken.None);
        return null;
    }

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<Outcome<Pledge>> ConfirmAsync(AppDbContext db, PledgeSignQueue queue, PledgeActivation activation,
        ConfirmSignatureInput input, DateTime now, CancellationToken ct)
    {
        var th = TokenHash(input.Token);
        var c = await db.PledgeEmailConfirmations.AsNoTracking().FirstOrDefaultAsync(x => x.TokenHash == th, ct);
        if (c is null || c.ExpiresUtc <= now) return Failure.NotFound("This confirmation link is not valid or has expired.");
        var p = await db.Pledges.AsNoTracking().Include(x => x.Organizations).FirstAsync(x => x.Id == c.PledgeId, ct);
        if (SignPledge.Refuse(p.CanSign(now)) is { } refused) return refused;
        var gone = await db.PledgeEmailConfirmations.Where(x => x.Id == c.Id).ExecuteDeleteAsync(ct);
        if (gone == 0) return Failure.NotFound("This confirmation link is not valid or has expired.");
        var (r, _) = await queue.WriteAsync(new SignatureWrite(p.Id, c.SignerHash, c.SealedEmail, null, null, c.ConditionMin, ConditionScope.Pledge), ct);
        if (!r.Ok) return r.Failure!;
        await activation.AfterChangeAsync(p.Id, CancellationToken.None);
        return p;
    }
}
