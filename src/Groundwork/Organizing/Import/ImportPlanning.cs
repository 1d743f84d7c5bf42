using System.Globalization;
using System.Text.RegularExpressions;
using Groundwork.Organizations;
using Groundwork.Web;

namespace Groundwork.Organizing.Import;

/// One row of the file, decided: what contact it makes, or why it cannot be imported.
public sealed record RowPlan(int Row, string Name, string? Role, string? Employer, string? Languages, string? Notes, List<string> Emails,
    List<string> Phones, List<(string Name, UnitKind Kind)> Units, List<string> Tags, bool? Eligible, Dictionary<int, string> Custom, List<string> Errors);

public sealed record CustomFieldRef(int Id, string Name, CustomFieldType Type);

/// The pure part of an import: suggesting a mapping from the headers (English and Spanish), and turning each row into a
/// plan or row errors. No database here; the runner does the rest.
public static partial class ImportPlanning
{
    static readonly (ImportTarget Target, UnitKind? Kind, string[] Names)[] Known =
    [
        (ImportTarget.Name, null, ["name", "full name", "nombre", "nombre completo", "nickname", "apodo"]),
        (ImportTarget.Phone, null, ["phone", "telephone", "mobile", "cell", "teléfono", "telefono", "móvil", "movil", "celular"]),
        (ImportTarget.Email, null, ["email", "e-mail", "mail", "correo", "correo electrónico", "correo electronico", "email address"]),
        (ImportTarget.Unit, UnitKind.Department, ["department", "dept", "departamento", "sección", "seccion"]),
        (ImportTarget.Unit, UnitKind.Shift, ["shift", "turno"]),
        (ImportTarget.Unit, UnitKind.Site, ["site", "location", "sede", "centro", "lugar"]),
        (ImportTarget.Unit, UnitKind.Building, ["building", "edificio"]),
        (ImportTarget.Unit, UnitKind.Floor, ["floor", "planta", "piso"]),
        (ImportTarget.Unit, UnitKind.Team, ["team", "equipo"]),
        (ImportTarget.Unit, UnitKind.Other, ["unit", "unidad"]),
        (ImportTarget.Tags, null, ["tags", "tag", "etiquetas", "etiqueta"]),
        (ImportTarget.Role, null, ["role", "job", "job title", "position", "puesto", "cargo", "rol", "trabajo"]),
        (ImportTarget.Employer, null, ["employer", "landlord", "company", "empleador", "empresa", "casero", "propietario"]),
        (ImportTarget.Languages, null, ["languages", "language", "idiomas", "idioma", "lenguas"]),
        (ImportTarget.Notes, null, ["notes", "note", "comments", "notas", "nota", "comentarios"]),
        (ImportTarget.Eligible, null, ["eligible", "elegible", "in unit", "en la unidad"]),
    ];

    public static List<ColumnMapping> Suggest(IReadOnlyList<string> headers, IReadOnlyList<CustomFieldRef> fields)
    {
        var result = new List<ColumnMapping>();
        var used = new HashSet<ImportTarget>();
        foreach (var h in headers)
        {
            var key = h.Trim().ToLowerInvariant();
            var custom = fields.FirstOrDefault(f => string.Equals(f.Name.Trim(), h.Trim(), StringComparison.OrdinalIgnoreCase));
            var known = Known.FirstOrDefault(k => k.Names.Contains(key));
            if (custom is not null) result.Add(new ColumnMapping(h, ImportTarget.Custom, null, custom.Id));
            else if (known.Names is not null && (known.Target is ImportTarget.Unit or ImportTarget.Email or ImportTarget.Phone or ImportTarget.Tags || used.Add(known.Target)))
                result.Add(new ColumnMapping(h, known.Target, known.Kind));
            else result.Add(new ColumnMapping(h, ImportTarget.Ignore));
        }
        return result;
    }

    /// Checks the mapping against the file's headers and the organization's custom fields.
    public static Failure? ValidateMapping(ImportSettings s, IReadOnlyList<string> headers, IReadOnlyList<CustomFieldRef> fields)
    {
        if (!Enum.IsDefined(s.Duplicates)) return Failure.Invalid("Choose what to do with duplicates: skip, merge or create.", "duplicates");
        var cols = s.Columns ?? [];
        if (cols.Count > CsvText.MaxColumns) return Failure.Invalid("Too many columns in the mapping.", "columns");
        foreach (var c in cols)
        {
            if (c is null || !headers.Contains(c.Header)) return Failure.Invalid("The mapping names a column that is not in the file.", "columns");
            if (!Enum.IsDefined(c.Target)) return Failure.Invalid("Unknown target in the mapping.", "columns");
            if (c.Target == ImportTarget.Custom && !fields.Any(f => f.Id == c.CustomFieldId)) return Failure.Invalid("The mapping names a custom field that does not exist.", "columns");
            if (c.UnitKind is { } k && !Enum.IsDefined(k)) return Failure.Invalid("Unknown kind of unit in the mapping.", "columns");
        }
        if (cols.GroupBy(c => c.Header).Any(g => g.Count() > 1)) return Failure.Invalid("Each column can be mapped once.", "columns");
        if (cols.Count(c => c.Target == ImportTarget.Name) != 1) return Failure.Invalid("Map exactly one column to the name.", "columns");
        return null;
    }

    [GeneratedRegex(@"^[+\-]\s*[\p{L}(]")]
    private static partial Regex FormulaLike();

    /// A cell a spreadsheet would run as a formula: refused on import rather than stored and exported to someone else.
    public static bool LooksLikeFormula(string v) =>
        v.Length > 0 && (v[0] is '=' or '@' or '\t' or '\r' || FormulaLike().IsMatch(v));

    static IEnumerable<string> Split(string v) => v.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string NormalizeEmail(string v) => v.Trim().ToLowerInvariant();
    public static string NormalizePhone(string v) => new(v.Where(char.IsAsciiDigit).ToArray());
    public static string NormalizeName(string v) => v.Trim().ToUpperInvariant();

    static bool ValidEmail(string v) => v.Length <= 320 && v.IndexOf('@', StringComparison.Ordinal) is > 0 && v.LastIndexOf('.') > v.IndexOf('@', StringComparison.Ordinal) && !v.Any(char.IsWhiteSpace);
    static bool ValidPhone(string v) => v.Length <= 40 && NormalizePhone(v).Length is >= 5 and <= 20 && v.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.');

    public static RowPlan Plan(int row, string[] record, IReadOnlyList<string> headers, IReadOnlyList<ColumnMapping> cols, IReadOnlyList<CustomFieldRef> fields)
    {
        var errors = new List<string>();
        string? name = null, role = null, employer = null, languages = null, notes = null;
        bool? eligible = null;
        var emails = new List<string>(); var phones = new List<string>(); var units = new List<(string, UnitKind)>(); var tags = new List<string>();
        var custom = new Dictionary<int, string>();
        foreach (var c in cols)
        {
            if (c.Target == ImportTarget.Ignore) continue;
            var i = IndexOf(headers, c.Header);
            var v = i < record.Length ? record[i].Trim() : "";
            if (v.Length == 0) continue;
            if (LooksLikeFormula(v)) { errors.Add(ImportMessages.Say(ImportMessages.Formula, c.Header)); continue; }
            if (v.Length > 2000 && c.Target != ImportTarget.Notes) { errors.Add(ImportMessages.Say(ImportMessages.CellTooLong, c.Header)); continue; }
            switch (c.Target)
            {
                case ImportTarget.Name: if (v.Length > 200) errors.Add("The name is longer than 200 characters."); else name = v; break;
                case ImportTarget.Role: role = Cap(v, 200); break;
                case ImportTarget.Employer: employer = Cap(v, 200); break;
                case ImportTarget.Languages: languages = Cap(v, 200); break;
                case ImportTarget.Notes: if (v.Length > 8000) errors.Add("The notes are longer than 8,000 characters."); else notes = notes is null ? v : notes + "\n" + v; break;
                case ImportTarget.Email:
                    foreach (var e in Split(v)) { if (ValidEmail(e)) emails.Add(e); else errors.Add(ImportMessages.Say(ImportMessages.NotEmail, c.Header)); }
                    break;
                case ImportTarget.Phone:
                    foreach (var p in v.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    { if (ValidPhone(p)) phones.Add(p); else errors.Add(ImportMessages.Say(ImportMessages.NotPhone, c.Header)); }
                    break;
                case ImportTarget.Unit:
                    if (v.Length > 200) errors.Add(ImportMessages.Say(ImportMessages.UnitTooLong, c.Header));
                    else units.Add((v, c.UnitKind ?? UnitKind.Other));
                    break;
                case ImportTarget.Tags:
                    foreach (var t in Split(v)) { if (t.Length <= 100) tags.Add(t); else errors.Add("A tag is longer than 100 characters."); }
                    break;
                case ImportTarget.Eligible:
                    eligible = v.ToLowerInvariant() switch
                    {
                        "yes" or "y" or "true" or "1" or "sí" or "si" or "s" => true,
                        "no" or "n" or "false" or "0" => false,
                        _ => null,
                    };
                    if (eligible is null) errors.Add(ImportMessages.Say(ImportMessages.NotYesNo, c.Header));
                    break;
                case ImportTarget.Custom:
                    var f = fields.First(x => x.Id == c.CustomFieldId);
                    if (f.Type == CustomFieldType.Number && !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                        errors.Add(ImportMessages.Say(ImportMessages.NotNumber, c.Header));
                    else if (f.Type == CustomFieldType.Date && !DateOnly.TryParse(v, CultureInfo.InvariantCulture, out _))
                        errors.Add(ImportMessages.Say(ImportMessages.NotDate, c.Header));
                    else custom[f.Id] = Cap(v, 1000);
                    break;
            }
        }
        if (name is null && !errors.Any(e => e.StartsWith("The name", StringComparison.Ordinal))) errors.Add("The name is empty.");
        return new RowPlan(row, name ?? "", role, employer, languages, notes, emails, phones, units, tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), eligible, custom, errors);
    }

    static string Cap(string v, int max) => v.Length <= max ? v : v[..max];

    static int IndexOf(IReadOnlyList<string> headers, string h)
    {
        for (var i = 0; i < headers.Count; i++) if (headers[i] == h) return i;
        return -1;
    }
}
