using System.Globalization;

namespace Groundwork.Organizing;

public static class CustomFieldRules
{
    /// Why a value does not fit its field, or null when it does (empty clears the value).
    public static string? Check(CustomField field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Length > ContactRules.MaxFieldValue) return "A custom field value can be at most 2000 characters.";
        var v = value.Trim();
        return field.Type switch
        {
            CustomFieldType.Number when !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => "This custom field takes a number.",
            CustomFieldType.Date when !DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "This custom field takes a date (YYYY-MM-DD).",
            CustomFieldType.YesNo when v is not ("yes" or "no" or "true" or "false") => "This custom field takes yes or no.",
            CustomFieldType.Choice when !(field.Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(v) => "This custom field takes one of its choices.",
            _ => null,
        };
    }
}
