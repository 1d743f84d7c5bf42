using Groundwork.Audit;
using Groundwork.Data;
using Microsoft.AspNetCore.Identity;

namespace Groundwork.Accounts;

/// Sign-in that counts failures toward lockout, refuses disabled accounts, records the attempt, and spends the
/// same hashing work when the address is unknown so that response time does not reveal which accounts exist.
public sealed class SignIn(SignInManager<Person> signIn, UserManager<Person> users, AppDbContext db, TimeProvider clock)
{
    static readonly Person Dummy = new() { Id = "dummy" };
    static string? dummyHash;

    public async Task<SignInResult> WithPasswordAsync(string email, string password, bool remember)
    {
        email = email.Trim();
        var person = email.Length is > 0 and <= 254 ? await users.FindByEmailAsync(email) : null;
        if (person is null || password.Length is 0 or > 128)
        {
            dummyHash ??= users.PasswordHasher.HashPassword(Dummy, "an unused password for timing");
            users.PasswordHasher.VerifyHashedPassword(Dummy, dummyHash, password.Length > 128 ? password[..128] : password);
            return SignInResult.Failed;
        }
        if (person.IsDisabled) return SignInResult.NotAllowed;
        var result = await signIn.PasswordSignInAsync(person, password, remember, lockoutOnFailure: true);
        await RecordAsync(person.Id, result);
        return result;
    }

    public async Task<SignInResult> WithPasskeyAsync(string credentialJson)
    {
        var result = await signIn.PasskeySignInAsync(credentialJson);
        return result;
    }

    async Task RecordAsync(string personId, SignInResult result)
    {
        db.Record(clock.GetUtcNow().UtcDateTime, result.Succeeded || result.RequiresTwoFactor ? AuditActions.SignIn : AuditActions.SignInFailed,
            personId, subjectPersonId: personId, detail: result.Succeeded ? "password" : result.RequiresTwoFactor ? "password, second factor pending" : result.IsLockedOut ? "locked out" : "failed");
        await db.SaveChangesAsync();
    }
}
