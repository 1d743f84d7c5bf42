using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Structure;

public sealed record StructureTestInput(
    StructureTestKind Kind,
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    DateOnly Date,
    [property: Range(1, 100)] int ThresholdPercent = 70,
    [property: StringLength(10000)] string? Statement = null);

public sealed record StructureTestView(int Id, StructureTestKind Kind, string Title, DateOnly Date, int ThresholdPercent,
    string? Statement, DateTime CreatedUtc, DateTime? ClosedUtc);

public sealed record StructureTestReport(StructureTestView Test, List<UnitRate> Units, int Participants, int Eligible, int Percent,
    int SignaturesWithoutContact);

/// Who took part: give contact ids, or a unit to record every eligible contact of it you cover.
public sealed record ParticipationInput([property: MaxLength(1000)] int[]? ContactIds = null, int? UnitId = null);

public sealed record ParticipationResult(int Recorded, int AlreadyRecorded);

public sealed record ParticipantView(int ContactId, string Name, ParticipationSource Source, DateTime RecordedUtc);

public sealed record TrendPoint(int TestId, string Title, DateOnly Date, int Participants, int Eligible, int Percent, int ThresholdPercent);

public static class StructureRules
{
    public static StructureTestView View(StructureTest t) =>
        new(t.Id, t.Kind, t.Title, DateOnly.FromDateTime(t.DateUtc), t.ThresholdPercent, t.Statement, t.CreatedUtc, t.ClosedUtc);

    public static Failure? Validate(StructureTestInput input)
    {
        if (!Enum.IsDefined(input.Kind)) return Failure.Invalid("Unknown kind of test.", "kind");
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 200) return Failure.Invalid("Give the test a title of up to 200 characters.", "title");
        if (input.ThresholdPercent is < 1 or > 100) return Failure.Invalid("The threshold is a percentage from 1 to 100.", "thresholdPercent");
        if (input.Date.Year is < 2000 or > 2200) return Failure.Invalid("Give the date of the test.", "date");
        if (input.Statement is { Length: > 10000 }) return Failure.Invalid("The statement is at most 10,000 characters.", "statement");
        if (input.Kind is StructureTestKind.Petition or StructureTestKind.UnionCard && string.IsNullOrWhiteSpace(input.Statement))
            return Failure.Invalid("A petition or a union card needs the text people sign.", "statement");
        return null;
    }

    public static async Task<Outcome<StructureTestView>> CreateAsync(AppDbContext db, int orgId, string actorId, StructureTestInput input, DateTime now, CancellationToken ct)
    {
        if (Validate(input) is { } f) return f;
        var t = new StructureTest
        {
            OrganizationId = orgId, Kind = input.Kind, Title = input.Title.Trim(), DateUtc = input.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            ThresholdPercent = input.ThresholdPercent, Statement = string.IsNullOrWhiteSpace(input.Statement) ? null : input.Statement.Trim(),
            CreatedUtc = now, CreatedById = actorId,
        };
        db.StructureTests.Add(t);
        await db.SaveChangesAsync(ct);
        return View(t);
    }

    public static async Task<List<StructureTestView>> ListAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        (await db.StructureTests.AsNoTracking().Where(t => t.OrganizationId == orgId).OrderByDescending(t => t.DateUtc).ThenByDescending(t => t.Id).ToListAsync(ct))
        .Select(View).ToList();

    public static Task<StructureTest?> FindAsync(AppDbContext db, int orgId, int testId, CancellationToken ct) =>
        db.StructureTests.AsNoTracking().FirstOrDefaultAsync(t => t.Id == testId && t.OrganizationId == orgId, ct);

    public static async Task<Outcome<StructureTestView>> CloseAsync(AppDbContext db, int orgId, int testId, DateTime now, CancellationToken ct)
    {
        var n = await db.StructureTests.Where(t => t.Id == testId && t.OrganizationId == orgId && t.ClosedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClosedUtc, now), ct);
        var t = await FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound();
        if (n == 0) return Failure.Conflict("The test is already closed.");
        return View(t);
    }

    /// The participation of every unit the caller covers, for one test: eligible contacts only, a contact in several
    /// units counting in each.
    public static async Task<StructureTestReport> ReportAsync(AppDbContext db, StructureTest t, HashSet<int>? covered, CancellationToken ct)
    {
        var orgId = t.OrganizationId;
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == orgId).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var eligible = await (from cu in db.ContactUnits
                              join c in db.Contacts on cu.ContactId equals c.Id
                              where c.OrganizationId == orgId && c.Eligible
                              group cu by cu.UnitId into g
                              select new { UnitId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.N, ct);
        var took = await (from p in db.Participations
                          join c in db.Contacts on p.ContactId equals c.Id
                          join cu in db.ContactUnits on c.Id equals cu.ContactId
                          where p.StructureTestId == t.Id && c.OrganizationId == orgId && c.Eligible
                          group cu by cu.UnitId into g
                          select new { UnitId = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.N, ct);
        var rows = units.Where(u => StructurePermissions.SeesUnit(covered, u.Id))
            .Select(u => Rates.Of(u.Id, u.Name, took.GetValueOrDefault(u.Id), eligible.GetValueOrDefault(u.Id), t.ThresholdPercent)).ToList();
        var visible = ContactAccess.Visible(db, orgId, covered).Where(c => c.Eligible);
        var totalEligible = await visible.CountAsync(ct);
        var totalTook = await visible.CountAsync(c => db.Participations.Any(p => p.StructureTestId == t.Id && p.ContactId == c.Id), ct);
        var loose = covered is null ? await db.Signatures.CountAsync(s => s.StructureTestId == t.Id && s.ContactId == null, ct) : 0;
        return new StructureTestReport(View(t), rows, totalTook, totalEligible, Rates.Percent(totalTook, totalEligible), loose);
    }

    /// Participation over time: each test's rate across the caller's units (current eligibility).
    public static async Task<List<TrendPoint>> TrendAsync(AppDbContext db, int orgId, HashSet<int>? covered, CancellationToken ct)
    {
        var tests = await db.StructureTests.AsNoTracking().Where(t => t.OrganizationId == orgId).OrderBy(t => t.DateUtc).ThenBy(t => t.Id).Take(50).ToListAsync(ct);
        var visible = ContactAccess.Visible(db, orgId, covered).Where(c => c.Eligible);
        var eligible = await visible.CountAsync(ct);
        var ids = tests.Select(t => t.Id).ToList();
        var counts = await db.Participations.Where(p => ids.Contains(p.StructureTestId) && visible.Any(c => c.Id == p.ContactId))
            .GroupBy(p => p.StructureTestId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return tests.Select(t => new TrendPoint(t.Id, t.Title, DateOnly.FromDateTime(t.DateUtc), counts.GetValueOrDefault(t.Id), eligible,
            Rates.Percent(counts.GetValueOrDefault(t.Id), eligible), t.ThresholdPercent)).ToList();
    }

    public static async Task<List<ParticipantView>> ParticipantsAsync(AppDbContext db, StructureTest t, HashSet<int>? covered, CancellationToken ct)
    {
        var visible = ContactAccess.Visible(db, t.OrganizationId, covered);
        var rows = await (from p in db.Participations
                          join c in visible on p.ContactId equals c.Id
                          where p.StructureTestId == t.Id
                          orderby p.Id
                          select new { c.Id, c.Name, p.Source, p.RecordedUtc }).Take(5000).ToListAsync(ct);
        return rows.Select(r => new ParticipantView(r.Id, r.Name, r.Source, r.RecordedUtc)).ToList();
    }

    /// Records participation for the named contacts (all of them within reach, or nothing) or for every eligible contact
    /// of a unit the caller covers. Existing rows are left as they are, so a repeat is harmless.
    public static async Task<Outcome<ParticipationResult>> RecordAsync(AppDbContext db, StructureTest t, HashSet<int>? covered, string actorId,
        ParticipationInput input, DateTime now, CancellationToken ct)
    {
        if (t.ClosedUtc is not null) return Failure.Conflict("The test is closed.");
        var hasIds = input.ContactIds is { Length: > 0 };
        if (hasIds == (input.UnitId is not null)) return Failure.Invalid("Give either contact ids or a unit.", "contactIds");
        if (input.ContactIds is { Length: > 1000 }) return Failure.Invalid("Record at most 1,000 contacts at a time, or a whole unit.", "contactIds");
        var visible = ContactAccess.Visible(db, t.OrganizationId, covered);
        List<int> ids;
        if (hasIds)
        {
            var wanted = input.ContactIds!.Distinct().ToList();
            ids = await visible.Where(c => wanted.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            if (ids.Count != wanted.Count) return Failure.NotFound("One or more of those contacts were not found.");
        }
        else
        {
            var unitId = input.UnitId!.Value;
            if (!await db.Units.AnyAsync(u => u.Id == unitId && u.OrganizationId == t.OrganizationId, ct) || !StructurePermissions.SeesUnit(covered, unitId))
                return Failure.NotFound("Unit not found.");
            ids = await visible.Where(c => c.Eligible && db.ContactUnits.Any(cu => cu.ContactId == c.Id && cu.UnitId == unitId)).Select(c => c.Id).ToListAsync(ct);
        }
        var existing = await db.Participations.Where(p => p.StructureTestId == t.Id && ids.Contains(p.ContactId)).Select(p => p.ContactId).ToListAsync(ct);
        var fresh = ids.Except(existing).ToList();
        foreach (var id in fresh)
            db.Participations.Add(new Participation { StructureTestId = t.Id, ContactId = id, Source = ParticipationSource.Recorded, RecordedUtc = now, RecordedById = actorId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Someone recorded some of them at the same moment: nothing of this batch was saved; say so.
            return Failure.Conflict("Someone recorded some of these contacts at the same moment; try again.");
        }
        return new ParticipationResult(fresh.Count, existing.Count);
    }

    public static async Task<Failure?> RemoveAsync(AppDbContext db, StructureTest t, HashSet<int>? covered, int contactId, CancellationToken ct)
    {
        if (t.ClosedUtc is not null) return Failure.Conflict("The test is closed.");
        var visible = ContactAccess.Visible(db, t.OrganizationId, covered);
        if (!await visible.AnyAsync(c => c.Id == contactId, ct)) return Failure.NotFound("Contact not found.");
        var n = await db.Participations.Where(p => p.StructureTestId == t.Id && p.ContactId == contactId).ExecuteDeleteAsync(ct);
        return n == 0 ? Failure.NotFound("That contact has no participation recorded.") : null;
    }

    public static Task<HashSet<int>?> CoveredAsync(AppDbContext db, Membership m, CancellationToken ct) => ContactAccess.CoveredUnitsAsync(db, m, ct);
}
