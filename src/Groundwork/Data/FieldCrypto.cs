using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Groundwork.Data;

/// Field-level encryption for sensitive columns: AES-256-GCM with a random nonce per value, keys kept outside
/// the database (a key file in the data directory, or GROUNDWORK_FIELD_KEYS in the environment), and a keyed
/// HMAC for the columns we must look up by (sign-in by email). Old keys stay in the ring so rotation is a
/// re-encryption in the background, not a flag day.
public sealed class FieldCrypto
{
    const string Prefix = "gw1:";
    readonly Dictionary<int, byte[]> keys;
    readonly byte[] lookupKey;

    public int CurrentKeyId { get; }
    /// Distinguishes key rings in EF's model cache (the converters capture this instance).
    public Guid InstanceId { get; } = Guid.NewGuid();

    public FieldCrypto(KeyRing ring)
    {
        keys = ring.Keys.ToDictionary(k => k.Id, k => Convert.FromBase64String(k.Key));
        if (keys.Count == 0 || !keys.ContainsKey(ring.Current))
            throw new InvalidOperationException("The field key ring has no current key.");
        if (keys.Values.Any(k => k.Length != 32))
            throw new InvalidOperationException("Field keys must be 32 bytes (base64).");
        lookupKey = Convert.FromBase64String(ring.LookupKey);
        CurrentKeyId = ring.Current;
    }

    public string Encrypt(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[4 + 12 + 16 + plain.Length];
        BitConverter.TryWriteBytes(blob.AsSpan(0, 4), CurrentKeyId);
        var nonce = blob.AsSpan(4, 12);
        RandomNumberGenerator.Fill(nonce);
        Cipher(CurrentKeyId, keys[CurrentKeyId]).Encrypt(nonce, plain, blob.AsSpan(32), blob.AsSpan(16, 16));
        return Prefix + Convert.ToBase64String(blob);
    }

    public string Decrypt(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
            return stored; // written before encryption was enabled for the column
        // The blob and the plaintext bytes live in one stack (or pooled) buffer, cleared after: a page of thousands of
        // names (the wall chart) allocates only the strings it returns.
        var base64 = stored.AsSpan(Prefix.Length);
        var max = base64.Length / 4 * 3;
        byte[]? rented = null;
        Span<byte> buffer = 2 * max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(2 * max));
        try
        {
            if (!Convert.TryFromBase64Chars(base64, buffer[..max], out var length) || length < 32)
                throw new CryptographicException("The stored value is not a sealed field.");
            var blob = buffer[..length];
            var keyId = BitConverter.ToInt32(blob);
            if (!keys.TryGetValue(keyId, out var key))
                throw new CryptographicException($"Field key {keyId} is not in the key ring.");
            var plain = buffer.Slice(max, length - 32);
            Cipher(keyId, key).Decrypt(blob.Slice(4, 12), blob[32..], blob.Slice(16, 16), plain);
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // AesGcm is not thread-safe and costly to create (a key schedule per instance): one per thread, ring and key id.
    // Creating one per value made decryption, not the database, the cost of a 10,000-contact wall chart.
    [ThreadStatic] static Dictionary<(Guid, int), AesGcm>? ciphers;

    AesGcm Cipher(int keyId, byte[] key)
    {
        var cache = ciphers ??= [];
        if (!cache.TryGetValue((InstanceId, keyId), out var aes))
        {
            if (cache.Count > 64) cache.Clear(); // test hosts make many rings; never let a thread hold them all
            cache[(InstanceId, keyId)] = aes = new AesGcm(key, 16);
        }
        return aes;
    }

    public bool IsCurrent(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal)
        && BitConverter.ToInt32(Convert.FromBase64String(stored[Prefix.Length..]), 0) == CurrentKeyId;

    /// Deterministic keyed hash for equality lookups; the input is already normalized by the caller.
    public string Lookup(string normalized) =>
        "h1:" + Convert.ToBase64String(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(normalized)));

    public sealed record KeyEntry(int Id, string Key, DateTime CreatedUtc);

    public sealed record KeyRing(int Current, List<KeyEntry> Keys, string LookupKey)
    {
        public static KeyRing New() => new(1,
            [new KeyEntry(1, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), TimeProvider.System.GetUtcNow().UtcDateTime)],
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        public KeyRing Rotate()
        {
            var id = Keys.Max(k => k.Id) + 1;
            return this with
            {
                Current = id,
                Keys = [.. Keys, new KeyEntry(id, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), TimeProvider.System.GetUtcNow().UtcDateTime)],
            };
        }

        static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

        public string ToJson() => JsonSerializer.Serialize(this, Json);

        public static KeyRing FromJson(string json) =>
            JsonSerializer.Deserialize<KeyRing>(json) ?? throw new InvalidOperationException("Empty field key ring.");

        /// The environment wins (a secret store, a second node); otherwise a file in the data directory,
        /// created with owner-only permissions on first start.
        public static KeyRing Load(string? fromEnvironment, string keyFile)
        {
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
                return FromJson(fromEnvironment);
            if (File.Exists(keyFile))
                return FromJson(File.ReadAllText(keyFile));
            var ring = New();
            Save(ring, keyFile);
            return ring;
        }

        public static void Save(KeyRing ring, string keyFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            var tmp = keyFile + ".tmp";
            File.WriteAllText(tmp, ring.ToJson());
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(tmp, keyFile, overwrite: true);
        }
    }
}
