using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

public sealed record OrganizationInput(
    [property: Required(ErrorMessage = OrganizationInput.NameRule), StringLength(200, MinimumLength = 2, ErrorMessage = OrganizationInput.NameRule)] string Name,
    [property: EnumDataType(typeof(OrganizationKind), ErrorMessage = "Unknown kind of organization.")] OrganizationKind Kind,
    [property: StringLength(4000, ErrorMessage = "A field is too long.")] string? Description,
    [property: StringLength(200, ErrorMessage = "A field is too long.")] string? Area,
    [property: EnumDataType(typeof(Visibility), ErrorMessage = "Unknown visibility.")] Visibility Visibility = Visibility.Public,
    [property: EnumDataType(typeof(JoinPolicy), ErrorMessage = "Unknown join policy.")] JoinPolicy JoinPolicy = JoinPolicy.Approval,
    int? ParentId = null) : IValidatableObject
{
    internal const string NameRule = "Give the organization a name of 2 to 200 characters.";

    // Surrounding spaces do not count towards the two characters: the name is stored trimmed.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name.Trim().Length < 2) yield return new ValidationResult(NameRule, [nameof(Name)]);
    }
}

/// Founding an organization: the creator becomes its first admin.
public static class CreateOrganization
{
    /// The creator becomes its first admin. With a parent, the creator must be an admin of the parent: the
    /// parent's side is then approved by the same hand, so the chapter is federated at once.
    public static async Task<Outcome<Organization>> CreateAsync(AppDbContext db, string personId, OrganizationInput input, DateTime now, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (input.ParentId is { } parentId)
        {
            var parentMembership = await db.Memberships.AsNoTracking()
                .FirstOrDefaultAsync(m => m.OrganizationId == parentId && m.PersonId == personId, ct);
            if (!await db.Organizations.AnyAsync(o => o.Id == parentId, ct) || !OrganizationPermissions.IsActiveMember(parentMembership))
                return Failure.NotFound("The parent organization was not found.");
            if (!OrganizationPermissions.CanManage(parentMembership))
                return Failure.Forbidden("Only an admin of the parent organization can create a chapter inside it.");
        }
        var org = new Organization
        {
            Name = name, NormalizedName = Organization.Normalize(name), Kind = input.Kind,
            Description = input.Description?.Trim() ?? "", Area = input.Area?.Trim() ?? "",
            Visibility = input.Visibility, JoinPolicy = input.JoinPolicy, ParentId = input.ParentId, CreatedUtc = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Organizations.Add(org);
        if (await db.SaveOrConflictAsync(Failure.Conflict("An organization with this name already exists.", "name"), ct) is { } refused) return refused;
        var membership = new Membership
        {
            OrganizationId = org.Id, PersonId = personId, Role = Role.Admin, Status = MembershipStatus.Active, JoinedUtc = now,
            Events = [new MembershipEvent { Kind = MembershipEventKind.Joined, AtUtc = now, Role = Role.Admin, ActorId = personId }],
        };
        db.Memberships.Add(membership);
        db.Record(now, AuditActions.OrganizationCreated, personId, org.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return org;
    }
}
