using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record LevelView(int Id, string Name, int Position, bool Retired);
public sealed record ScaleView(int Id, string Name, string? SeedKey, LevelView[] Levels);

public sealed record LevelInput(int? Id, [property: Required, StringLength(100, MinimumLength = 1)] string Name, bool Retired = false);
/// A scale as a whole: its name and its levels in order. Levels with an id are renamed, moved or retired; levels
/// without one are added; a level left out keeps its place in history and is retired.
public sealed record ScaleInput([property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1), MaxLength(20)] LevelInput[] Levels);

public sealed record AssessmentInput([property: Required] int? ScaleId, [property: Required] int? LevelId);
public sealed record AssessmentView(long Id, int ScaleId, int LevelId, string Level, DateTime RecordedUtc, string? RecordedBy, long? ConversationId, bool Latest);

public static class AssessmentRules
{
    /// The scales every organization starts with, seeded on first use.
    public static readonly (string Key, string Name, string[] Levels)[] Seeds =
    [
        ("support", "Support", ["Leader", "Supporter", "Undecided", "Leaning against", "Opposed"]),
        ("engagement", "Engagement", ["Core organizer", "Active", "Takes part", "Aware", "Not yet engaged"]),
    ];

    /// The organization's scales, seeding the support scale and the engagement ladder the first time (a unique index
    /// on the seed key makes two first visits seed once).
    public static async Task<List<ScaleView>> ListAsync(AppDbContext db, int orgId, CancellationToken ct)
    {
        if (!await db.AssessmentScales.AnyAsync(x => x.OrganizationId == orgId, ct))
        {
            var pos = 0;
            foreach (var (key, name, levels) in Seeds)
                db.AssessmentScales.Add(new AssessmentScale
                {
                    OrganizationId = orgId, Name = name, SeedKey = key, Position = ++pos,
                    Levels = [.. levels.Select((l, i) => new AssessmentLevel { Name = l, Position = i + 1 })],
                });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (e.IsUniqueViolation()) { db.ChangeTracker.Clear(); }
        }
        var scales = await db.AssessmentScales.AsNoTracking().Include(x => x.Levels).Where(x => x.OrganizationId == orgId)
            .OrderBy(x => x.Position).ThenBy(x => x.Id).ToListAsync(ct);
        return [.. scales.Select(View)];
    }

    public static ScaleView View(AssessmentScale s) =>
        new(s.Id, s.Name, s.SeedKey, [.. s.Levels.OrderBy(l => l.Position).ThenBy(l => l.Id).Select(l => new LevelView(l.Id, l.Name, l.Position, l.RetiredUtc is not null))]);

    public static Failure? CheckScale(ScaleInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return Failure.Invalid("Give the scale a name.", "name");
        if (input.Levels is null || input.Levels.Length == 0 || input.Levels.Length > 20) return Failure.Invalid("A scale has between 1 and 20 levels.", "levels");
        if (input.Levels.Any(l => l is null || string.IsNullOrWhiteSpace(l.Name) || l.Name.Length > 100)) return Failure.Invalid("Give every level a name of up to 100 characters.", "levels");
        if (input.Levels.Where(l => l.Id is not null).GroupBy(l => l.Id).Any(g => g.Count() > 1)) return Failure.Invalid("A level appears twice.", "levels");
        if (input.Levels.All(l => l.Retired)) return Failure.Invalid("Keep at least one level in use.", "levels");
        return null;
    }

    public static async Task<Outcome<ScaleView>> CreateAsync(AppDbContext db, int orgId, ScaleInput input, CancellationToken ct)
    {
        if (CheckScale(input) is { } f) return f;
        if (input.Levels.Any(l => l.Id is not null)) return Failure.Invalid("A new scale has only new levels.", "levels");
        var count = await db.AssessmentScales.CountAsync(x => x.OrganizationId == orgId, ct);
        if (count >= 20) return Failure.Invalid("An organization can have at most 20 scales.");
        var s = new AssessmentScale
        {
            OrganizationId = orgId, Name = input.Name.Trim(), Position = count + 1,
            Levels = [.. input.Levels.Select((l, i) => new AssessmentLevel { Name = l.Name.Trim(), Position = i + 1, RetiredUtc = l.Retired ? DateTime.UtcNow : null })],
        };
        db.AssessmentScales.Add(s);
        await db.SaveChangesAsync(ct);
        return View(s);
    }

    public static async Task<Outcome<ScaleView>> UpdateAsync(AppDbContext db, int orgId, int scaleId, ScaleInput input, DateTime now, CancellationToken ct)
    {
        var s = await db.AssessmentScales.Include(x => x.Levels).FirstOrDefaultAsync(x => x.Id == scaleId && x.OrganizationId == orgId, ct);
        if (s is null) return Failure.NotFound("No such scale.");
        if (CheckScale(input) is { } f) return f;
        if (input.Levels.Any(l => l.Id is { } id && s.Levels.All(x => x.Id != id))) return Failure.Invalid("One of the levels is not on this scale.", "levels");
        s.Name = input.Name.Trim();
        var pos = 0;
        foreach (var l in input.Levels)
        {
            pos++;
            var level = l.Id is { } id ? s.Levels.Single(x => x.Id == id) : null;
            if (level is null) s.Levels.Add(level = new AssessmentLevel { Name = l.Name.Trim() });
            level.Name = l.Name.Trim();
            level.Position = pos;
            level.RetiredUtc = l.Retired ? level.RetiredUtc ?? now : null;
        }
        foreach (var left in s.Levels.Where(x => x.Id != 0 && input.Levels.All(l => l.Id != x.Id)))
        {
            left.Position = ++pos;
            left.RetiredUtc ??= now;
        }
        await db.SaveChangesAsync(ct);
        return View(s);
    }

    /// The level to record, or why it cannot be.
    public static async Task<Outcome<AssessmentLevel>> FindLevelAsync(AppDbContext db, int orgId, int? scaleId, int levelId, CancellationToken ct)
    {
        var level = await (from l in db.AssessmentLevels
                           join s in db.AssessmentScales on l.ScaleId equals s.Id
                           where l.Id == levelId && s.OrganizationId == orgId && (scaleId == null || s.Id == scaleId)
                           select l).AsNoTracking().FirstOrDefaultAsync(ct);
        if (level is null) return Failure.Invalid("That assessment level does not exist on this scale.", "levelId");
        if (level.RetiredUtc is not null) return Failure.Invalid("That assessment level is retired: choose a level in use.", "levelId");
        return level;
    }

    /// Adds an assessment to the history and moves the contact's latest level on that scale (its row and the scale's
    /// level sheet), inside the caller's transaction. The contact's row is updated first so two assessments of the same contact queue up in the
    /// database (a row lock) instead of racing on the latest pointer.
    public static async Task<Assessment> RecordAsync(AppDbContext db, int orgId, int contactId, AssessmentLevel level, string personId,
        long? conversationId, DateTime now, CancellationToken ct)
    {
        await db.Contacts.Where(c => c.Id == contactId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version), ct);
        var text = level.Id.ToString(CultureInfo.InvariantCulture);
        var a = new Assessment { OrganizationId = orgId, ContactId = contactId, ScaleId = level.ScaleId, Level = text, RecordedUtc = now, RecordedById = personId, ConversationId = conversationId };
        db.Assessments.Add(a);
        await db.SaveChangesAsync(ct);
        var latest = await db.ContactLevels.FirstOrDefaultAsync(k => k.ContactId == contactId && k.ScaleId == level.ScaleId, ct);
        if (latest is null)
            db.ContactLevels.Add(new ContactLevel { ContactId = contactId, ScaleId = level.ScaleId, OrganizationId = orgId, Level = text, AssessmentId = a.Id, AssessedUtc = now });
        else
        {
            latest.Level = text;
            latest.AssessmentId = a.Id;
            latest.AssessedUtc = now;
        }
        await db.SaveChangesAsync(ct);
        await LevelSheets.SetAsync(db, orgId, level.ScaleId, contactId, level.Id, ct);
        return a;
    }

    public static async Task<Outcome<AssessmentView>> RecordAsync(AppDbContext db, OrganizingScope s, int contactId, AssessmentInput input, DateTime now, CancellationToken ct)
    {
        if (!await ContactAccess.Visible(db, s.OrgId, s.Covered).AnyAsync(c => c.Id == contactId, ct)) return Failure.NotFound("No such contact.");
        if (input.LevelId is not { } levelId) return Failure.Invalid("Choose a level.", "levelId");
        var level = await FindLevelAsync(db, s.OrgId, input.ScaleId, levelId, ct);
        if (!level.Ok) return level.Failure!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var a = await RecordAsync(db, s.OrgId, contactId, level.Value!, s.PersonId, null, now, ct);
        await tx.CommitAsync(ct);
        return new AssessmentView(a.Id, a.ScaleId, level.Value!.Id, level.Value.Name, a.RecordedUtc, null, null, true);
    }

    public static async Task<Outcome<List<AssessmentView>>> HistoryAsync(AppDbContext db, OrganizingScope s, int contactId, CancellationToken ct)
    {
        if (!await ContactAccess.Visible(db, s.OrgId, s.Covered).AnyAsync(c => c.Id == contactId, ct)) return Failure.NotFound("No such contact.");
        var rows = await db.Assessments.AsNoTracking().Where(a => a.ContactId == contactId).OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        var latest = await db.ContactLevels.AsNoTracking().Where(k => k.ContactId == contactId).Select(k => k.AssessmentId).ToListAsync(ct);
        var ids = rows.Select(r => ContactRules.ParseLevel(r.Level)).Distinct().ToList();
        var levels = await db.AssessmentLevels.AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var people = rows.Where(r => r.RecordedById != null).Select(r => r.RecordedById!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        return rows.Select(r =>
        {
            var id = ContactRules.ParseLevel(r.Level);
            return new AssessmentView(r.Id, r.ScaleId, id, levels.GetValueOrDefault(id) ?? "?", r.RecordedUtc,
                r.RecordedById is null ? null : names.GetValueOrDefault(r.RecordedById), r.ConversationId, latest.Contains(r.Id));
        }).ToList();
    }
}
