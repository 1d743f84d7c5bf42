using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record NameInput(
    [property: Required(ErrorMessage = NameInput.NameMessage), StringLength(100, MinimumLength = 1, ErrorMessage = NameInput.NameMessage)] string Name)
{
    public const string NameMessage = "Give it a name of up to 100 characters.";
}
public sealed record NamedView(int Id, string Name, bool Retired);

public sealed record CustomFieldInput(
    [property: Required(ErrorMessage = NameInput.NameMessage), StringLength(100, MinimumLength = 1, ErrorMessage = NameInput.NameMessage)] string Name,
    [property: Required(ErrorMessage = CustomFieldInput.TypeMessage), EnumDataType(typeof(CustomFieldType), ErrorMessage = CustomFieldInput.TypeMessage)] CustomFieldType? Type,
    [property: StringLength(4000, ErrorMessage = CustomFieldInput.ChoicesMessage)] string? Choices = null) : IValidatableObject
{
    internal const string TypeMessage = "Choose a type: Text, Number, Date, YesNo or Choice.";
    internal const string ChoicesMessage = "A choice field needs between 1 and 50 choices of up to 100 characters, one per line.";

    internal string[] ChoiceList() => (Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var choices = ChoiceList();
        if (Type == CustomFieldType.Choice && (choices.Length is 0 or > 50 || choices.Any(c => c.Length > 100)))
            yield return new ValidationResult(ChoicesMessage, [nameof(Choices)]);
    }
}
public sealed record CustomFieldView(int Id, string Name, CustomFieldType Type, string[] Choices);

/// The organization's own lists for organizing: issues, tags and custom fields.
public static class OrganizingLists
{
    public static async Task<List<NamedView>> IssuesAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        [.. (await db.OrganizingIssues.AsNoTracking().Where(i => i.OrganizationId == orgId).Select(i => new { i.Id, i.Name, i.RetiredUtc }).ToListAsync(ct))
            .OrderBy(i => i.Name, StringComparer.CurrentCultureIgnoreCase).Select(i => new NamedView(i.Id, i.Name, i.RetiredUtc is not null))];

    public static async Task<Outcome<NamedView>> CreateIssueAsync(AppDbContext db, int orgId, NameInput input, CancellationToken ct)
    {
        if (await db.OrganizingIssues.CountAsync(i => i.OrganizationId == orgId, ct) >= 500) return Failure.Invalid("An organization can list at most 500 issues.");
        var name = input.Name.Trim();
        var i = new OrganizingIssue { OrganizationId = orgId, Name = name, NameLookup = db.Crypto.Lookup(name.ToUpperInvariant()) };
        db.OrganizingIssues.Add(i);
        if (await db.SaveOrConflictAsync(Failure.Conflict("That issue is already on the list.", "name"), ct) is { } refused) return refused;
        return new NamedView(i.Id, i.Name, false);
    }

    public static async Task<Failure?> RetireIssueAsync(AppDbContext db, int orgId, int issueId, DateTime now, CancellationToken ct) =>
        await db.OrganizingIssues.Where(i => i.Id == issueId && i.OrganizationId == orgId)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.RetiredUtc, now), ct) == 0 ? Failure.NotFound("No such issue.") : null;

    public static async Task<List<NamedView>> TagsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        [.. (await db.OrganizingTags.AsNoTracking().Where(i => i.OrganizationId == orgId).Select(i => new { i.Id, i.Name }).ToListAsync(ct))
            .OrderBy(i => i.Name, StringComparer.CurrentCultureIgnoreCase).Select(i => new NamedView(i.Id, i.Name, false))];

    public static async Task<Outcome<NamedView>> CreateTagAsync(AppDbContext db, int orgId, NameInput input, CancellationToken ct)
    {
        if (await db.OrganizingTags.CountAsync(i => i.OrganizationId == orgId, ct) >= 500) return Failure.Invalid("An organization can have at most 500 tags.");
        var name = input.Name.Trim();
        var t = new OrganizingTag { OrganizationId = orgId, Name = name, NameLookup = db.Crypto.Lookup(name.ToUpperInvariant()) };
        db.OrganizingTags.Add(t);
        if (await db.SaveOrConflictAsync(Failure.Conflict("That tag already exists.", "name"), ct) is { } refused) return refused;
        return new NamedView(t.Id, t.Name, false);
    }

    public static async Task<List<CustomFieldView>> FieldsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        [.. (await db.CustomFields.AsNoTracking().Where(f => f.OrganizationId == orgId && f.RetiredUtc == null).OrderBy(f => f.Id).ToListAsync(ct))
            .Select(f => new CustomFieldView(f.Id, f.Name, f.Type, (f.Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))];

    public static async Task<Outcome<CustomFieldView>> CreateFieldAsync(AppDbContext db, int orgId, CustomFieldInput input, CancellationToken ct)
    {
        var type = input.Type!.Value; // required by the input's attributes, as are the choices' limits
        var choices = input.ChoiceList();
        if (await db.CustomFields.CountAsync(f => f.OrganizationId == orgId, ct) >= 50) return Failure.Invalid("An organization can have at most 50 custom fields.");
        var f = new CustomField { OrganizationId = orgId, Name = input.Name.Trim(), Type = type, Choices = type == CustomFieldType.Choice ? string.Join('\n', choices) : null };
        db.CustomFields.Add(f);
        await db.SaveChangesAsync(ct);
        return new CustomFieldView(f.Id, f.Name, f.Type, type == CustomFieldType.Choice ? choices : []);
    }
}
