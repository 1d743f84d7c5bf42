using System.Globalization;
using System.Text.Json;
using Groundwork.Data;

namespace Groundwork.Organizing;

/// The pure rules of a contact's values: the normalized forms that lookups hash, and the stored level and field formats.
public static class ContactRules
{
    public const int MaxFieldValue = 2000;

    public static string NameLookup(FieldCrypto crypto, string name) => crypto.Lookup(name.Trim().ToUpperInvariant());

    /// The normalized form of a channel value that its lookup hash is taken of: digits for numbers, lower case for
    /// email, trimmed upper case otherwise.
    public static string NormalizeChannel(ChannelKind kind, string value) => kind switch
    {
        ChannelKind.Phone or ChannelKind.Text => new string([.. value.Where(char.IsDigit)]),
        ChannelKind.Email => value.Trim().ToLowerInvariant(),
        _ => value.Trim().ToUpperInvariant(),
    };

    public static int ParseLevel(string level) => int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    public static Dictionary<string, string?> ReadFields(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
}
