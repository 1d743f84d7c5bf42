using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Groundwork.Web;

/// The one source of validation: the DataAnnotations (and IValidatableObject) of an input record. The API checks them
/// before its handler runs (AddValidation); a page checks the same record here before it calls the operation, so the
/// page shows, next to the field, the message the API would have returned. Operations do not repeat these limits:
/// they check only what needs the database or the clock (does it exist, is the deadline still ahead).
/// A rule's message is its attribute's ErrorMessage, in English, and the key of its translation.
public static class InputValidation
{
    /// Every broken rule, by field (camelCase, as the API names it: "statement", "targets[0].count").
    public static Dictionary<string, string[]> Errors(object input)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Collect(input, "", errors, 0);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// The first broken rule as a failure (a 400 with its field), or null when the input is valid.
    public static Failure? Check(object input)
    {
        var errors = Errors(input);
        if (errors.Count == 0) return null;
        var (field, messages) = errors.First();
        return Failure.Invalid(messages[0], field.Length == 0 ? null : field);
    }

    static void Collect(object input, string prefix, Dictionary<string, List<string>> errors, int depth)
    {
        if (depth > 8) return;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var r in results)
        {
            var members = r.MemberNames.Any() ? r.MemberNames : [""];
            foreach (var m in members)
            {
                var key = prefix + (m.Length == 0 ? "" : (prefix.Length == 0 ? "" : ".") + JsonNamingPolicy.CamelCase.ConvertName(m));
                if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
                list.Add(r.ErrorMessage ?? "The value is not valid.");
            }
        }
        // Nested records and arrays of records, as the API's validation walks them.
        foreach (var p in input.GetType().GetProperties())
        {
            if (p.GetIndexParameters().Length > 0 || p.PropertyType.IsPrimitive || p.PropertyType == typeof(string) || p.PropertyType.IsEnum) continue;
            var name = (prefix.Length == 0 ? "" : prefix + ".") + JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            switch (p.GetValue(input))
            {
                case null or string or DateTime or DateTimeOffset or Guid or decimal: break;
                case System.Collections.IEnumerable items:
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsRecord(item.GetType())) Collect(item, $"{name}[{i}]", errors, depth + 1);
                        i++;
                    }
                    break;
                case var value when IsRecord(value.GetType()):
                    Collect(value, name, errors, depth + 1);
                    break;
            }
        }
    }

    static bool IsRecord(Type t) => t.IsClass && t.Namespace?.StartsWith("Groundwork", StringComparison.Ordinal) == true;
}
