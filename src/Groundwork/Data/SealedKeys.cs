using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Groundwork.Data;

/// Keys for things that must stay sealed: a secret ballot box while the poll is open, a pledge's signers until it
/// activates. One random 256-bit key per sealed thing, kept outside the database — a file of its own under
/// <c>&lt;data&gt;/keys/sealed/</c>, or <c>Groundwork:SealedKeyDirectory</c> (a volume every app node mounts) — so that a
/// copied database alone reveals nothing, and destroyed (overwritten, then deleted) when the thing must never be
/// read again: a pledge that expired without activating, a ballot box once it has been rewritten at close.
/// Unlike the field key ring these keys are never derived from anything that survives them.
public sealed partial class SealedKeys
{
    const int KeySize = 32;
    const string Prefix = "gs1:";

    public SealedKeys(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Directory { get; }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,80}$")]
    private static partial Regex NameRule();

    string PathOf(string name) =>
        NameRule().IsMatch(name) ? Path.Combine(Directory, name + ".key")
        : throw new ArgumentException("A sealed key name is lower-case letters, digits and dashes.", nameof(name));

    /// The key called <paramref name="name"/> ("poll-12", "pledge-7"), made on first use. Two nodes or threads asking at
    /// once get the same key: the file is created exclusively and the loser reads the winner's.
    public byte[] GetOrCreate(string name)
    {
        var path = PathOf(name);
        if (TryRead(path) is { } existing) return existing;
        var key = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var f = new FileStream(path, options)) f.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Someone else made it between our look and our write; theirs is the key.
            for (var i = 0; i < 50; i++)
            {
                if (TryRead(path) is { } theirs) return theirs;
#pragma warning disable RS0030 // a synchronous read-back of a file another process is finishing, at most 100 ms
                Thread.Sleep(2);
#pragma warning restore RS0030
            }
            throw;
        }
    }

    /// The key, or null when it was never made or has been destroyed.
    public byte[]? Find(string name) => TryRead(PathOf(name));

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Key, long ReadAt)> recent = new();

    /// <see cref="Find"/> for a hot path (a thousand signatures a second on one pledge): the key is kept in memory for at
    /// most <paramref name="maxAge"/> after it was read from its file. <see cref="Destroy"/> on this node drops it at
    /// once; a destruction on another node is seen here within <paramref name="maxAge"/>. Only for keys whose use is
    /// also guarded elsewhere (a pledge's signatures are refused by the database once it stops gathering).
    public byte[]? FindRecent(string name, TimeSpan maxAge)
    {
        var now = Environment.TickCount64;
        if (recent.TryGetValue(name, out var hit) && now - hit.ReadAt < (long)maxAge.TotalMilliseconds) return hit.Key;
        var key = Find(name);
        if (key is null) recent.TryRemove(name, out _);
        else recent[name] = (key, now);
        return key;
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    /// Overwrites the key file with random bytes, flushes, deletes it. Returns false when there was no key.
    public bool Destroy(string name)
    {
        var path = PathOf(name);
        recent.TryRemove(name, out _);
        if (!File.Exists(path)) return false;
        try
        {
            using (var f = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                f.Write(RandomNumberGenerator.GetBytes(KeySize));
                f.Flush(flushToDisk: true);
            }
            File.Delete(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    static byte[]? TryRead(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.Length == KeySize ? bytes : null; // a file being written by a racing creator
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// AES-256-GCM with a random nonce. <paramref name="context"/> (say "poll-12/ballot") is bound in as associated data,
    /// so a ciphertext cannot be moved to another poll or table. The plaintext is padded to a multiple of
    /// <paramref name="padTo"/> bytes (length-prefixed) so that sizes do not tell ballots or names apart.
    public static string Seal(byte[] key, string plaintext, string context, int padTo = 64)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var padded = 4 + plain.Length;
        if (padTo > 1) padded = (padded + padTo - 1) / padTo * padTo;
        var body = new byte[padded];
        BinaryPrimitives.WriteInt32LittleEndian(body, plain.Length);
        plain.CopyTo(body, 4);
        var blob = new byte[12 + 16 + body.Length];
        RandomNumberGenerator.Fill(blob.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(blob.AsSpan(0, 12), body, blob.AsSpan(28), blob.AsSpan(12, 16), Encoding.UTF8.GetBytes(context));
        return Prefix + Convert.ToBase64String(blob);
    }

    /// The plaintext of <see cref="Seal"/>; throws <see cref="CryptographicException"/> for a wrong key, context or a
    /// tampered value.
    public static string Open(byte[] key, string sealedValue, string context)
    {
        using var aes = new AesGcm(key, 16);
        return Open(aes, sealedValue, Encoding.UTF8.GetBytes(context));
    }

    /// <see cref="Open(byte[], string, string)"/> with a cipher made once by the caller: opening many values under one key
    /// (a ballot box at close, on several threads, one cipher each) skips the key schedule per value.
    public static string Open(AesGcm aes, string sealedValue, byte[] context)
    {
        ArgumentNullException.ThrowIfNull(aes);
        if (!sealedValue.StartsWith(Prefix, StringComparison.Ordinal))
            throw new CryptographicException("Not a sealed value.");
        var blob = Convert.FromBase64String(sealedValue[Prefix.Length..]);
        if (blob.Length < 12 + 16 + 4) throw new CryptographicException("A sealed value is too short.");
        var body = new byte[blob.Length - 28];
        aes.Decrypt(blob.AsSpan(0, 12), blob.AsSpan(28), blob.AsSpan(12, 16), body, context);
        var length = BinaryPrimitives.ReadInt32LittleEndian(body);
        if (length < 0 || length > body.Length - 4) throw new CryptographicException("A sealed value has a bad length.");
        return Encoding.UTF8.GetString(body, 4, length);
    }
}
