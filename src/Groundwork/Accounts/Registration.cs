using System.Net.Mail;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Groundwork.Accounts;

/// Registration that answers the same whether or not the address already has an account: the owner of an
/// existing account gets an email about the attempt, the page says "check your email" either way, and the
/// same password hashing work is done on both paths so timing tells nothing either.
public sealed class Registration(UserManager<Person> users, IMailer mailer, IStringLocalizer<SharedResource> L, AppDbContext db, TimeProvider clock)
{
    public static bool IsEmail(string email) =>
        email.Length is > 3 and <= 254 && MailAddress.TryCreate(email, out var a) && a.Address == email && !email.Contains(' ');

    /// Returns field errors (field → message) or an empty list when the page should say "check your email".
    public async Task<List<(string Field, string Message)>> RegisterAsync(string email, string displayName, string password,
        Func<Person, string, Task> sendConfirmation, CancellationToken ct)
    {
        email = email.Trim();
        displayName = displayName.Trim();
        var errors = new List<(string, string)>();
        if (!IsEmail(email)) errors.Add(("email", L["Enter a valid email address."]));
        if (displayName.Length > 100) errors.Add(("name", L["Use at most 100 characters."]));
        var candidate = new Person { UserName = email, Email = email, DisplayName = displayName, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        foreach (var v in users.PasswordValidators)
        {
            var r = await v.ValidateAsync(users, candidate, password);
            if (!r.Succeeded) errors.AddRange(r.Errors.Select(e => ("password", PasswordMessage(e))));
        }
        if (errors.Count > 0) return errors;

        if (displayName.Length == 0) candidate.DisplayName = email.Split('@')[0];
        var created = await users.CreateAsync(candidate, password);
        if (created.Succeeded)
        {
            db.Record(clock.GetUtcNow().UtcDateTime, AuditActions.AccountCreated, candidate.Id, subjectPersonId: candidate.Id);
            await db.SaveChangesAsync(ct);
            await sendConfirmation(candidate, email);
            return [];
        }
        if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
        {
            users.PasswordHasher.HashPassword(candidate, password); // the same work as the success path
            await mailer.SendAsync(email, L["Someone tried to register with your address"],
                L["Someone tried to create a Groundwork account with this email address, which already has one. If it was you, sign in or reset your password. If not, you can ignore this message."], ct);
            return [];
        }
        return [.. created.Errors.Select(e => ("email", e.Description))];
    }

    public string PasswordMessage(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" => L["Use at least {0} characters.", Auth.PasswordPolicy.MinLength],
        "PasswordTooLong" => L["Use at most {0} characters.", Auth.PasswordPolicy.MaxLength],
        "PasswordCommon" => L["This password is too common. Choose a less predictable one — a few unrelated words work well."],
        _ => e.Description,
    };
}
