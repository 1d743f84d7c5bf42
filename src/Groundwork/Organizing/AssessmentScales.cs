using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record LevelView(int Id, string Name, int Position, bool Retired);
public sealed record ScaleView(int Id, string Name, string? SeedKey, LevelView[] Levels);

public sealed record LevelInput(int? Id,
    [property: Required(ErrorMessage = LevelInput.NameMessage), StringLength(100, MinimumLength = 1, ErrorMessage = LevelInput.NameMessage)] string Name, bool Retired = false)
{
    internal const string NameMessage = "Give every level a name of up to 100 characters.";
}
/// A scale as a whole: its name and its levels in order. Levels with an id are renamed, moved or retired; levels
/// without one are added; a level left out keeps its place in history and is retired.
public sealed record ScaleInput(
    [property: Required(ErrorMessage = "Give the scale a name."), StringLength(100, MinimumLength = 1, ErrorMessage = "Give the scale a name.")] string Name,
    [property: Required(ErrorMessage = ScaleInput.LevelsMessage), MinLength(1, ErrorMessage = ScaleInput.LevelsMessage), MaxLength(20, ErrorMessage = ScaleInput.LevelsMessage)] LevelInput[] Levels)
    : IValidatableObject
{
    internal const string LevelsMessage = "A scale has between 1 and 20 levels.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Levels.Any(l => l is null)) yield return new ValidationResult("Give every level a name of up to 100 characters.", [nameof(Levels)]);
        else if (Levels.Where(l => l.Id is not null).GroupBy(l => l.Id).Any(g => g.Count() > 1)) yield return new ValidationResult("A level appears twice.", [nameof(Levels)]);
        else if (Levels.All(l => l.Retired)) yield return new ValidationResult("Keep at least one level in use.", [nameof(Levels)]);
    }
}

/// The organization's assessment scales: seeded on first use, created and edited as a whole.
public static class AssessmentScales
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

    /// The scale's own rules (its input's attributes): what the API checks before the handler and a page before saving.
    public static Failure? CheckScale(ScaleInput input) => InputValidation.Check(input);

    public static async Task<Outcome<ScaleView>> CreateAsync(AppDbContext db, int orgId, ScaleInput input, DateTime now, CancellationToken ct)
    {
        if (input.Levels.Any(l => l.Id is not null)) return Failure.Invalid("A new scale has only new levels.", "levels");
        var count = await db.AssessmentScales.CountAsync(x => x.OrganizationId == orgId, ct);
        if (count >= 20) return Failure.Invalid("An organization can have at most 20 scales.");
        var s = new AssessmentScale
        {
            OrganizationId = orgId, Name = input.Name.Trim(), Position = count + 1,
            Levels = [.. input.Levels.Select((l, i) => new AssessmentLevel { Name = l.Name.Trim(), Position = i + 1, RetiredUtc = l.Retired ? now : null })],
        };
        db.AssessmentScales.Add(s);
        await db.SaveChangesAsync(ct);
        return View(s);
    }

    public static async Task<Outcome<ScaleView>> UpdateAsync(AppDbContext db, int orgId, int scaleId, ScaleInput input, DateTime now, CancellationToken ct)
    {
        var s = await db.AssessmentScales.Include(x => x.Levels).FirstOrDefaultAsync(x => x.Id == scaleId && x.OrganizationId == orgId, ct);
        if (s is null) return Failure.NotFound("No such scale.");
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
}
