using System.Security.Cryptography;
using System.Text;

namespace Groundwork.Pledges;

/// Who a signature is, as the pledge's key sees it: an identity string ("person:…" or "email:…"), sealed for the
/// record and hashed with the key so that the same signer is found again without opening anything.
public static class SignerIdentity
{
    public static string Hash(byte[] key, string identity) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(identity)));

    public static string Person(string personId) => "person:" + personId;
    public static string Email(string email) => "email:" + NormalizeEmail(email);
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
