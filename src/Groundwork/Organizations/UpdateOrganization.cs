using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

/// Only the fields given change.
public sealed record OrganizationPatch(
    [property: StringLength(200, MinimumLength = 2, ErrorMessage = OrganizationInput.NameRule)] string? Name,
    [property: StringLength(4000, ErrorMessage = "A field is too long.")] string? Description,
    [property: StringLength(200, ErrorMessage = "A field is too long.")] string? Area,
    [property: EnumDataType(typeof(Visibility), ErrorMessage = "Unknown visibility.")] Visibility? Visibility,
    [property: EnumDataType(typeof(JoinPolicy), ErrorMessage = "Unknown join policy.")] JoinPolicy? JoinPolicy) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name is not null && Name.Trim().Length < 2) yield return new ValidationResult(OrganizationInput.NameRule, [nameof(Name)]);
    }
}

/// An admin changes the organization's name, description, area, visibility or join policy.
public static class UpdateOrganization
{
    public static async Task<Outcome<Organization>> UpdateAsync(AppDbContext db, int orgId, string actorId, OrganizationPatch patch, DateTime now, CancellationToken ct)
    {
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null) return Failure.NotFound();
        if (patch.Name is { } name)
        {
            name = name.Trim();
            org.Name = name;
            org.NormalizedName = Organization.Normalize(name);
        }
        if (patch.Description is not null) org.Description = patch.Description.Trim();
        if (patch.Area is not null) org.Area = patch.Area.Trim();
        if (patch.Visibility is { } vis) org.Visibility = vis;
        if (patch.JoinPolicy is { } jp) org.JoinPolicy = jp;
        db.Record(now, AuditActions.OrganizationUpdated, actorId, org.Id);
        if (await db.SaveOrConflictAsync(Failure.Conflict("An organization with this name already exists.", "name"), ct) is { } refused) return refused;
        return org;
    }
}
