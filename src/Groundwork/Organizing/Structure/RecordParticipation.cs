using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Structure;

/// Who took part: give contact ids, or a unit to record every eligible contact of it you cover.
public sealed record ParticipationInput(
    [property: MaxLength(1000, ErrorMessage = "Record at most 1,000 contacts at a time, or a whole unit.")] int[]? ContactIds = null, int? UnitId = null);

public sealed record ParticipationResult(int Recorded, int AlreadyRecorded);

/// Recording who took part in a structure test, and taking a record back, while the test is open.
public static class RecordParticipation
{
    /// Records participation for the named contacts (all of them within reach, or nothing) or for every eligible contact
    /// of a unit the caller covers. Existing rows are left as they are, so a repeat is harmless.
    public static async Task<Outcome<ParticipationResult>> RecordAsync(AppDbContext db, StructureTest t, HashSet<int>? covered, string actorId,
        ParticipationInput input, DateTime now, CancellationToken ct)
    {
        if (t.ClosedUtc is not null) return Failure.Conflict("The test is closed.");
        var hasIds = input.ContactIds is { Length: > 0 };
        if (hasIds == (input.UnitId is not null)) return Failure.Invalid("Give either contact ids or a unit.", "contactIds");
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
}
