using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Groundwork.Accounts;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

/// Every contact of the organization as CSV: admins only, after re-authentication in the last five minutes, always
/// in the audit log, streamed in batches (never the whole organization in memory), every cell that a spreadsheet
/// would run as a formula escaped.
public static class ContactExport
{
    public const string AuditAction = "contacts-exported";
    const int Batch = 1000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/organizations/{orgId:int}/contact-export", Export).WithName("ExportContacts").WithTags("Import and export")
            .RequireAuthorization(Policies.OrgAdmin);

    /// RFC 4180 with every cell that starts with = + - @, a tab or a carriage return prefixed by ' (OWASP's advice).
    public static CsvWriterOptions CsvOptions() => new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(int orgId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await Reauth.IsRecentAsync(http, db, now, ct))
            return TypedResults.Problem(statusCode: 403, title: "Confirm your password first: exports need a re-authentication in the last 5 minutes.",
                extensions: new Dictionary<string, object?> { ["reauthenticate"] = "/api/v1/me/reauthenticate" });
        var count = await db.Contacts.CountAsync(c => c.OrganizationId == orgId, ct);
        db.Record(now, AuditAction, http.User.PersonId(), orgId, detail: $"{count} contacts");
        await db.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(stream => WriteAsync(db, orgId, stream, ct), "text/csv; charset=utf-8", $"contacts-{now:yyyyMMdd-HHmm}.csv");
    }

    public static async Task WriteAsync(AppDbContext db, int orgId, Stream stream, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == orgId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var tags = await db.OrganizingTags.AsNoTracking().Where(t => t.OrganizationId == orgId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var fields = await db.CustomFields.AsNoTracking().Where(f => f.OrganizationId == orgId && f.RetiredUtc == null).OrderBy(f => f.Id).ToListAsync(ct);
        await using var csv = CsvWriter.Create(stream, CsvOptions(), true);
        string[] head = ["Id", "Name", "Role", "Employer", "Languages", "Units", "Tags", "Emails", "Phones", "Other channels",
            "Eligible", "Ineligible reason", "Leader", "Notes", "Created", "Updated"];
        foreach (var h in head) csv.WriteField(h);
        foreach (var f in fields) csv.WriteField(f.Name);
        await csv.EndRecordAsync(ct);
        var last = 0;
        while (true)
        {
            var page = await db.Contacts.AsNoTracking().Where(c => c.OrganizationId == orgId && c.Id > last).OrderBy(c => c.Id).Take(Batch)
                .Include(c => c.Units).Include(c => c.Channels).Include(c => c.Tags).AsSplitQuery().ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var c in page)
            {
                csv.WriteField(c.Id.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(c.Name);
                csv.WriteField(c.Role ?? "");
                csv.WriteField(c.Employer ?? "");
                csv.WriteField(c.Languages ?? "");
                csv.WriteField(string.Join("; ", c.Units.Select(u => units.GetValueOrDefault(u.UnitId)).Where(n => n is not null)));
                csv.WriteField(string.Join("; ", c.Tags.Select(t => tags.GetValueOrDefault(t.TagId)).Where(n => n is not null)));
                csv.WriteField(string.Join("; ", c.Channels.Where(x => x.Kind == ChannelKind.Email).Select(x => x.Value)));
                csv.WriteField(string.Join("; ", c.Channels.Where(x => x.Kind is ChannelKind.Phone or ChannelKind.Text).Select(x => x.Value)));
                csv.WriteField(string.Join("; ", c.Channels.Where(x => x.Kind is not (ChannelKind.Email or ChannelKind.Phone or ChannelKind.Text)).Select(x => $"{x.Kind}: {x.Value}")));
                csv.WriteField(c.Eligible ? "yes" : "no");
                csv.WriteField(c.IneligibleReason ?? "");
                csv.WriteField(c.IsLeader ? "yes" : "no");
                csv.WriteField(c.Notes ?? "");
                csv.WriteField(c.CreatedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                csv.WriteField(c.UpdatedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                var values = Custom(c.CustomFieldsJson);
                foreach (var f in fields) csv.WriteField(values.GetValueOrDefault(f.Id.ToString(CultureInfo.InvariantCulture)) ?? "");
                await csv.EndRecordAsync(ct);
            }
            last = page[^1].Id;
            await csv.FlushAsync(ct);
        }
    }

    static Dictionary<string, string?> Custom(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind != JsonValueKind.Object ? [] : doc.RootElement.EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
