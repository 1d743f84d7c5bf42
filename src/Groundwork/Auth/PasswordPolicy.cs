using System.Reflection;
using Groundwork.Data;
using Microsoft.AspNetCore.Identity;

namespace Groundwork.Auth;

/// OWASP ASVS 2.1: at least 12 characters, at most 128 (long passphrases welcome, no composition rules), and
/// none of the most common passwords — also not with digits or symbols tacked on the end.
public sealed class PasswordPolicy : IPasswordValidator<Person>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("common-passwords.txt")!;
        using var r = new StreamReader(s);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (r.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set;
    });

    public static bool IsCommon(string password)
    {
        var p = password.ToLowerInvariant();
        if (Common.Value.Contains(p)) return true;
        var core = p.TrimEnd("0123456789!@#$%^&*.?-_ ".ToCharArray());
        if (core.Length >= 4 && Common.Value.Contains(core)) return true;
        // "passwordpassword", "qwertyqwerty": one common word repeated.
        for (var len = 4; len <= p.Length / 2; len++)
            if (p.Length % len == 0 && Common.Value.Contains(p[..len]) && string.Concat(Enumerable.Repeat(p[..len], p.Length / len)) == p)
                return true;
        return p.Distinct().Count() < 4;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length < MinLength)
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"Use at least {MinLength} characters." });
        else if (password.Length > MaxLength)
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"Use at most {MaxLength} characters." });
        else if (IsCommon(password))
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "This password is too common. Choose a less predictable one — a few unrelated words work well." });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
