using System.Globalization;
using System.Text.Json;
using Groundwork.Data;
using Groundwork.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Import;

public static class WriteImportBatch
{
    /// One batch in one transaction: new contacts (hidden, carrying the job's id), merges into contacts this import
    /// created (hidden too), merges into existing contacts staged as ImportMerge rows, and the job's progress, which
    /// moves only from the row count this run expects (and only under its claim).
    internal static async Task<bool> WriteBatchAsync(AppDbContext db, FieldCrypto crypto, int orgId, int jobId, int attempt, ImportSettings s, List<RowPlan> batch,
        KnownContacts e, Dictionary<string, int> tagIds, RunImport.Counters state, TimeProvider clock, RunTimings timings, CancellationToken ct)
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
                var keys = s.Duplicates == DuplicatePolicy.Create ? [] : KnownContacts.Keys(crypto, p).ToList();
                int? dup = null;
                Contact? sameFile = null;
                int? sameFileId = null;
                if (s.Duplicates != DuplicatePolicy.Create)
                {
                    dup = KnownContacts.FindDuplicate(e, crypto, p, out _);
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
                    WriteImportBatch.Merge(sameFile, p, crypto, e, tagIds, orgId, now);
                    foreach (var k in keys) fresh.TryAdd(k, sameFile);
                    merged++;
                }
                else if (dup is { } id)
                {
                    db.ImportMerges.Add(new ImportMerge { ImportJobId = jobId, ContactId = id, Row = p.Row, Plan = JsonSerializer.Serialize(p, ImportJson.Plan) });
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
                    WriteImportBatch.Merge(c, p, crypto, e, tagIds, orgId, now);
                    created.Add(c);
                    foreach (var k in keys) fresh.TryAdd(k, c);
                }
            }
            // Behind the write gate: a signing or ballot batch waits its turn in process, not in SQLite's busy handler.
            await using var tx = await db.BeginWriteAsync(ct);
            var held = System.Diagnostics.Stopwatch.StartNew();
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

    /// Fills what the row has into the contact: empty fields, and any new channels, units and tags. Existing values win.
    internal static void Merge(Contact c, RowPlan p, FieldCrypto crypto, KnownContacts e, Dictionary<string, int> tagIds, int orgId, DateTime now)
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
