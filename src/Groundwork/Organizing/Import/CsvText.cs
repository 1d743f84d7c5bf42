using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using CsvHelper;
using Groundwork.Web;

namespace Groundwork.Organizing.Import;

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

    /// Parses the whole text into memory (small files and tests); structural errors (a quote out of place or never
    /// closed, a row with another number of fields than the header, too many columns, rows or characters) are returned
    /// with row numbers, at most 100 of them.
    public static (CsvTable? Table, List<RowError> Errors) Parse(string text, int? maxRows = null)
    {
        var rows = new List<string[]>();
        var numbers = new List<int>();
        using var reader = Open(text, stopAfter: maxRows);
        while (reader.Next(out var record, out var row))
        {
            rows.Add(record);
            numbers.Add(row);
        }
        return (reader.Errors.Count > 0 ? null : new CsvTable(reader.Headers, rows, numbers), reader.Errors);
    }

    /// Walks the whole text once without keeping the rows: the headers, the number of data rows, and the structural
    /// errors. An upload is checked this way, so a 100,000-row file is never held as 100,000 arrays of cells.
    public static (IReadOnlyList<string> Headers, int Rows, List<RowError> Errors) Check(string text)
    {
        using var reader = Open(text);
        var n = 0;
        while (reader.Next(out _, out _)) n++;
        return (reader.Headers, n, reader.Errors);
    }

    /// The header row only.
    public static IReadOnlyList<string> HeadersOf(string text)
    {
        using var reader = Open(text, stopAfter: 0);
        return reader.Errors.Count > 0 ? [] : reader.Headers;
    }

    /// A reader that hands out one data row at a time. A header that cannot be used, or a file that cannot be read
    /// further, ends the rows early with an error in <see cref="CsvRows.Errors"/>; row-level errors are collected as
    /// the rows go by, so a caller that must refuse a broken file checks Errors after the last row.
    public static CsvRows Open(string text, int? stopAfter = null) => new(text, stopAfter);
}

public sealed class CsvRows : IDisposable
{
    readonly CsvReader? reader;
    readonly int? stopAfter;
    int count;
    bool ended;

    public IReadOnlyList<string> Headers { get; } = [];
    public List<RowError> Errors { get; } = [];

    internal CsvRows(string text, int? stopAfter)
    {
        this.stopAfter = stopAfter;
        var options = new CsvReaderOptions
        {
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = r =>
            {
                if (Errors.Count < 100 && r.Reason != CsvMalformedReason.FieldCountMismatch)
                    Errors.Add(new RowError((int)r.RecordNumber, r.Reason == CsvMalformedReason.UnterminatedQuote
                        ? "A quote is opened and never closed" : "A quote is out of place (a stray \")"));
            },
            MaxRecordSize = 4 * CsvText.MaxCell * 10,
            IncludeValuesInExceptions = false,
            SkipEmptyLines = true,
        };
        try
        {
            reader = CsvReader.FromText(text, options);
            reader.ReadHeader();
            var headers = reader.Headers.Select(h => h.Trim()).ToArray();
            if (headers.Length > CsvText.MaxColumns)
                Fatal(new RowError(1, ImportMessages.Say(ImportMessages.TooManyColumns, headers.Length, CsvText.MaxColumns)));
            else if (headers.Length == 0 || headers.All(string.IsNullOrEmpty)) Fatal(new RowError(1, "The first row must name the columns"));
            else if (headers.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
                Fatal(new RowError(1, "Two columns have the same name"));
            else Headers = headers;
        }
        catch (CsvFormatException e)
        {
            Fatal(new RowError((int)e.RecordNumber, "The file could not be read as CSV (a row is far too long, or a quote is never closed)"));
        }
    }

    void Fatal(RowError e)
    {
        Errors.Clear();
        Errors.Add(e);
        ended = true;
    }

    /// The next data row that is not blank, with its row number as a spreadsheet shows it (the header is row 1).
    public bool Next([NotNullWhen(true)] out string[]? record, out int row)
    {
        record = null;
        row = 0;
        if (ended || reader is null || (stopAfter is { } max && count >= max)) return false;
        try
        {
            while (reader.Read())
            {
                row = (int)reader.RowNumber + 1;
                var r = new string[reader.FieldCount];
                for (var i = 0; i < r.Length; i++) r[i] = reader.GetString(i);
                if (r.All(string.IsNullOrWhiteSpace)) continue;
                if (count >= CsvText.MaxRows)
                {
                    Fatal(new RowError(row, ImportMessages.Say(ImportMessages.TooManyRows, CsvText.MaxRows.ToString("N0", CultureInfo.InvariantCulture))));
                    return false;
                }
                if (r.Length != Headers.Count && Errors.Count < 100)
                    Errors.Add(new RowError(row, ImportMessages.Say(ImportMessages.RaggedRow, r.Length, Headers.Count)));
                else if (r.Any(v => v.Length > CsvText.MaxCell) && Errors.Count < 100)
                    Errors.Add(new RowError(row, ImportMessages.Say(ImportMessages.HugeCell, CsvText.MaxCell.ToString("N0", CultureInfo.InvariantCulture))));
                count++;
                record = r;
                return true;
            }
        }
        catch (CsvFormatException e)
        {
            Errors.Add(new RowError((int)e.RecordNumber, "The file could not be read as CSV (a row is far too long, or a quote is never closed)"));
        }
        ended = true;
        return false;
    }

    public void Dispose() => reader?.Dispose();
}
