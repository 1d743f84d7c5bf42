using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Groundwork.Web;

/// The one UTC rule for times that come in. Every stored time is UTC; a time arrives either from JSON (the converters
/// below, registered once for the API) or from a form (a page calls <see cref="Normalize(DateTime)"/>, or converts from
/// the person's time zone first). Operations never convert times themselves.
public static class UtcTime
{
    /// A value of a known kind is converted; one of no stated kind (a form's datetime-local, a JSON time without an
    /// offset) is taken as UTC already.
    public static DateTime Normalize(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };

    public static DateTime? Normalize(DateTime? d) => d is { } v ? Normalize(v) : null;

    /// JSON times: "2026-12-08T10:00:00+02:00" is 08:00 UTC, "2026-12-08T10:00:00Z" and "2026-12-08T10:00:00" are 10:00 UTC.
    /// System.Text.Json's own reading turns an offset into the server's local time (Kind Local), which a later
    /// SpecifyKind would have stored shifted.
    public sealed class DateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TryGetDateTimeOffset(out var withOffset) && HasOffset(ref reader)) return withOffset.UtcDateTime;
            if (reader.TryGetDateTime(out var plain)) return Normalize(plain);
            throw new JsonException("The value is not a date and time in ISO 8601 form.");
        }

        static bool HasOffset(ref Utf8JsonReader reader)
        {
            var s = reader.GetString();
            if (string.IsNullOrEmpty(s)) return false;
            var t = s.IndexOf('T', StringComparison.Ordinal);
            if (t < 0) return false;
            var time = s.AsSpan(t + 1);
            return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Normalize(value).ToString("O", CultureInfo.InvariantCulture));
    }

    public sealed class DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TryGetDateTimeOffset(out var v) ? v.ToUniversalTime()
            : throw new JsonException("The value is not a date and time in ISO 8601 form.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
    }

    public static void AddTo(JsonSerializerOptions options)
    {
        options.Converters.Add(new DateTimeConverter());
        options.Converters.Add(new DateTimeOffsetConverter());
    }
}
