using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

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

/// How a run ended: published, refused (row errors; nothing written), or given up because another run took the job
/// over (its claim is stale); a run cancelled between batches simply stops and resumes later.
public enum RunEnd { Done, Failed, Superseded }

/// Where a run's time went, for the log and the benchmark: counts and milliseconds only, nothing from the file.
public sealed class RunTimings
{
    public long CheckMs { get; set; }
    public int Batches { get; set; }
    public long WriteMs { get; set; }
    /// The longest batch transaction: how long another writer on SQLite may have waited for the write lock.
    public long LongestBatchMs { get; set; }
    public long PublishMs { get; set; }
}

/// The database side of an import: upload, preview, queue, and the run. The run streams the file in batches, each one
/// short transaction that commits the batch's contacts (hidden) with the job's progress; one short final step publishes
/// them. See ImportJob.
public static class ContactImport
{
    public const int PreviewRows = 20;
    /// Rows per transaction: long enough that the per-transaction cost vanishes, short enough (well under a second)
    /// that other writers on SQLite's single write lock do not notice.
    public const int DefaultBatchRows = 1000;
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    // A staged merge keeps its whole row plan; the units are (name, kind) tuples, whose values are fields.
    static readonly JsonSerializerOptions PlanJson = new(JsonSerializerDefaults.Web) { IncludeFields = true };

    public static Task<List<CustomFieldRef>> FieldsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        db.CustomFields.AsNoTracking().Where(f => f.OrganizationId == orgId && f.RetiredUtc == null)
            .Select(f => new CustomFieldRef(f.Id, f.Name, f.Type)).ToListAsync(ct);

    public static async Task<Outcome<ImportView>> UploadAsync(AppDbContext db, int orgId, string actorId, byte[] bytes, string? encoding, DateTime now, CancellationToken ct)
    {
        var text = CsvText.Decode(bytes, encoding);
        if (!text.Ok) return text.Failure!;
        var (headers, rows, errors) = CsvText.Check(text.Value!);
        if (errors.Count > 0) return new Failure(400, Describe(errors), "file");
        if (rows == 0) return Failure.Invalid("The file has a header but no rows.", "file");
        var job = new ImportJob
        {
            OrganizationId = orgId, CreatedById = actorId, CreatedUtc = now, UpdatedUtc = now, Status = ImportStatus.Uploaded,
            Content = text.Value, TotalRows = rows,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return View(job, headers.ToList(), ImportPlanning.Suggest(headers, await FieldsAsync(db, orgId, ct)));
    }

    /// One line for the problem title: the first errors with their rows.
    public static string Describe(List<RowError> errors) =>
        "The file cannot be imported: " + string.Join(" ", errors.Take(5).Select(e => (e.Row > 0 ? $"Row {e.Row}: {e.Message}" : e.Message).TrimEnd('.') + "."))
        + (errors.Count > 5 ? $" (and {errors.Count - 5} more)" : "");

    public static ImportView View(ImportJob j, List<string> headers, List<ColumnMapping> suggested)
    {
        var processed = j.Status == ImportStatus.Done ? j.TotalRows : Math.Min(j.ProcessedRows, j.TotalRows);
        var errs = string.IsNullOrEmpty(j.ErrorsJson) ? [] : JsonSerializer.Deserialize<List<RowError>>(j.ErrorsJson, Json) ?? [];
        var settings = string.IsNullOrEmpty(j.SettingsJson) ? null : JsonSerializer.Deserialize<ImportSettings>(j.SettingsJson, Json);
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
        var settings = string.IsNullOrEmpty(j.SettingsJson) ? null : JsonSerializer.Deserialize<ImportSettings>(j.SettingsJson, Json);
        var headers = j.Content is not null ? CsvText.HeadersOf(j.Content).ToList() : settings?.Columns?.Select(c => c.Header).ToList() ?? [];
        return View(j, headers, ImportPlanning.Suggest(headers, await FieldsAsync(db, j.OrganizationId, ct)));
    }

    /// What duplicate detection compares against: keyed hashes only (no names or numbers in clear), and unit ids.
    sealed class Known
    {
        /// Channel lookups of visible contacts (and of rows of this import merged into them) → contact.
        public Dictionary<string, int> ByChannel { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<int>> ByName { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, HashSet<int>> UnitsOf { get; } = [];
        public Dictionary<string, int> Units { get; } = new(StringComparer.Ordinal);
        /// Channel lookups of the contacts this import created in earlier batches → contact (hidden until published).
        public Dictionary<string, int> InFile { get; } = new(StringComparer.Ordinal);
    }

    static async Task<Known> LoadKnownAsync(AppDbContext db, int orgId, int? jobId, CancellationToken ct)
    {
        var e = new Known();
        var channels = from x in db.ContactChannels.AsNoTracking()
                       join c in db.Contacts.IgnoreQueryFilters() on x.ContactId equals c.Id
                       where x.OrganizationId == orgId && x.Lookup != null && (c.ImportJobId == null || c.ImportJobId == jobId)
                       select new { x.Lookup, x.ContactId, c.ImportJobId };
        await foreach (var c in channels.AsAsyncEnumerable().WithCancellation(ct))
            (c.ImportJobId is null ? e.ByChannel : e.InFile).TryAdd(c.Lookup!, c.ContactId);
        await foreach (var c in db.Contacts.AsNoTracking().Where(x => x.OrganizationId == orgId && x.NameLookup != null).Select(x => new { x.NameLookup, x.Id }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!e.ByName.TryGetValue(c.NameLookup!, out var l)) e.ByName[c.NameLookup!] = l = [];
            l.Add(c.Id);
        }
        var cu = from x in db.ContactUnits join c in db.Contacts on x.ContactId equals c.Id where c.OrganizationId == orgId select new { x.ContactId, x.UnitId };
        await foreach (var x in cu.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!e.UnitsOf.TryGetValue(x.ContactId, out var s)) e.UnitsOf[x.ContactId] = s = [];
            s.Add(x.UnitId);
        }
        foreach (var u in await db.Units.AsNoTracking().Where(u => u.OrganizationId == orgId).Select(u => new { u.Id, u.NormalizedName }).ToListAsync(ct))
            e.Units.TryAdd(u.NormalizedName, u.Id);
        return e;
    }

    static int? FindDuplicate(Known e, FieldCrypto crypto, RowPlan p, out string? why)
    {
        foreach (var m in p.Emails)
            if (e.ByChannel.TryGetValue(crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Email, m)), out var id)) { why = ImportMessages.SameEmailAsContact; return id; }
        foreach (var m in p.Phones)
            if (e.ByChannel.TryGetValue(crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Phone, m)), out var id)) { why = ImportMessages.SamePhoneAsContact; return id; }
        if (e.ByName.TryGetValue(crypto.Lookup(ImportPlanning.NormalizeName(p.Name)), out var ids))
        {
            var unitIds = p.Units.Select(u => e.Units.GetValueOrDefault(Organization.Normalize(u.Name))).Where(x => x != 0).ToHashSet();
            foreach (var id in ids)
                if (e.UnitsOf.TryGetValue(id, out var s) && s.Overlaps(unitIds)) { why = ImportMessages.SameNameAndUnitAsContact; return id; }
        }
        why = null;
        return null;
    }

    /// Plans one row and adds the error for a unit that does not exist (unless the settings create it).
    static RowPlan PlanRow(int row, string[] record, IReadOnlyList<string> headers, ImportSettings s, IReadOnlyList<CustomFieldRef> fields, Known e,
        Dictionary<string, (string Name, UnitKind Kind)> newUnits)
    {
        var p = ImportPlanning.Plan(row, record, headers, s.Columns ?? [], fields);
        foreach (var u in p.Units)
        {
            var key = Organization.Normalize(u.Name);
            if (e.Units.ContainsKey(key)) continue;
            if (s.CreateUnits) newUnits.TryAdd(key, u);
            else p.Errors.Add("The unit in this row does not exist (create it first, or tick \"create missing units\").");
        }
        return p;
    }

    public static async Task<Outcome<ImportPreview>> PreviewAsync(AppDbContext db, FieldCrypto crypto, ImportJob j, ImportSettings s, CancellationToken ct)
    {
        if (j.Content is null) return Failure.Conflict("This import has finished; upload the file again to import it anew.");
        using var reader = CsvText.Open(j.Content);
        if (reader.Errors.Count > 0) return Failure.Invalid(Describe(reader.Errors));
        var fields = await FieldsAsync(db, j.OrganizationId, ct);
        var headers = reader.Headers;
        if (ImportPlanning.ValidateMapping(s, headers, fields) is { } f) return f;
        var e = await LoadKnownAsync(db, j.OrganizationId, null, ct);
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
            var p = PlanRow(rowNo, record, headers, s, fields, e, newUnits);
            errorCount += p.Errors.Count;
            foreach (var m in p.Errors) if (errors.Count < 200) errors.Add(new RowError(p.Row, m));
            var dup = FindDuplicate(e, crypto, p, out var why);
            string? said = dup is null ? null : ImportMessages.Say(why!, dup);
            if (dup is null && s.Duplicates != DuplicatePolicy.Create)
                foreach (var k in Keys(crypto, p))
                    if (inFile.TryGetValue(k, out var first)) { said = ImportMessages.Say(ImportMessages.SameAsRow, first); break; }
            if (said is not null) dups++;
            foreach (var k in Keys(crypto, p)) inFile.TryAdd(k, p.Row);
            if (total++ < PreviewRows)
                rows.Add(new PreviewRow(p.Row, index.ToDictionary(c => c.Header, c => c.At < record.Length ? record[c.At] : ""), said, p.Errors));
        }
        if (reader.Errors.Count > 0) return Failure.Invalid(Describe(reader.Errors));
        return new ImportPreview(rows, total, errorCount, errors, dups, newUnits.Count);
    }

    /// Queues the job with these settings, if the whole file passes; a file with row errors is refused with the list.
    public static async Task<Outcome<ImportView>> StartAsync(AppDbContext db, FieldCrypto crypto, ImportJob j, ImportSettings s, DateTime now, CancellationToken ct)
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
        return await DescribeAsync(db, fresh!, ct);
    }

    /// The run, for a job this caller has claimed (Running, with this attempt number). It starts after the rows already
    /// committed, so a run that was stopped half-way picks up exactly where it stopped. <paramref name="afterBatch"/>
    /// is called between batches, outside any transaction, with the rows committed so far (tests stop a run there).
    public static async Task<RunEnd> RunAsync(AppDbContext db, FieldCrypto crypto, int jobId, int attempt, TimeProvider clock, CancellationToken ct,
        int batchRows = DefaultBatchRows, Func<int, Task>? afterBatch = null, RunTimings? timings = null)
    {
        timings ??= new RunTimings();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var j = await db.ImportJobs.AsNoTracking().FirstAsync(x => x.Id == jobId, ct);
        if (j.Attempt != attempt || j.Status != ImportStatus.Running) return RunEnd.Superseded;
        var s = JsonSerializer.Deserialize<ImportSettings>(j.SettingsJson!, Json)!;
        var text = j.Content ?? "";
        var orgId = j.OrganizationId;
        var fields = await FieldsAsync(db, orgId, ct);
        var e = await LoadKnownAsync(db, orgId, jobId, ct);

        // Pass 1, nothing written: every row still passes (the organization may have changed since the start), and
        // the units and tags the file needs.
        var newUnits = new Dictionary<string, (string Name, UnitKind Kind)>(StringComparer.Ordinal);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<RowError>();
        IReadOnlyList<string> headers;
        using (var reader = CsvText.Open(text))
        {
            headers = reader.Headers;
            while (reader.Next(out var record, out var rowNo))
            {
                var p = PlanRow(rowNo, record, headers, s, fields, e, newUnits);
                foreach (var m in p.Errors) errors.Add(new RowError(p.Row, m));
                foreach (var t in p.Tags) tags.TryAdd(crypto.Lookup(ImportPlanning.NormalizeName(t)), t);
            }
            errors.InsertRange(0, reader.Errors);
        }
        timings.CheckMs = watch.ElapsedMilliseconds;
        if (errors.Count > 0)
        {
            await RollBackAsync(db, jobId, attempt, errors, clock, ct);
            return RunEnd.Failed;
        }

        // Units and tags the file names and the organization lacks: created once (the first run; a resumed one finds
        // them), each a unique name per organization.
        var strategy = db.Database.CreateExecutionStrategy();
        var tagIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var prepared = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var units = newUnits.Where(u => !e.Units.ContainsKey(u.Key))
                .Select(u => new Unit { OrganizationId = orgId, Name = u.Value.Name, NormalizedName = u.Key, Kind = u.Value.Kind, CreatedUtc = now }).ToList();
            db.Units.AddRange(units);
            var have = (await db.OrganizingTags.AsNoTracking().Where(t => t.OrganizationId == orgId).Select(t => t.NameLookup).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            db.OrganizingTags.AddRange(tags.Where(t => !have.Contains(t.Key)).Select(t => new OrganizingTag { OrganizationId = orgId, Name = t.Value, NameLookup = t.Key }));
            await db.SaveChangesAsync(ct);
            var n = await db.ImportJobs.Where(x => x.Id == jobId && x.Attempt == attempt && x.Status == ImportStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.UnitsCreated, x => x.UnitsCreated + units.Count).SetProperty(x => x.UpdatedUtc, now), ct);
            if (n == 0) return false;
            await tx.CommitAsync(ct);
            foreach (var u in units) e.Units[u.NormalizedName] = u.Id;
            return true;
        });
        if (!prepared) return RunEnd.Superseded;
        db.ChangeTracker.Clear();
        foreach (var t in await db.OrganizingTags.AsNoTracking().Where(t => t.OrganizationId == orgId).Select(t => new { t.NameLookup, t.Id }).ToListAsync(ct))
            tagIds[t.NameLookup] = t.Id;

        // A resumed run: rows of earlier batches merged into existing contacts count as those contacts' channels.
        if (j.ProcessedRows > 0)
            await foreach (var m in db.ImportMerges.AsNoTracking().Where(m => m.ImportJobId == jobId).Select(m => new { m.ContactId, m.Plan }).AsAsyncEnumerable().WithCancellation(ct))
                foreach (var k in Keys(crypto, JsonSerializer.Deserialize<RowPlan>(m.Plan, PlanJson)!)) e.ByChannel.TryAdd(k, m.ContactId);

        // Pass 2: the rows after the last committed batch, one short transaction per batch.
        watch.Restart();
        var state = new Counters(j.ProcessedRows, j.Created, j.Merged, j.Skipped);
        var batch = new List<RowPlan>(batchRows);
        using (var reader = CsvText.Open(text))
        {
            var index = 0;
            while (reader.Next(out var record, out var rowNo))
            {
                if (index++ < state.Processed) continue;
                batch.Add(PlanRow(rowNo, record, headers, s, fields, e, newUnits));
                if (batch.Count < batchRows) continue;
                if (!await WriteBatchAsync(db, crypto, orgId, jobId, attempt, s, batch, e, tagIds, state, clock, timings, ct)) return RunEnd.Superseded;
                batch.Clear();
                if (afterBatch is not null) await afterBatch(state.Processed);
            }
        }
        if (batch.Count > 0)
        {
            if (!await WriteBatchAsync(db, crypto, orgId, jobId, attempt, s, batch, e, tagIds, state, clock, timings, ct)) return RunEnd.Superseded;
            if (afterBatch is not null) await afterBatch(state.Processed);
        }
        timings.WriteMs = watch.ElapsedMilliseconds;
        watch.Restart();
        var published = await PublishAsync(db, crypto, j, attempt, e, tagIds, clock, ct);
        timings.PublishMs = watch.ElapsedMilliseconds;
        return published ? RunEnd.Done : RunEnd.Superseded;
    }

    sealed class Counters(int processed, int created, int merged, int skipped)
    {
        public int Processed { get; set; } = processed;
        public int Created { get; set; } = created;
        public int Merged { get; set; } = merged;
        public int Skipped { get; set; } = skipped;
    }

    /// One batch in one transaction: new contacts (hidden, carrying the job's id), merges into contacts this import
    /// created (hidden too), merges into existing contacts staged as ImportMerge rows, and the job's progress, which
    /// moves only from the row count this run expects (and only under its claim).
    static async Task<bool> WriteBatchAsync(AppDbContext db, FieldCrypto crypto, int orgId, int jobId, int attempt, ImportSettings s, List<RowPlan> batch,
        Known e, Dictionary<string, int> tagIds, Counters state, TimeProvider clock, RunTimings timings, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow().UtcDateTime;
            int merged = 0, skipped = 0;
            var fresh = new Dictionary<string, Contact>(StringComparer.Ordinal); // this batch's new contacts, by channel
            var loaded = new Dictionary<int, Contact>(); // this import's contacts of earlier batches, merged into here
            var stagedKeys = new List<(string Key, int Id)>();
            var created = new List<Contact>(batch.Count); // written by BulkRows, not tracked
            foreach (var p in batch)
            {
                var keys = s.Duplicates == DuplicatePolicy.Create ? [] : Keys(crypto, p).ToList();
                int? dup = null;
                Contact? sameFile = null;
                int? sameFileId = null;
                if (s.Duplicates != DuplicatePolicy.Create)
                {
                    dup = FindDuplicate(e, crypto, p, out _);
                    if (dup is null)
                        foreach (var k in keys)
                        {
                            if (fresh.TryGetValue(k, out sameFile)) break;
                            if (e.InFile.TryGetValue(k, out var id)) { sameFileId = id; break; }
                        }
                }
                if ((dup is not null || sameFile is not null || sameFileId is not null) && s.Duplicates == DuplicatePolicy.Skip) { skipped++; continue; }
                if (sameFileId is { } earlier && sameFile is null)
                {
                    if (!loaded.TryGetValue(earlier, out sameFile))
                    {
                        sameFile = await db.Contacts.IgnoreQueryFilters().Include(x => x.Units).Include(x => x.Channels).Include(x => x.Tags)
                            .FirstOrDefaultAsync(x => x.Id == earlier && x.ImportJobId == jobId, ct);
                        if (sameFile is not null) loaded[earlier] = sameFile;
                    }
                }
                if (sameFile is not null)
                {
                    Merge(sameFile, p, crypto, e, tagIds, orgId, now);
                    foreach (var k in keys) fresh.TryAdd(k, sameFile);
                    merged++;
                }
                else if (dup is { } id)
                {
                    db.ImportMerges.Add(new ImportMerge { ImportJobId = jobId, ContactId = id, Row = p.Row, Plan = JsonSerializer.Serialize(p, PlanJson) });
                    foreach (var k in keys) stagedKeys.Add((k, id));
                    merged++;
                }
                else
                {
                    var c = new Contact
                    {
                        OrganizationId = orgId, ImportJobId = jobId, Name = p.Name, NameLookup = crypto.Lookup(ImportPlanning.NormalizeName(p.Name)),
                        CreatedUtc = now, UpdatedUtc = now, Eligible = p.Eligible ?? true,
                    };
                    Merge(c, p, crypto, e, tagIds, orgId, now);
                    created.Add(c);
                    foreach (var k in keys) fresh.TryAdd(k, c);
                }
            }
            var held = System.Diagnostics.Stopwatch.StartNew();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The new contacts and their rows by the bulk path (the model's columns and converters, no tracking);
            // merges into this import's earlier contacts and the staged merges by SaveChanges.
            await BulkRows.InsertAsync(db, created, ct);
            foreach (var c in created)
            {
                foreach (var x in c.Channels) x.ContactId = c.Id;
                foreach (var x in c.Units) x.ContactId = c.Id;
                foreach (var x in c.Tags) x.ContactId = c.Id;
            }
            await BulkRows.InsertAsync(db, created.SelectMany(c => c.Channels).ToList(), ct);
            await BulkRows.InsertAsync(db, created.SelectMany(c => c.Units).ToList(), ct);
            await BulkRows.InsertAsync(db, created.SelectMany(c => c.Tags).ToList(), ct);
            await db.SaveChangesAsync(ct);
            var from = state.Processed;
            var to = from + batch.Count;
            var n = await db.ImportJobs.Where(x => x.Id == jobId && x.Attempt == attempt && x.Status == ImportStatus.Running && x.ProcessedRows == from)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ProcessedRows, to).SetProperty(x => x.Created, x => x.Created + created.Count)
                    .SetProperty(x => x.Merged, x => x.Merged + merged).SetProperty(x => x.Skipped, x => x.Skipped + skipped).SetProperty(x => x.UpdatedUtc, now), ct);
            if (n == 0) return false; // the transaction rolls back as it is disposed
            await tx.CommitAsync(ct);
            timings.Batches++;
            timings.LongestBatchMs = Math.Max(timings.LongestBatchMs, held.ElapsedMilliseconds);
            foreach (var (k, c) in fresh) e.InFile.TryAdd(k, c.Id);
            foreach (var (k, id) in stagedKeys) e.ByChannel.TryAdd(k, id);
            state.Processed = to;
            state.Created += created.Count;
            state.Merged += merged;
            state.Skipped += skipped;
            db.ChangeTracker.Clear();
            return true;
        });
    }

    /// The one short step that makes the import visible: staged merges applied to the existing contacts, the new
    /// contacts unhidden by one UPDATE, the job marked done, all in one transaction.
    static async Task<bool> PublishAsync(AppDbContext db, FieldCrypto crypto, ImportJob j, int attempt, Known e, Dictionary<string, int> tagIds,
        TimeProvider clock, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var lastId = 0;
            while (true)
            {
                var chunk = await db.ImportMerges.AsNoTracking().Where(m => m.ImportJobId == j.Id && m.Id > lastId).OrderBy(m => m.Id).Take(500).ToListAsync(ct);
                if (chunk.Count == 0) break;
                lastId = chunk[^1].Id;
                var ids = chunk.Select(m => m.ContactId).Distinct().ToList();
                // A contact deleted since the row was staged is gone: its merge goes with it.
                var contacts = await db.Contacts.Include(x => x.Units).Include(x => x.Channels).Include(x => x.Tags).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                foreach (var m in chunk)
                    if (contacts.TryGetValue(m.ContactId, out var c))
                        Merge(c, JsonSerializer.Deserialize<RowPlan>(m.Plan, PlanJson)!, crypto, e, tagIds, j.OrganizationId, now);
                foreach (var c in contacts.Values) c.Version++;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            var n = await db.ImportJobs.Where(x => x.Id == j.Id && x.Attempt == attempt && x.Status == ImportStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ImportStatus.Done).SetProperty(x => x.Content, (string?)null)
                    .SetProperty(x => x.UpdatedUtc, now), ct);
            if (n == 0) return false;
            await db.Contacts.IgnoreQueryFilters().Where(c => c.ImportJobId == j.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ImportJobId, (int?)null), ct);
            await db.ImportMerges.Where(m => m.ImportJobId == j.Id).ExecuteDeleteAsync(ct);
            var done = await db.ImportJobs.AsNoTracking().Where(x => x.Id == j.Id).Select(x => new { x.Created, x.Merged, x.Skipped }).FirstAsync(ct);
            db.Audit(now, j.CreatedById, j.OrganizationId, done.Created, done.Merged, done.Skipped);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        });
    }

    /// Undoes a run that cannot finish: its hidden contacts and staged merges are deleted (in short transactions:
    /// nobody sees them), then the job says why. Units and tags it created stay (empty, harmless, and maybe in use).
    public static async Task RollBackAsync(AppDbContext db, int jobId, int attempt, List<RowError> errors, TimeProvider clock, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        while (true)
        {
            var ids = await db.Contacts.IgnoreQueryFilters().Where(c => c.ImportJobId == jobId).OrderBy(c => c.Id).Select(c => c.Id).Take(1000).ToListAsync(ct);
            if (ids.Count == 0) break;
            await db.Contacts.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
        }
        await db.ImportMerges.Where(m => m.ImportJobId == jobId).ExecuteDeleteAsync(ct);
        var json = JsonSerializer.Serialize(errors.Take(500).ToList(), Json);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ImportJobs.Where(x => x.Id == jobId && x.Attempt == attempt).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ImportStatus.Failed)
            .SetProperty(x => x.Content, (string?)null).SetProperty(x => x.ErrorsJson, json).SetProperty(x => x.ErrorCount, errors.Count)
            .SetProperty(x => x.Created, 0).SetProperty(x => x.Merged, 0).SetProperty(x => x.Skipped, 0).SetProperty(x => x.UpdatedUtc, now), ct);
    }

    static void Audit(this AppDbContext db, DateTime at, string actor, int orgId, int created, int merged, int skipped) =>
        Groundwork.Audit.AuditLog.Record(db, at, "contacts-imported", actor, orgId, detail: $"{created} created, {merged} merged, {skipped} skipped");

    static IEnumerable<string> Keys(FieldCrypto crypto, RowPlan p) =>
        p.Emails.Select(m => crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Email, m)))
            .Concat(p.Phones.Select(m => crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Phone, m))));

    /// Fills what the row has into the contact: empty fields, and any new channels, units and tags. Existing values win.
    static void Merge(Contact c, RowPlan p, FieldCrypto crypto, Known e, Dictionary<string, int> tagIds, int orgId, DateTime now)
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
            var lookup = crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Email, m));
            if (c.Channels.All(x => x.Lookup != lookup)) c.Channels.Add(new ContactChannel { OrganizationId = orgId, Kind = ChannelKind.Email, Value = m, Lookup = lookup });
        }
        foreach (var m in p.Phones)
        {
            var lookup = crypto.Lookup(ContactRules.NormalizeChannel(ChannelKind.Phone, m));
            if (c.Channels.All(x => x.Lookup != lookup)) c.Channels.Add(new ContactChannel { OrganizationId = orgId, Kind = ChannelKind.Phone, Value = m, Lookup = lookup });
        }
        foreach (var u in p.Units)
        {
            // A unit deleted since the run began is left out rather than failing the whole import.
            if (!e.Units.TryGetValue(Organization.Normalize(u.Name), out var id)) continue;
            if (c.Units.All(x => x.UnitId != id)) c.Units.Add(new ContactUnit { UnitId = id });
        }
        foreach (var t in p.Tags)
        {
            if (!tagIds.TryGetValue(crypto.Lookup(ImportPlanning.NormalizeName(t)), out var id)) continue;
            if (c.Tags.All(x => x.TagId != id)) c.Tags.Add(new ContactTag { TagId = id });
        }
        c.UpdatedUtc = now;
    }
}
