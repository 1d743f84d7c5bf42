using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;

namespace Groundwork.Organizing.Import;

public sealed record PreviewRow(int Row, Dictionary<string, string> Values, string? Duplicate, List<string> Errors);

public sealed record ImportPreview(List<PreviewRow> Rows, int TotalRows, int ErrorCount, List<RowError> Errors, int Duplicates, int NewUnits);

/// Maps the file with the chosen settings without writing anything: the first rows, the row errors and the duplicates.
public static class PreviewImport
{
    public const int PreviewRows = 20;

    public static async Task<Outcome<ImportPreview>> PreviewAsync(AppDbContext db, FieldCrypto crypto, ImportJob j, ImportSettings s, CancellationToken ct)
    {
        if (j.Content is null) return Failure.Conflict("This import has finished; upload the file again to import it anew.");
        using var reader = CsvText.Open(j.Content);
        if (reader.Errors.Count > 0) return Failure.Invalid(ImportQueries.Describe(reader.Errors));
        var fields = await ImportQueries.FieldsAsync(db, j.OrganizationId, ct);
        var headers = reader.Headers;
        if (ImportPlanning.ValidateMapping(s, headers, fields) is { } f) return f;
        var e = await KnownContacts.LoadAsync(db, j.OrganizationId, null, ct);
        var newUnits = new Dictionary<string, (string, UnitKind)>(StringComparer.Ordinal);
        var errors = new List<RowError>();
        var errorCount = 0;
        var dups = 0;
        var total = 0;
        var inFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<PreviewRow>();
        var index = (s.Columns ?? []).Where(c => c.Target != ImportTarget.Ignore).Select(c => (c.Header, At: headers.ToList().IndexOf(c.Header))).ToList();
        while (reader.Next(out var record, out var rowNo))
        {
            var p = KnownContacts.PlanRow(rowNo, record, headers, s, fields, e, newUnits);
            errorCount += p.Errors.Count;
            foreach (var m in p.Errors) if (errors.Count < 200) errors.Add(new RowError(p.Row, m));
            var dup = KnownContacts.FindDuplicate(e, crypto, p, out var why);
            string? said = dup is null ? null : ImportMessages.Say(why!, dup);
            if (dup is null && s.Duplicates != DuplicatePolicy.Create)
                foreach (var k in KnownContacts.Keys(crypto, p))
                    if (inFile.TryGetValue(k, out var first)) { said = ImportMessages.Say(ImportMessages.SameAsRow, first); break; }
            if (said is not null) dups++;
            foreach (var k in KnownContacts.Keys(crypto, p)) inFile.TryAdd(k, p.Row);
            if (total++ < PreviewRows)
                rows.Add(new PreviewRow(p.Row, index.ToDictionary(c => c.Header, c => c.At < record.Length ? record[c.At] : ""), said, p.Errors));
        }
        if (reader.Errors.Count > 0) return Failure.Invalid(ImportQueries.Describe(reader.Errors));
        return new ImportPreview(rows, total, errorCount, errors, dups, newUnits.Count);
    }
}
