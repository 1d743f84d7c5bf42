using System.Text.Json;

namespace Groundwork.Organizing.Import;

/// How an import's settings, errors and staged row plans are stored as JSON.
internal static class ImportJson
{
    internal static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    // A staged merge keeps its whole row plan; the units are (name, kind) tuples, whose values are fields.
    internal static readonly JsonSerializerOptions Plan = new(JsonSerializerDefaults.Web) { IncludeFields = true };
}
