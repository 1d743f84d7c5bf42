using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Groundwork.Organizing.Import;

/// The import's messages that carry a value (a column header from the file, a row, a count). The API gives them in
/// English, built from these templates; the pages turn a message back into its template and values and show it in the
/// reader's language (the templates are the resource keys).
public static class ImportMessages
{
    public const string Formula = "The \"{0}\" cell looks like a spreadsheet formula.";
    public const string CellTooLong = "The \"{0}\" cell is longer than 2,000 characters.";
    public const string NotEmail = "The \"{0}\" cell is not an email address.";
    public const string NotPhone = "The \"{0}\" cell is not a phone number.";
    public const string UnitTooLong = "The \"{0}\" unit name is longer than 200 characters.";
    public const string NotYesNo = "The \"{0}\" cell must be yes or no.";
    public const string NotNumber = "The \"{0}\" cell must be a number.";
    public const string NotDate = "The \"{0}\" cell must be a date (YYYY-MM-DD).";
    public const string SameEmailAsContact = "Same email as contact #{0}";
    public const string SamePhoneAsContact = "Same phone as contact #{0}";
    public const string SameNameAndUnitAsContact = "Same name and unit as contact #{0}";
    public const string SameAsRow = "Same email or phone as row {0}";
    public const string TooManyColumns = "The file has {0} columns; at most {1} can be imported. Remove the columns you do not need";
    public const string TooManyRows = "The file has more than {0} rows. Split it into smaller files";
    public const string RaggedRow = "This row has {0} fields; the header has {1}";
    public const string HugeCell = "A cell is longer than {0} characters";
    public const string Expired = "This upload was not started within a day, so its file was deleted. Upload the file again to import it.";

    static readonly string[] Templates =
        [Formula, CellTooLong, NotEmail, NotPhone, UnitTooLong, NotYesNo, NotNumber, NotDate, SameEmailAsContact, SamePhoneAsContact,
         SameNameAndUnitAsContact, SameAsRow, TooManyColumns, TooManyRows, RaggedRow, HugeCell];

    static readonly (string Template, Regex Pattern)[] Patterns = [.. Templates.Select(t =>
        (t, new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{\d\}", "(.*)") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50))))];

    public static string Say(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

    /// A message of the import in the reader's language: one built from a template is translated with its values;
    /// any other is looked up as it is.
    public static string Localize(IStringLocalizer l, string message)
    {
        foreach (var (template, pattern) in Patterns)
        {
            var m = pattern.Match(message);
            if (m.Success) return l[template, [.. m.Groups.Values.Skip(1).Select(g => (object)g.Value)]];
        }
        return l[message];
    }
}
