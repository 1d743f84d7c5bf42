using System.Runtime.CompilerServices;
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
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace Groundwork.Auth;

public static class ApiTokens
{
    /// 32 random bytes, prefixed so that a leaked token is recognisable by secret scanners.
    public static string NewToken() => "gwp_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    static string Base64UrlEncode(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static async Task<string> CreateAsync(AppDbContext db, Person person, string name, TokenScope scope, DateTime now, CancellationToken ct)
    {
        var token = NewToken();
        db.ApiTokens.Add(new ApiToken { PersonId = person.Id, Name = name, Hash = Hash(token), Scope = scope, CreatedUtc = now });
        await db.SaveChangesAsync(ct);
        return token;
    }
}
