using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

public sealed record UnitInput(
    [property: Required(ErrorMessage = UnitInput.NameRule), StringLength(200, MinimumLength = 1, ErrorMessage = UnitInput.NameRule)] string Name,
    [property: EnumDataType(typeof(UnitKind), ErrorMessage = "Unknown kind of unit.")] UnitKind Kind = UnitKind.Other,
    int? ParentUnitId = null) : IValidatableObject
{
    internal const string NameRule = "Give the unit a name of up to 200 characters.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name.Trim().Length == 0) yield return new ValidationResult(NameRule, [nameof(Name)]);
    }
}

public sealed record UnitView(int Id, string Name, UnitKind Kind, int? ParentUnitId);

/// The units of an organization (departments, shifts, buildings…), in which members are placed.
public static class OrganizationUnits
{
    public static async Task<Outcome<Unit>> CreateAsync(AppDbContext db, int orgId, UnitInput input, DateTime now, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (input.ParentUnitId is { } pid && !await db.Units.AnyAsync(u => u.Id == pid && u.OrganizationId == orgId, ct))
            return Failure.Invalid("The parent unit does not belong to this organization.", "parentUnitId");
        var unit = new Unit { OrganizationId = orgId, Name = name, NormalizedName = Organization.Normalize(name), Kind = input.Kind, ParentUnitId = input.ParentUnitId, CreatedUtc = now };
        db.Units.Add(unit);
        if (await db.SaveOrConflictAsync(Failure.Conflict("A unit with this name already exists.", "name"), ct) is { } refused) return refused;
        return unit;
    }

    public static async Task<List<UnitView>> ListAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => u.OrganizationId == orgId).OrderBy(u => u.NormalizedName)
            .Select(u => new UnitView(u.Id, u.Name, u.Kind, u.ParentUnitId)).ToListAsync(ct);
}
