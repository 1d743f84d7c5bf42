using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record RelationshipInput(
    [property: Required(ErrorMessage = RelationshipInput.BothMessage)] int? FromContactId,
    [property: Required(ErrorMessage = RelationshipInput.BothMessage)] int? ToContactId,
    [property: Required(ErrorMessage = RelationshipInput.KindMessage), EnumDataType(typeof(RelationshipKind), ErrorMessage = RelationshipInput.KindMessage)] RelationshipKind? Kind,
    [property: StringLength(1000, ErrorMessage = "Notes take up to 1000 characters.")] string? Notes = null) : IValidatableObject
{
    internal const string BothMessage = "Name both contacts.";
    internal const string KindMessage = "Choose a kind: WorksBeside, Friends, Family, Roommates, Influences or Other.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FromContactId == ToContactId) yield return new ValidationResult("A relationship links two different contacts.", [nameof(ToContactId)]);
    }
}

/// Recording and removing a relationship between two contacts the caller can both see.
public static class RelateContacts
{
    public static async Task<Outcome<RelationshipView>> CreateAsync(AppDbContext db, OrganizingScope s, RelationshipInput input, DateTime now, CancellationToken ct)
    {
        // Both contacts and the kind are required by the input's attributes.
        var (from, to, kind) = (input.FromContactId!.Value, input.ToContactId!.Value, input.Kind!.Value);
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered);
        var found = await visible.Where(c => c.Id == from || c.Id == to).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (found.Count != 2) return Failure.NotFound("No such contact.");
        var r = new Relationship { OrganizationId = s.OrgId, FromContactId = from, ToContactId = to, Kind = kind, Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(), CreatedUtc = now };
        db.Relationships.Add(r);
        if (await db.SaveOrConflictAsync(Failure.Conflict("These two contacts already have this relationship.", "kind"), ct) is { } refused) return refused;
        return new RelationshipView(r.Id, to, found.Single(x => x.Id == to).Name, kind, true, r.Notes);
    }

    public static async Task<Failure?> DeleteAsync(AppDbContext db, OrganizingScope s, int relationshipId, CancellationToken ct)
    {
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered);
        var n = await db.Relationships.Where(r => r.Id == relationshipId && r.OrganizationId == s.OrgId
                && visible.Any(c => c.Id == r.FromContactId) && visible.Any(c => c.Id == r.ToContactId)).ExecuteDeleteAsync(ct);
        return n == 0 ? Failure.NotFound("No such relationship.") : null;
    }
}
