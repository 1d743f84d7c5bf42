using System.Net;
using System.Text;
using Groundwork.Jobs;
using Groundwork.Organizing;
using Groundwork.Organizing.Import;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Structure;

/// A large import writes in short batches: nothing of it is visible before its last step, a run stopped between batches
/// resumes without duplicates, other writers are not kept waiting, and the progress lives in the database.
public sealed class ImportBatchTests
{
    /// The app's own runner is stopped so that the test decides when a run happens and where it stops.
    static async Task<ImportRunner> ManualRunnerAsync(GroundworkFactory f, int batchRows)
    {
        await f.Services.GetRequiredService<JobRunner>().StopAsync(default);
        var runner = f.Services.GetRequiredService<ImportRunner>();
        runner.BatchRows = batchRows;
        return runner;
    }

    static async Task<ImportView> QueueAsync(StructureWorld w, string csv, string duplicates)
    {
        var job = await (await ImportExportTests.UploadAsync(w.Admin.Api, w, Encoding.UTF8.GetBytes(csv))).ReadAsync<ImportView>();
        var start = await w.Admin.Api.PostJsonAsync(w.Api($"/contact-imports/{job.Id}/start"), new { columns = job.SuggestedColumns, duplicates, createUnits = true });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        return job;
    }

    static async Task<ImportView> ViewAsync(StructureWorld w, int job) => await (await w.Admin.Api.GetAsync(w.Api($"/contact-imports/{job}"))).ReadAsync<ImportView>();

    static async Task<List<string>> VisibleNamesAsync(StructureWorld w)
    {
        var page = await (await w.Admin.Api.GetAsync(w.Api("/contacts?pageSize=100"))).ReadAsync<ContactPage>();
        return page.Items.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
    }

    // Ten rows: row 6 is Zed again (an existing contact, by email), row 10 is row 3's person again (same phone, later batch).
    const string TenRows = "Name,Email,Phone,Department,Notes\n"
        + "R1,r1@example.test,+34 600 000 001,Kitchen,\n"
        + "R2,r2@example.test,+34 600 000 002,Kitchen,\n"
        + "R3,r3@example.test,+34 600 000 003,Floor,\n"
        + "R4,r4@example.test,+34 600 000 004,Floor,\n"
        + "R5,r5@example.test,+34 600 000 005,Yard,\n"
        + "Zed,zed@example.test,,Kitchen,moved to nights\n"
        + "R7,r7@example.test,+34 600 000 007,Yard,\n"
        + "R8,r8@example.test,+34 600 000 008,Kitchen,\n"
        + "R9,r9@example.test,+34 600 000 009,Kitchen,\n"
        + "R3 again,,+34 600 000 003,Floor,second sheet\n";

    [Fact]
    public async Task An_import_stopped_between_batches_shows_nothing_and_resumes_where_it_stopped_without_duplicates()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        using var f = await new GroundworkFactory { Clock = clock }.StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var runner = await ManualRunnerAsync(f, batchRows: 2);
        var zed = await QueueAsync(w, "Name,Email,Department\nZed,zed@example.test,Kitchen\n", "Merge");
        await runner.RunPendingAsync(default);
        Assert.Equal(ImportStatus.Done, (await ViewAsync(w, zed.Id)).Status);

        var job = await QueueAsync(w, TenRows, "Merge");
        using var stop = new CancellationTokenSource();
        var seen = new List<(int Rows, ImportStatus Status, int Processed, List<string> Visible, int Hidden)>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunPendingAsync(stop.Token, async rows =>
        {
            // Between batches: progress is in the job row for any node to read; the contacts written so far are not visible.
            var v = await ViewAsync(w, job.Id);
            var hidden = await f.WithDbAsync(db => db.Contacts.IgnoreQueryFilters().CountAsync(c => c.ImportJobId == job.Id));
            seen.Add((rows, v.Status, v.ProcessedRows, await VisibleNamesAsync(w), hidden));
            if (rows >= 6) await stop.CancelAsync(); // the process stops here, after the third batch
        }));
        Assert.Equal([2, 4, 6], seen.Select(s => s.Rows));
        Assert.All(seen, s => Assert.Equal((ImportStatus.Running, s.Rows), (s.Status, s.Processed)));
        Assert.All(seen, s => Assert.Equal(["Zed"], s.Visible));
        Assert.Equal([2, 4, 5], seen.Select(s => s.Hidden)); // row 6 (Zed) is a merge, staged, not a new contact

        var stopped = await ViewAsync(w, job.Id);
        Assert.Equal((ImportStatus.Running, 6, 60), (stopped.Status, stopped.ProcessedRows, stopped.Percent));
        Assert.Equal(["Zed"], await VisibleNamesAsync(w));
        var zedNow = (await f.WithDbAsync(db => db.Contacts.ToListAsync())).Single();
        Assert.Null(zedNow.Notes); // the staged merge waits for the end

        // A restart: the job, silent for longer than a run ever is between batches, is queued again and resumes.
        Assert.Equal(0, await runner.RequeueStaleAsync(default));
        clock.Now += ImportRunner.StaleAfter + TimeSpan.FromSeconds(1);
        Assert.Equal(1, await runner.RequeueStaleAsync(default));
        var resumed = new List<int>();
        Assert.Equal(1, await runner.RunPendingAsync(default, rows => { resumed.Add(rows); return Task.CompletedTask; }));
        Assert.Equal([8, 10], resumed);

        var done = await ViewAsync(w, job.Id);
        Assert.Equal((ImportStatus.Done, 10, 100), (done.Status, done.ProcessedRows, done.Percent));
        Assert.Equal((8, 2, 0, 1), (done.Created, done.Merged, done.Skipped, done.UnitsCreated)); // Yard is new
        var names = await VisibleNamesAsync(w);
        Assert.Equal(["R1", "R2", "R3", "R4", "R5", "R7", "R8", "R9", "Zed"], names);
        var all = await f.WithDbAsync(db => db.Contacts.IgnoreQueryFilters().Include(c => c.Channels).ToListAsync());
        Assert.All(all, c => Assert.Null(c.ImportJobId));
        Assert.Equal(all.SelectMany(c => c.Channels).Count(), all.SelectMany(c => c.Channels).Select(c => c.Lookup).Distinct().Count());
        Assert.Equal("moved to nights", all.Single(c => c.Name == "Zed").Notes);
        Assert.Equal("second sheet", all.Single(c => c.Name == "R3").Notes);
        Assert.Equal(0, await f.WithDbAsync(db => db.ImportMerges.CountAsync()));
        Assert.Null(await f.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job.Id).Select(j => j.Content).SingleAsync()));
    }

    [Fact]
    public async Task A_contact_written_by_the_bulk_path_reads_back_like_one_created_through_the_api()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var runner = await ManualRunnerAsync(f, batchRows: 1000);
        var tag = await (await w.Admin.Api.PostJsonAsync(w.Api("/contact-tags"), new { name = "Night bus" })).ReadAsync<NamedView>();
        var field = await (await w.Admin.Api.PostJsonAsync(w.Api("/custom-fields"), new { name = "Shift start", type = "Number" })).ReadAsync<CustomFieldView>();
        var made = await w.Admin.Api.PostJsonAsync(w.Api("/contacts"), new
        {
            name = "Rosa Luz", role = "Line cook", employer = "Big Kitchen Ltd", languages = "es, en", notes = "Works doubles",
            unitIds = new[] { w.Kitchen }, tagIds = new[] { tag.Id },
            channels = new[] { new { kind = "Phone", value = "+44 7700 900123" }, new { kind = "Email", value = "rosa@example.test" } },
            customFields = new Dictionary<string, string> { [field.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = "6" },
        });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        // The same person again, by the import ("create" keeps both), so the bulk path writes every kind of row.
        var job = await QueueAsync(w, "Name,Role,Employer,Languages,Notes,Phone,Email,Department,Tags,Shift start\n"
            + "Rosa Luz,Line cook,Big Kitchen Ltd,\"es, en\",Works doubles,+44 7700 900123,rosa@example.test,Kitchen,Night bus,6\n", "Create");
        await runner.RunPendingAsync(default);
        Assert.Equal((ImportStatus.Done, 1), ((await ViewAsync(w, job.Id)).Status, (await ViewAsync(w, job.Id)).Created));

        var both = await f.WithDbAsync(db => db.Contacts.Include(c => c.Channels).Include(c => c.Units).Include(c => c.Tags).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, both.Count);
        object Shape(Contact c) => new
        {
            c.OrganizationId, c.Name, c.Role, c.Employer, c.Languages, c.Notes, c.Eligible, c.IneligibleReason, c.IsLeader, c.PersonId, c.ImportJobId,
            Custom = string.Join(";", System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(c.CustomFieldsJson!)!.Select(kv => kv.Key + "=" + kv.Value)),
            Channels = string.Join(";", c.Channels.OrderBy(x => x.Kind).Select(x => $"{x.Kind}|{x.Value}|{x.OrganizationId}")),
            Units = string.Join(";", c.Units.Select(x => x.UnitId).Order()),
            Tags = string.Join(";", c.Tags.Select(x => x.TagId).Order()),
        };
        Assert.Equal(Shape(both[0]), Shape(both[1]));
        Assert.Equal([w.Kitchen], both[1].Units.Select(u => u.UnitId));
        Assert.Equal([tag.Id], both[1].Tags.Select(t => t.TagId));
        Assert.Equal(2, both[1].Channels.Count);
        Assert.Equal(DateTimeKind.Utc, both[1].CreatedUtc.Kind);
        var crypto = f.Services.GetRequiredService<Groundwork.Data.FieldCrypto>();
        Assert.Equal(crypto.Lookup("ROSA LUZ"), both[1].NameLookup);
        // The import's keyed hashes of channels are the API's, so either finds the other's contacts as duplicates.
        foreach (var kind in new[] { ChannelKind.Phone, ChannelKind.Email })
            Assert.Equal(both[0].Channels.Single(x => x.Kind == kind).Lookup, both[1].Channels.Single(x => x.Kind == kind).Lookup);
        Assert.Equal(crypto.Lookup("447700900123"), both[1].Channels.Single(x => x.Kind == ChannelKind.Phone).Lookup);
        // At rest the bulk-written fields are ciphertext, as EF's converters write them.
        var raw = await f.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT \"Role\" AS \"Value\" FROM \"Contacts\" UNION ALL SELECT \"Value\" AS \"Value\" FROM \"ContactChannels\"").ToListAsync());
        Assert.Equal(2 + 4, raw.Count); // two roles, four channels
        Assert.DoesNotContain(raw, v => v.Contains("cook", StringComparison.Ordinal) || v.Contains("rosa@", StringComparison.Ordinal) || v.Contains("7700", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contacts_created_through_the_api_are_found_as_duplicates_by_email_and_by_phone()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var runner = await ManualRunnerAsync(f, batchRows: 1000);
        foreach (var (name, kind, value) in new[] { ("Ana", "Email", "Ana.Diaz@Example.test"), ("Bo", "Phone", "+44 (0)7700 900456") })
            Assert.Equal(HttpStatusCode.Created, (await w.Admin.Api.PostJsonAsync(w.Api("/contacts"), new
            {
                name, unitIds = new[] { w.Kitchen }, channels = new[] { new { kind, value } },
            })).StatusCode);
        // Other names, the same email (other case) and the same phone (other punctuation): both are the API's contacts.
        var job = await QueueAsync(w, "Name,Email,Phone,Department\nAna Díaz,ana.diaz@example.test,,Kitchen\nRobert,,440 7700 900456,Kitchen\nNew person,new@example.test,,Kitchen\n", "Skip");
        await runner.RunPendingAsync(default);
        var view = await ViewAsync(w, job.Id);
        Assert.Equal((ImportStatus.Done, 1, 2), (view.Status, view.Created, view.Skipped));
        Assert.Equal(3, await f.WithDbAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task Skipping_finds_duplicates_inside_the_file_across_batches()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var runner = await ManualRunnerAsync(f, batchRows: 3);
        var job = await QueueAsync(w, TenRows, "Skip");
        await runner.RunPendingAsync(default);
        var v = await ViewAsync(w, job.Id);
        Assert.Equal((ImportStatus.Done, 9, 0, 1), (v.Status, v.Created, v.Merged, v.Skipped));
        Assert.Equal(9, (await VisibleNamesAsync(w)).Count);
    }

    [Fact]
    public async Task Another_write_goes_through_while_an_import_is_running()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var runner = await ManualRunnerAsync(f, batchRows: 2);
        var job = await QueueAsync(w, TenRows, "Skip");
        var writes = new List<HttpStatusCode>();
        await runner.RunPendingAsync(default, async rows =>
        {
            // On SQLite a run in one transaction held the only write lock: this write waited out the busy timeout and failed.
            var r = await w.Admin.Api.PostJsonAsync(w.Api("/contacts"), new { name = $"Walk-in {rows}", unitIds = new[] { w.Kitchen } });
            writes.Add(r.StatusCode);
        });
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 5), writes);
        Assert.Equal(ImportStatus.Done, (await ViewAsync(w, job.Id)).Status);
        Assert.Equal(14, (await VisibleNamesAsync(w)).Count); // nine imported (one row skipped as a duplicate), five walk-ins
    }

    [Fact]
    public async Task A_run_that_cannot_finish_removes_what_it_wrote_and_its_file()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var runner = await ManualRunnerAsync(f, batchRows: 2);
        var job = await QueueAsync(w, TenRows, "Merge");
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunPendingAsync(stop.Token, async rows => { if (rows >= 6) await stop.CancelAsync(); }));
        Assert.Equal(6, await f.WithDbAsync(db => db.Contacts.IgnoreQueryFilters().CountAsync(c => c.ImportJobId == job.Id))); // no Zed before: six new

        var attempt = await f.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job.Id).Select(j => j.Attempt).SingleAsync());
        await f.WithDbAsync(db => RollBackImport.RollBackAsync(db, job.Id, attempt, [new RowError(0, "stopped")], TimeProvider.System, default));

        var v = await ViewAsync(w, job.Id);
        Assert.Equal((ImportStatus.Failed, 0), (v.Status, v.Created));
        Assert.Equal(0, await f.WithDbAsync(db => db.Contacts.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await f.WithDbAsync(db => db.ContactChannels.CountAsync()));
        Assert.Null(await f.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == job.Id).Select(j => j.Content).SingleAsync()));
        // A failed job is not queued again.
        Assert.Equal(0, await runner.RunPendingAsync(default));
    }

    [Fact]
    public async Task An_upload_never_started_is_deleted_after_a_day_and_cannot_be_started_then()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        using var f = await new GroundworkFactory { Clock = clock }.StartAsync();
        var w = await StructureWorld.CreateAsync(f);
        var runner = await ManualRunnerAsync(f, batchRows: 2);
        var abandoned = await (await ImportExportTests.UploadAsync(w.Admin.Api, w, Encoding.UTF8.GetBytes(TenRows))).ReadAsync<ImportView>();
        var started = await QueueAsync(w, TenRows, "Merge");

        clock.Now += ImportRunner.UnstartedKeptFor - TimeSpan.FromMinutes(1);
        Assert.Equal(0, await runner.ExpireUnstartedAsync(default));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(1, await runner.ExpireUnstartedAsync(default));

        var gone = await ViewAsync(w, abandoned.Id);
        Assert.Equal(ImportStatus.Failed, gone.Status);
        Assert.Equal([ImportMessages.Expired], gone.Errors.Select(e => e.Message));
        Assert.Null(await f.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == abandoned.Id).Select(j => j.Content).SingleAsync()));
        Assert.NotNull(await f.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == started.Id).Select(j => j.Content).SingleAsync()));
        var late = await w.Admin.Api.PostJsonAsync(w.Api($"/contact-imports/{abandoned.Id}/start"), new { columns = abandoned.SuggestedColumns, duplicates = "Merge", createUnits = true });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(0, await f.WithDbAsync(db => db.Contacts.IgnoreQueryFilters().CountAsync()));

        // The queued job is untouched and still runs.
        Assert.Equal(1, await runner.RunPendingAsync(default));
        Assert.Equal(ImportStatus.Done, (await ViewAsync(w, started.Id)).Status);
    }
}
