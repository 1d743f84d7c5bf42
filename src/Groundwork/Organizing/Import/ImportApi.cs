using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Organizing.Import;

public static class ImportApi
{
    /// The upload's own body limit (the app's is 1 MB); the file itself may be at most CsvText.MaxBytes.
    public const long MaxUploadBody = 64L * 1024 * 1024;

    public static void MapImportApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/organizations/{orgId:int}/contact-imports").WithTags("Import and export").RequireAuthorization(Policies.OrgAdmin);
        // A bearer-token API: browsers use the import page, whose form carries its own antiforgery token.
        g.MapPost("/", Upload).WithName("ImportContacts").DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBody))
            // The file stays in memory until it is stored encrypted: never buffered to a plaintext temp file on disk.
            .WithFormOptions(memoryBufferThreshold: (int)MaxUploadBody, multipartBodyLengthLimit: MaxUploadBody);
        g.MapGet("/{importId:int}", Get).WithName("GetImport");
        g.MapPost("/{importId:int}/preview", Preview).WithName("PreviewImport");
        g.MapPost("/{importId:int}/start", Start).WithName("StartImport");
    }

    static async Task<Results<Created<ImportView>, ProblemHttpResult>> Upload(int orgId, IFormFile file, [FromForm] string? encoding, HttpContext http,
        AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (file.Length > CsvText.MaxBytes) return new Failure(413, "The file is larger than 32 MB. Split it into smaller files.", "file").ToProblem();
        var bytes = new byte[file.Length];
        await using (var s = file.OpenReadStream()) await s.ReadExactlyAsync(bytes, ct);
        var r = await UploadImport.UploadAsync(db, orgId, http.User.PersonId()!, bytes, encoding, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/contact-imports/{r.Value!.Id}", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<ImportView>, ProblemHttpResult>> Get(int orgId, int importId, AppDbContext db, CancellationToken ct)
    {
        var j = await ImportQueries.FindAsync(db, orgId, importId, ct);
        if (j is null) return Failure.NotFound().ToProblem();
        return TypedResults.Ok(await ImportQueries.DescribeAsync(db, j, ct));
    }

    static async Task<Results<Ok<ImportPreview>, ProblemHttpResult>> Preview(int orgId, int importId, ImportSettings settings, AppDbContext db, FieldCrypto crypto, CancellationToken ct)
    {
        var j = await ImportQueries.FindAsync(db, orgId, importId, ct);
        if (j is null) return Failure.NotFound().ToProblem();
        var r = await PreviewImport.PreviewAsync(db, crypto, j, settings, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<Accepted<ImportView>, ProblemHttpResult>> Start(int orgId, int importId, ImportSettings settings, AppDbContext db, FieldCrypto crypto,
        TimeProvider clock, CancellationToken ct)
    {
        var j = await ImportQueries.FindAsync(db, orgId, importId, ct);
        if (j is null) return Failure.NotFound().ToProblem();
        var r = await StartImport.StartAsync(db, crypto, j, settings, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Accepted($"/api/v1/organizations/{orgId}/contact-imports/{importId}", r.Value!) : r.Failure!.ToProblem();
    }
}
