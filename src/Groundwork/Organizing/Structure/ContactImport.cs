using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Structure;

public enum ImportTarget { Ignore, Name, Role, Employer, Languages, Notes, Email, Phone, Unit, Tags, Eligible, Custom }

/// Where one column of the file goes. A Unit column says which kind of unit its names are (Department, Shift …).
public sealed record ColumnMapping([property: Required, StringLength(200)] string Header, ImportTarget Target,
    UnitKind? UnitKind = null, int? CustomFieldId = null);

public sealed record ImportSettings([property: MaxLength(100)] List<ColumnMapping>? Columns, DuplicatePolicy Duplicates = DuplicatePolicy.Skip,
    bool CreateUnits = false);

public sealed record PreviewRow(int Row, Dictionary<string, string> Values, string? Duplicate, List<string> Errors);

public sealed record ImportPreview(List<PreviewRow> Rows, int TotalRows, int ErrorCount, List<RowError> Errors, int Duplicates, int NewUnits);

public sealed record ImportView(int Id, ImportStatus Status, int TotalRows, int ProcessedRows, int Percent, List<string> Headers,
    List<ColumnMapping> SuggestedColumns, ImportSettings? Settings, int Created, int Merged, int Skipped, int UnitsCreated,
    int ErrorCount, List<RowError> Errors, DateTime CreatedUtc, DateTime UpdatedUtc);

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
            if (LooksLikeFormula(v)) { errors.Add($"The \"{c.Header}\" cell looks like a spreadsheet formula."); continue; }
            if (v.Length > 2000 && c.Target != ImportTarget.Notes) { errors.Add($"The \"{c.Header}\" cell is longer than 2,000 characters."); continue; }
            switch (c.Target)
            {
                case ImportTarget.Name: if (v.Length > 200) errors.Add("The name is longer than 200 characters."); else name = v; break;
                case ImportTarget.Role: role = Cap(v, 200); break;
                case ImportTarget.Employer: employer = Cap(v, 200); break;
                case ImportTarget.Languages: languages = Cap(v, 200); break;
                case ImportTarget.Notes: if (v.Length > 8000) errors.Add("The notes are longer than 8,000 characters."); else notes = notes is null ? v : notes + "\n" + v; break;
                case ImportTarget.Email:
                    foreach (var e in Split(v)) { if (ValidEmail(e)) emails.Add(e); else errors.Add($"The \"{c.Header}\" cell is not an email address."); }
                    break;
                case ImportTarget.Phone:
                    foreach (var p in v.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    { if (ValidPhone(p)) phones.Add(p); else errors.Add($"The \"{c.Header}\" cell is not a phone number."); }
                    break;
                case ImportTarget.Unit:
                    if (v.Length > 200) errors.Add($"The \"{c.Header}\" unit name is longer than 200 characters.");
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
                    if (eligible is null) errors.Add($"The \"{c.Header}\" cell must be yes or no.");
                    break;
                case ImportTarget.Custom:
                    var f = fields.First(x => x.Id == c.CustomFieldId);
                    if (f.Type == CustomFieldType.Number && !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                        errors.Add($"The \"{c.Header}\" cell must be a number.");
                    else if (f.Type == CustomFieldType.Date && !DateOnly.TryParse(v, CultureInfo.InvariantCulture, out _))
                        errors.Add($"The \"{c.Header}\" cell must be a date (YYYY-MM-DD).");
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

/// The database side of an import: upload, preview, queue, and the run that writes every contact in one transaction.
public static class ContactImport
{
    public const int PreviewRows = 20;
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static Task<List<CustomFieldRef>> FieldsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        db.CustomFields.AsNoTracking().Where(f => f.OrganizationId == orgId && f.RetiredUtc == null)
            .Select(f => new CustomFieldRef(f.Id, f.Name, f.Type)).ToListAsync(ct);

    public static async Task<Outcome<ImportView>> UploadAsync(AppDbContext db, int orgId, string actorId, byte[] bytes, string? encoding, DateTime now, CancellationToken ct)
    {
        var text = CsvText.Decode(bytes, encoding);
        if (!text.Ok) return text.Failure!;
        var (table, errors) = CsvText.Parse(text.Value!);
        if (table is null) return new Failure(400, Describe(errors), "file") { };
        if (table.Rows.Count == 0) return Failure.Invalid("The file has a header but no rows.", "file");
        var job = new ImportJob
        {
            OrganizationId = orgId, CreatedById = actorId, CreatedUtc = now, UpdatedUtc = now, Status = ImportStatus.Uploaded,
            Content = text.Value, TotalRows = table.Rows.Count,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return View(job, table.Headers.ToList(), ImportPlanning.Suggest(table.Headers, await FieldsAsync(db, orgId, ct)), null);
    }

    /// One line for the problem title: the first errors with their rows.
    public static string Describe(List<RowError> errors) =>
        "The file cannot be imported: " + string.Join(" ", errors.Take(5).Select(e => (e.Row > 0 ? $"Row {e.Row}: {e.Message}" : e.Message).TrimEnd('.') + "."))
        + (errors.Count > 5 ? $" (and {errors.Count - 5} more)" : "");

    public static ImportView View(ImportJob j, List<string> headers, List<ColumnMapping> suggested, ImportProgress? progress)
    {
        var processed = Math.Max(j.ProcessedRows, progress?.Of(j.Id) ?? 0);
        if (j.Status == ImportStatus.Done) processed = j.TotalRows;
        var errs = string.IsNullOrEmpty(j.ErrorsJson) ? [] : JsonSerializer.Deserialize<List<RowError>>(j.ErrorsJson, Json) ?? [];
        var settings = string.IsNullOrEmpty(j.SettingsJson) ? null : JsonSerializer.Deserialize<ImportSettings>(j.SettingsJson, Json);
        return new ImportView(j.Id, j.Status, j.TotalRows, processed, j.TotalRows == 0 ? 0 : (int)(processed * 100L / j.TotalRows), headers, suggested,
            settings, j.Created, j.Merged, j.Skipped, j.UnitsCreated, j.ErrorCount, errs, j.CreatedUtc, j.UpdatedUtc);
    }

    public static Task<ImportJob?> FindAsync(AppDbContext db, int orgId, int id, CancellationToken ct) =>
        db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.OrganizationId == orgId, ct);

    public static async Task<ImportView> DescribeAsync(AppDbContext db, ImportJob j, ImportProgress progress, CancellationToken ct)
    {
        var headers = j.Content is null ? [] : CsvText.Parse(j.Content, maxRows: 1).Table?.Headers.ToList() ?? [];
        return View(j, headers, ImportPlanning.Suggest(headers, await FieldsAsync(db, j.OrganizationId, ct)), progress);
    }

    sealed class Existing
    {
        public Dictionary<string, int> ByChannel { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<int>> ByName { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, HashSet<int>> UnitsOf { get; } = [];
        public Dictionary<string, int> Units { get; } = new(StringComparer.Ordinal);
    }

    static async Task<Existing> LoadExistingAsync(AppDbContext db, int orgId, CancellationToken ct)
    {
        var e = new Existing();
        foreach (var c in await db.ContactChannels.AsNoTracking().Where(x => x.OrganizationId == orgId && x.Lookup != null).Select(x => new { x.Lookup, x.ContactId }).ToListAsync(ct))
            e.ByChannel.TryAdd(c.Lookup!, c.ContactId);
        foreach (var c in await db.Contacts.AsNoTracking().Where(x => x.OrganizationId == orgId && x.NameLookup != null).Select(x => new { x.NameLookup, x.Id }).ToListAsync(ct))
        {
            if (!e.ByName.TryGetValue(c.NameLookup!, out var l)) e.ByName[c.NameLookup!] = l = [];
            l.Add(c.Id);
        }
        var cu = await (from x in db.ContactUnits join c in db.Contacts on x.ContactId equals c.Id where c.OrganizationId == orgId select new { x.ContactId, x.UnitId }).ToListAsync(ct);
        foreach (var x in cu)
        {
            if (!e.UnitsOf.TryGetValue(x.ContactId, out var s)) e.UnitsOf[x.ContactId] = s = [];
            s.Add(x.UnitId);
        }
        foreach (var u in await db.Units.AsNoTracking().Where(u => u.OrganizationId == orgId).Select(u => new { u.Id, u.NormalizedName }).ToListAsync(ct))
            e.Units.TryAdd(u.NormalizedName, u.Id);
        return e;
    }

    static int? FindDuplicate(Existing e, FieldCrypto crypto, RowPlan p, out string? why)
    {
        foreach (var m in p.Emails)
            if (e.ByChannel.TryGetValue(crypto.Lookup("email:" + ImportPlanning.NormalizeEmail(m)), out var id)) { why = "email"; return id; }
        foreach (var m in p.Phones)
            if (e.ByChannel.TryGetValue(crypto.Lookup("phone:" + ImportPlanning.NormalizePhone(m)), out var id)) { why = "phone"; return id; }
        if (e.ByName.TryGetValue(crypto.Lookup(ImportPlanning.NormalizeName(p.Name)), out var ids))
        {
            var unitIds = p.Units.Select(u => e.Units.GetValueOrDefault(Organization.Normalize(u.Name))).Where(x => x != 0).ToHashSet();
            foreach (var id in ids)
                if (e.UnitsOf.TryGetValue(id, out var s) && s.Overlaps(unitIds)) { why = "name and unit"; return id; }
        }
        why = null;
        return null;
    }

    /// Checks every row with the mapping; returns the plans and the row errors (units that do not exist included,
    /// unless the settings create them).
    static (List<RowPlan> Plans, List<RowError> Errors, int NewUnits) PlanAll(CsvTable table, ImportSettings s, IReadOnlyList<CustomFieldRef> fields, Existing e)
    {
        var cols = s.Columns ?? [];
        var plans = new List<RowPlan>(table.Rows.Count);
        var errors = new List<RowError>();
        var newUnits = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var p = ImportPlanning.Plan(table.RowNumbers[i], table.Rows[i], table.Headers, cols, fields);
            foreach (var u in p.Units)
            {
                var key = Organization.Normalize(u.Name);
                if (e.Units.ContainsKey(key)) continue;
                if (s.CreateUnits) newUnits.Add(key);
                else p.Errors.Add("The unit in this row does not exist (create it first, or tick \"create missing units\").");
            }
            foreach (var m in p.Errors) errors.Add(new RowError(p.Row, m));
            plans.Add(p);
        }
        return (plans, errors, newUnits.Count);
    }

    public static async Task<Outcome<ImportPreview>> PreviewAsync(AppDbContext db, FieldCrypto crypto, ImportJob j, ImportSettings s, CancellationToken ct)
    {
        if (j.Content is null) return Failure.Conflict("This import has finished; upload the file again to import it anew.");
        var (table, parseErrors) = CsvText.Parse(j.Content);
        if (table is null) return Failure.Invalid(Describe(parseErrors));
        var fields = await FieldsAsync(db, j.OrganizationId, ct);
        if (ImportPlanning.ValidateMapping(s, table.Headers, fields) is { } f) return f;
        var e = await LoadExistingAsync(db, j.OrganizationId, ct);
        var (plans, errors, newUnits) = PlanAll(table, s, fields, e);
        var dups = 0;
        var rows = new List<PreviewRow>();
        for (var i = 0; i < plans.Count; i++)
        {
            var dup = FindDuplicate(e, crypto, plans[i], out var why);
            if (dup is not null) dups++;
            if (i < PreviewRows)
            {
                var values = (s.Columns ?? []).Where(c => c.Target != ImportTarget.Ignore)
                    .ToDictionary(c => c.Header, c => { var k = table.Headers.ToList().IndexOf(c.Header); return k < table.Rows[i].Length ? table.Rows[i][k] : ""; });
                rows.Add(new PreviewRow(plans[i].Row, values, dup is null ? null : $"Same {why} as contact #{dup}", plans[i].Errors));
            }
        }
        return new ImportPreview(rows, plans.Count, errors.Count, errors.Take(200).ToList(), dups, newUnits);
    }

    /// Queues the job with these settings, if the whole file passes; a file with row errors is refused with the list.
    public static async Task<Outcome<ImportView>> StartAsync(AppDbContext db, FieldCrypto crypto, ImportJob j, ImportSettings s, ImportProgress progress, DateTime now, CancellationToken ct)
    {
        var preview = await PreviewAsync(db, crypto, j, s, ct);
        if (!preview.Ok) return preview.Failure!;
        if (preview.Value!.ErrorCount > 0)
            return Failure.Invalid(Describe(preview.Value.Errors));
        var json = JsonSerializer.Serialize(s, Json);
        var n = await db.ImportJobs.Where(x => x.Id == j.Id && x.Status == ImportStatus.Uploaded)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ImportStatus.Queued).SetProperty(x => x.SettingsJson, json).SetProperty(x => x.UpdatedUtc, now), ct);
        if (n == 0) return Failure.Conflict("This import has already been started.");
        var fresh = await FindAsync(db, j.OrganizationId, j.Id, ct);
        return await DescribeAsync(db, fresh!, progress, ct);
    }

    /// The run: every contact of the file in one transaction, progress reported as it goes, the job row marked done in
    /// the same transaction. If anything fails, nothing of the file is written and the job says why.
    public static async Task RunAsync(AppDbContext db, FieldCrypto crypto, int jobId, ImportProgress progress, TimeProvider clock, CancellationToken ct)
    {
        var j = await db.ImportJobs.AsNoTracking().FirstAsync(x => x.Id == jobId, ct);
        var s = JsonSerializer.Deserialize<ImportSettings>(j.SettingsJson!, Json)!;
        var (table, parseErrors) = CsvText.Parse(j.Content ?? "");
        var fields = await FieldsAsync(db, j.OrganizationId, ct);
        var e = await LoadExistingAsync(db, j.OrganizationId, ct);
        if (table is null) { await FailAsync(db, jobId, parseErrors, clock, ct); return; }
        var (plans, errors, _) = PlanAll(table, s, fields, e);
        if (errors.Count > 0) { await FailAsync(db, jobId, errors, clock, ct); return; }
        var orgId = j.OrganizationId;
        int created = 0, merged = 0, skipped = 0, unitsCreated = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            // Units named in the file that do not exist yet (only when the settings say to create them).
            foreach (var u in plans.SelectMany(p => p.Units).DistinctBy(u => Organization.Normalize(u.Name)))
            {
                var key = Organization.Normalize(u.Name);
                if (e.Units.ContainsKey(key)) continue;
                var unit = new Unit { OrganizationId = orgId, Name = u.Name, NormalizedName = key, Kind = u.Kind, CreatedUtc = now };
                db.Units.Add(unit);
                await db.SaveChangesAsync(ct);
                e.Units[key] = unit.Id;
                unitsCreated++;
            }
            var tagIds = await db.OrganizingTags.Where(t => t.OrganizationId == orgId).ToDictionaryAsync(t => t.NameLookup, t => t.Id, ct);
            foreach (var lookup in plans.SelectMany(p => p.Tags).Select(t => (Name: t, Lookup: crypto.Lookup(ImportPlanning.NormalizeName(t)))).DistinctBy(t => t.Lookup).ToList())
            {
                if (tagIds.ContainsKey(lookup.Lookup)) continue;
                var tag = new OrganizingTag { OrganizationId = orgId, Name = lookup.Name, NameLookup = lookup.Lookup };
                db.OrganizingTags.Add(tag);
                await db.SaveChangesAsync(ct);
                tagIds[lookup.Lookup] = tag.Id;
            }
            db.ChangeTracker.Clear();
            var pending = 0;
            var inFile = new Dictionary<string, Contact>(StringComparer.Ordinal);
            for (var i = 0; i < plans.Count; i++)
            {
                var p = plans[i];
                var dup = s.Duplicates == DuplicatePolicy.Create ? null : FindDuplicate(e, crypto, p, out _);
                var sameFile = dup is null && s.Duplicates != DuplicatePolicy.Create ? FindInFile(inFile, crypto, p) : null;
                if ((dup is not null || sameFile is not null) && s.Duplicates == DuplicatePolicy.Skip) { skipped++; }
                else if (sameFile is not null) { Merge(sameFile, p, crypto, e, tagIds, orgId, now); merged++; }
                else if (dup is { } id)
                {
                    var c = await db.Contacts.Include(x => x.Units).Include(x => x.Channels).Include(x => x.Tags).FirstAsync(x => x.Id == id, ct);
                    Merge(c, p, crypto, e, tagIds, orgId, now);
                    c.Version++;
                    merged++;
                    pending++;
                }
                else
                {
                    var c = new Contact { OrganizationId = orgId, Name = p.Name, NameLookup = crypto.Lookup(ImportPlanning.NormalizeName(p.Name)), CreatedUtc = now, UpdatedUtc = now, Eligible = p.Eligible ?? true };
                    Merge(c, p, crypto, e, tagIds, orgId, now);
                    db.Contacts.Add(c);
                    foreach (var k in Keys(crypto, p)) inFile.TryAdd(k, c);
                    created++;
                    pending++;
                }
                if (pending >= 1000 || i == plans.Count - 1)
                {
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    inFile.Clear();
                    pending = 0;
                }
                if (i % 500 == 0 || i == plans.Count - 1) progress.Report(jobId, i + 1);
            }
            var done = clock.GetUtcNow().UtcDateTime;
            await db.ImportJobs.Where(x => x.Id == jobId).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.Status, ImportStatus.Done).SetProperty(x => x.Content, (string?)null).SetProperty(x => x.ProcessedRows, plans.Count)
                .SetProperty(x => x.Created, created).SetProperty(x => x.Merged, merged).SetProperty(x => x.Skipped, skipped)
                .SetProperty(x => x.UnitsCreated, unitsCreated).SetProperty(x => x.UpdatedUtc, done), ct);
            db.Audit(done, j.CreatedById, orgId, created, merged, skipped);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        progress.Forget(jobId);
    }

    static void Audit(this AppDbContext db, DateTime at, string actor, int orgId, int created, int merged, int skipped) =>
        Groundwork.Audit.AuditLog.Record(db, at, "contacts-imported", actor, orgId, detail: $"{created} created, {merged} merged, {skipped} skipped");

    static IEnumerable<string> Keys(FieldCrypto crypto, RowPlan p) =>
        p.Emails.Select(m => crypto.Lookup("email:" + ImportPlanning.NormalizeEmail(m)))
            .Concat(p.Phones.Select(m => crypto.Lookup("phone:" + ImportPlanning.NormalizePhone(m))));

    static Contact? FindInFile(Dictionary<string, Contact> inFile, FieldCrypto crypto, RowPlan p)
    {
        foreach (var k in Keys(crypto, p)) if (inFile.TryGetValue(k, out var c)) return c;
        return null;
    }

    /// Fills what the row has into the contact: empty fields, and any new channels, units and tags. Existing values win.
    static void Merge(Contact c, RowPlan p, FieldCrypto crypto, Existing e, Dictionary<string, int> tagIds, int orgId, DateTime now)
    {
        c.Role ??= p.Role;
        c.Employer ??= p.Employer;
        c.Languages ??= p.Languages;
        if (p.Notes is not null) c.Notes = c.Notes is null ? p.Notes : c.Notes + "\n" + p.Notes;
        if (p.Eligible is false) c.Eligible = false;
        if (p.Custom.Count > 0)
        {
            var values = string.IsNullOrEmpty(c.CustomFieldsJson) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(c.CustomFieldsJson) ?? [];
            foreach (var (k, v) in p.Custom) values.TryAdd(k.ToString(CultureInfo.InvariantCulture), v);
            c.CustomFieldsJson = JsonSerializer.Serialize(values);
        }
        foreach (var m in p.Emails)
        {
            var lookup = crypto.Lookup("email:" + ImportPlanning.NormalizeEmail(m));
            if (c.Channels.All(x => x.Lookup != lookup)) c.Channels.Add(new ContactChannel { OrganizationId = orgId, Kind = ChannelKind.Email, Value = m, Lookup = lookup });
        }
        foreach (var m in p.Phones)
        {
            var lookup = crypto.Lookup("phone:" + ImportPlanning.NormalizePhone(m));
            if (c.Channels.All(x => x.Lookup != lookup)) c.Channels.Add(new ContactChannel { OrganizationId = orgId, Kind = ChannelKind.Phone, Value = m, Lookup = lookup });
        }
        foreach (var u in p.Units)
        {
            var id = e.Units[Organization.Normalize(u.Name)];
            if (c.Units.All(x => x.UnitId != id)) c.Units.Add(new ContactUnit { UnitId = id });
        }
        foreach (var t in p.Tags)
        {
            var id = tagIds[crypto.Lookup(ImportPlanning.NormalizeName(t))];
            if (c.Tags.All(x => x.TagId != id)) c.Tags.Add(new ContactTag { TagId = id });
        }
        c.UpdatedUtc = now;
    }

    static async Task FailAsync(AppDbContext db, int jobId, List<RowError> errors, TimeProvider clock, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(errors.Take(500).ToList(), Json);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ImportJobs.Where(x => x.Id == jobId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ImportStatus.Failed)
            .SetProperty(x => x.ErrorsJson, json).SetProperty(x => x.ErrorCount, errors.Count).SetProperty(x => x.UpdatedUtc, now), ct);
    }
}
