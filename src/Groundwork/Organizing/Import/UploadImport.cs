using Groundwork.Data;
using Groundwork.Web;

namespace Groundwork.Organizing.Import;

/// The first step: the file is decoded, checked as a whole and stored (encrypted) as a job to map and start.
public static class UploadImport
{
    public static async Task<Outcome<ImportView>> UploadAsync(AppDbContext db, int orgId, string actorId, byte[] bytes, string? encoding, DateTime now, CancellationToken ct)
    {
        var text = CsvText.Decode(bytes, encoding);
        if (!text.Ok) return text.Failure!;
        var (headers, rows, errors) = CsvText.Check(text.Value!);
        if (errors.Count > 0) return new Failure(400, ImportQueries.Describe(errors), "file");
        if (rows == 0) return Failure.Invalid("The file has a header but no rows.", "file");
        var job = new ImportJob
        {
            OrganizationId = orgId, CreatedById = actorId, CreatedUtc = now, UpdatedUtc = now, Status = ImportStatus.Uploaded,
            Content = text.Value, TotalRows = rows,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return ImportQueries.View(job, headers.ToList(), ImportPlanning.Suggest(headers, await ImportQueries.FieldsAsync(db, orgId, ct)));
    }
}
