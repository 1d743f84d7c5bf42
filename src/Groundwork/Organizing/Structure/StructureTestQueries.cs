using Groundwork.Data;
using Groundwork.Members;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Structure;

public sealed record StructureTestView(int Id, StructureTestKind Kind, string Title, DateOnly Date, int ThresholdPercent,
    string? Statement, DateTime CreatedUtc, DateTime? ClosedUtc);

public sealed record StructureTestReport(StructureTestView Test, List<UnitRate> Units, int Participants, int Eligible, int Percent,
    int SignaturesWithoutContact);

public sealed record ParticipantView(int ContactId, string Name, ParticipationSource Source, DateTime RecordedUtc);

public sealed record TrendPoint(int TestId, string Title, DateOnly Date, int Participants, int Eligible, int Percent, int ThresholdPercent);

/// Reading structure tests: the list, one test, each unit's participation against the threshold, and the trend.
public static class StructureTestQueries
{
    public static StructureTestView View(StructureTest t) =>
        new(t.Id, t.Kind, t.Title, DateOnly.FromDateTime(t.DateUtc), t.ThresholdPercent, t.Statement, t.CreatedUtc, t.ClosedUtc);

    public static async Task<List<StructureTestView>> ListAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        (await db.StructureTests.AsNoTracking().Where(t => t.OrganizationId == orgId).OrderByDescending(t => t.DateUtc).ThenByDescending(t => t.Id).ToListAsync(ct))
        .Select(View).ToList();

    public static Task<StructureTest?> FindAsync(AppDbContext db, int orgId, int testId, CancellationToken ct) =>
        db.StructureTests.AsNoTracking().FirstOrDefaultAsync(t => t.Id == testId && t.OrganizationId == orgId, ct);

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

    public static Task<HashSet<int>?> CoveredAsync(AppDbContext db, Membership m, CancellationToken ct) => ContactAccess.CoveredUnitsAsync(db, m, ct);
}
