using System.Security.Cryptography;
using Groundwork.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Auth;

/// RFC 6238 codes from authenticator apps, accepted within one 30-second step either side and only once:
/// the accepted step is inserted under a primary key, so a replay — even twenty at once — fails at the database.
public sealed class ReplayProtectedTotp(AppDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<Person>
{
    public const int Digits = 6;
    static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public Task<string> GenerateAsync(string purpose, UserManager<Person> manager, Person user) =>
        Task.FromResult(""); // the authenticator app generates codes, the server never sends them

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Person> manager, Person user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Person> manager, Person user)
    {
        token = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (token.Length != Digits || !token.All(char.IsAsciiDigit)) return false;
        var keyText = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(keyText) || Base32.Decode(keyText) is not { } key) return false;

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        for (var delta = -1; delta <= 1; delta++)
        {
            var step = now + delta;
            if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(token)))
                continue;
            return await ClaimStepAsync(user.Id, step);
        }
        return false;
    }

    async Task<bool> ClaimStepAsync(string personId, long step)
    {
        // Older steps than one already used are refused too (RFC 6238 §5.2).
        if (await db.UsedTotpSteps.AnyAsync(s => s.PersonId == personId && s.TimeStep >= step)) return false;
        var row = new UsedTotpStep { PersonId = personId, TimeStep = step, AcceptedUtc = clock.GetUtcNow().UtcDateTime };
        db.UsedTotpSteps.Add(row);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
        await db.UsedTotpSteps.Where(s => s.PersonId == personId && s.TimeStep < step - 4).ExecuteDeleteAsync();
        return true;
    }

    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; its use in HOTP is not a collision risk
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static long CurrentStep(DateTimeOffset now) => now.ToUnixTimeSeconds() / 30;
}
