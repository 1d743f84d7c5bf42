using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Groundwork.Accounts;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record AssessmentInput([property: Required(ErrorMessage = "Choose a level.")] int? ScaleId, [property: Required(ErrorMessage = "Choose a level.")] int? LevelId);
public sealed record AssessmentView(long Id, int ScaleId, int LevelId, string Level, DateTime RecordedUtc, string? RecordedBy, long? ConversationId, bool Latest);

/// Assessing a contact on a scale: the history row, the contact's latest level and the scale's level sheet, together.
public static class AssessContact
{
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
        var levelId = input.LevelId!.Value; // required by the input's attributes
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
        var names = await DisplayNames.LoadAsync(db, rows.Select(r => r.RecordedById), ct);
        return rows.Select(r =>
        {
            var id = ContactRules.ParseLevel(r.Level);
            return new AssessmentView(r.Id, r.ScaleId, id, levels.GetValueOrDefault(id) ?? "?", r.RecordedUtc,
                names.Find(r.RecordedById), r.ConversationId, latest.Contains(r.Id));
        }).ToList();
    }
}
