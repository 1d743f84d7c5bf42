using System.Globalization;
using System.Text;
using CsvHelper;
using Groundwork.Web;

namespace Groundwork.Organizing.Structure;

public sealed record RowError(int Row, string Message);

/// A parsed CSV file: the header and the data rows (row numbers as a spreadsheet shows them: the header is row 1).
public sealed record CsvTable(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows, IReadOnlyList<int> RowNumbers);

/// Reading an uploaded CSV defensively: the encoding is detected (UTF-8 with or without BOM, UTF-16 by its BOM) or
/// named explicitly (Windows-1252, Latin-1); anything else is refused with a message, never guessed. Stray quotes,
/// ragged rows and oversized files or cells are reported with their row numbers.
public static class CsvText
{
    public const long MaxBytes = 32 * 1024 * 1024;
    public const int MaxColumns = 100;
    public const int MaxRows = 200_000;
    public const int MaxCell = 10_000;

    static CsvText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Outcome<string> Decode(byte[] bytes, string? encoding)
    {
        if (bytes.Length == 0) return Failure.Invalid("The file is empty.", "file");
        if (bytes.Length > MaxBytes) return new Failure(413, "The file is larger than 32 MB. Split it into smaller files.", "file");
        var name = (encoding ?? "auto").Trim().ToLowerInvariant();
        try
        {
            switch (name)
            {
                case "" or "auto" or "utf-8" or "utf8":
                    if (bytes is [0xEF, 0xBB, 0xBF, ..]) return Strict(new UTF8Encoding(false, true), bytes, 3);
                    if (bytes is [0xFF, 0xFE, ..]) return Strict(new UnicodeEncoding(false, false, true), bytes, 2);
                    if (bytes is [0xFE, 0xFF, ..]) return Strict(new UnicodeEncoding(true, false, true), bytes, 2);
                    return Strict(new UTF8Encoding(false, true), bytes, 0);
                case "windows-1252" or "cp1252":
                    return Encoding.GetEncoding(1252).GetString(bytes);
                case "latin-1" or "latin1" or "iso-8859-1":
                    return Encoding.Latin1.GetString(bytes);
                default:
                    return Failure.Invalid("Unknown encoding: choose automatic (UTF-8 or UTF-16), Windows-1252 or Latin-1.", "encoding");
            }
        }
        catch (DecoderFallbackException)
        {
            return Failure.Invalid("The file is not UTF-8 text. Save it as \"CSV UTF-8\", or choose Windows-1252 or Latin-1 if that is what it is.", "file");
        }
    }

    static string Strict(Encoding e, byte[] bytes, int skip)
    {
        var text = e.GetString(bytes, skip, bytes.Length - skip);
        if (text.Contains('\0', StringComparison.Ordinal)) throw new DecoderFallbackException("NUL");
        return text;
    }

    /// Parses the whole text; structural errors (a quote out of place or never closed, a row with another number of
    /// fields than the header, too many columns, rows or characters) are returned with row numbers, at most 100 of them.
    public static (CsvTable? Table, List<RowError> Errors) Parse(string text, int? maxRows = null)
    {
        var errors = new List<RowError>();
        var options = new CsvReaderOptions
        {
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = r =>
            {
                if (errors.Count < 100 && r.Reason != CsvMalformedReason.FieldCountMismatch)
                    errors.Add(new RowError((int)r.RecordNumber, r.Reason == CsvMalformedReason.UnterminatedQuote
                        ? "A quote is opened and never closed" : "A quote is out of place (a stray \")"));
            },
            MaxRecordSize = 4 * MaxCell * 10,
            IncludeValuesInExceptions = false,
            SkipEmptyLines = true,
        };
        var rows = new List<string[]>();
        var numbers = new List<int>();
        string[] headers;
        try
        {
            using var reader = CsvReader.FromText(text, options);
            reader.ReadHeader();
            headers = reader.Headers.Select(h => h.Trim()).ToArray();
            if (headers.Length > MaxColumns)
                return (null, [new RowError(1, $"The file has {headers.Length} columns; at most {MaxColumns} can be imported. Remove the columns you do not need")]);
            if (headers.Length == 0 || headers.All(string.IsNullOrEmpty)) return (null, [new RowError(1, "The first row must name the columns")]);
            if (headers.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
                return (null, [new RowError(1, "Two columns have the same name")]);
            while (reader.Read())
            {
                var row = (int)reader.RowNumber + 1;
                var record = new string[reader.FieldCount];
                for (var i = 0; i < record.Length; i++) record[i] = reader.GetString(i);
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count >= (maxRows ?? MaxRows))
                {
                    if (maxRows is not null) break;
                    return (null, [new RowError(row, $"The file has more than {MaxRows:N0} rows. Split it into smaller files")]);
                }
                if (record.Length != headers.Length && errors.Count < 100)
                    errors.Add(new RowError(row, $"This row has {record.Length} fields; the header has {headers.Length}"));
                else if (record.Any(v => v.Length > MaxCell) && errors.Count < 100)
                    errors.Add(new RowError(row, $"A cell is longer than {MaxCell:N0} characters"));
                rows.Add(record);
                numbers.Add(row);
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(new RowError((int)e.RecordNumber, "The file could not be read as CSV (a row is far too long, or a quote is never closed)"));
            return (null, errors);
        }
        return (errors.Count > 0 ? null : new CsvTable(headers, rows, numbers), errors);
    }
}
