using System.Text.Json;
using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

public sealed record ImportView(int Id, ImportStatus Status, int TotalRows, int ProcessedRows, int Percent, List<string> Headers,
    List<ColumnMapping> SuggestedColumns, ImportSettings? Settings, int Created, int Merged, int Skipped, int UnitsCreated,
    int ErrorCount, List<RowError> Errors, DateTime CreatedUtc, DateTime UpdatedUtc);

/// Reading an import: the job, its view for the pages and the API, the custom fields a mapping may name.
public static class ImportQueries
{
    public static Task<List<CustomFieldRef>> FieldsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        db.CustomFields.AsNoTracking().Where(f => f.OrganizationId == orgId && f.RetiredUtc == null)
            .Select(f => new CustomFieldRef(f.Id, f.Name, f.Type)).ToListAsync(ct);

    /// One line for the problem title: the first errors with their rows.
    public static string Describe(List<RowError> errors) =>
        "The file cannot be imported: " + string.Join(" ", errors.Take(5).Select(e => (e.Row > 0 ? $"Row {e.Row}: {e.Message}" : e.Message).TrimEnd('.') + "."))
        + (errors.Count > 5 ? $" (and {errors.Count - 5} more)" : "");

    public static ImportView View(ImportJob j, List<string> headers, List<ColumnMapping> suggested)
    {
        var processed = j.Status == ImportStatus.Done ? j.TotalRows : Math.Min(j.ProcessedRows, j.TotalRows);
        var errs = string.IsNullOrEmpty(j.ErrorsJson) ? [] : JsonSerializer.Deserialize<List<RowError>>(j.ErrorsJson, ImportJson.Web) ?? [];
        var settings = string.IsNullOrEmpty(j.SettingsJson) ? null : JsonSerializer.Deserialize<ImportSettings>(j.SettingsJson, ImportJson.Web);
        return new ImportView(j.Id, j.Status, j.TotalRows, processed, j.TotalRows == 0 ? 0 : (int)(processed * 100L / j.TotalRows), headers, suggested,
            settings, j.Created, j.Merged, j.Skipped, j.UnitsCreated, j.ErrorCount, errs, j.CreatedUtc, j.UpdatedUtc);
    }

    /// The job; its file (megabytes to decrypt) only while it is still to be mapped, previewed and started: a progress
    /// poll every two seconds reads the counters alone.
    public static async Task<ImportJob?> FindAsync(AppDbContext db, int orgId, int id, CancellationToken ct)
    {
        var j = await db.ImportJobs.AsNoTracking().Where(j => j.Id == id && j.OrganizationId == orgId).Select(j => new ImportJob
        {
            Id = j.Id, OrganizationId = j.OrganizationId, CreatedById = j.CreatedById, CreatedUtc = j.CreatedUtc, UpdatedUtc = j.UpdatedUtc,
            Status = j.Status, TotalRows = j.TotalRows, ProcessedRows = j.ProcessedRows, Attempt = j.Attempt, SettingsJson = j.SettingsJson,
            Created = j.Created, Merged = j.Merged, Skipped = j.Skipped, UnitsCreated = j.UnitsCreated, ErrorsJson = j.ErrorsJson, ErrorCount = j.ErrorCount,
        }).FirstOrDefaultAsync(ct);
        if (j is { Status: ImportStatus.Uploaded })
            j.Content = await db.ImportJobs.AsNoTracking().Where(x => x.Id == id).Select(x => x.Content).FirstOrDefaultAsync(ct);
        return j;
    }

    public static async Task<ImportView> DescribeAsync(AppDbContext db, ImportJob j, CancellationToken ct)
    {
        var settings = string.IsNullOrEmpty(j.SettingsJson) ? null : JsonSerializer.Deserialize<ImportSettings>(j.SettingsJson, ImportJson.Web);
        var headers = j.Content is not null ? CsvText.HeadersOf(j.Content).ToList() : settings?.Columns?.Select(c => c.Header).ToList() ?? [];
        return View(j, headers, ImportPlanning.Suggest(headers, await FieldsAsync(db, j.OrganizationId, ct)));
    }
}
