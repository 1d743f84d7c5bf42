using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Structure;

public sealed record StructureTestInput(
    [property: EnumDataType(typeof(StructureTestKind), ErrorMessage = "Unknown kind of test.")] StructureTestKind Kind,
    [property: Required(ErrorMessage = StructureTestInput.TitleMessage), StringLength(200, MinimumLength = 1, ErrorMessage = StructureTestInput.TitleMessage)] string Title,
    DateOnly Date,
    [property: Range(1, 100, ErrorMessage = "The threshold is a percentage from 1 to 100.")] int ThresholdPercent = 70,
    [property: StringLength(10000, ErrorMessage = "The statement is at most 10,000 characters.")] string? Statement = null) : IValidatableObject
{
    internal const string TitleMessage = "Give the test a title of up to 200 characters.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Date.Year is < 2000 or > 2200) yield return new ValidationResult("Give the date of the test.", [nameof(Date)]);
        if (Kind is StructureTestKind.Petition or StructureTestKind.UnionCard && string.IsNullOrWhiteSpace(Statement))
            yield return new ValidationResult("A petition or a union card needs the text people sign.", [nameof(Statement)]);
    }
}

/// Defining a structure test (a petition, a button day, a card drive …) and closing it.
public static class DefineStructureTest
{
    public static async Task<Outcome<StructureTestView>> CreateAsync(AppDbContext db, int orgId, string actorId, StructureTestInput input, DateTime now, CancellationToken ct)
    {
        var t = new StructureTest
        {
            OrganizationId = orgId, Kind = input.Kind, Title = input.Title.Trim(), DateUtc = input.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            ThresholdPercent = input.ThresholdPercent, Statement = string.IsNullOrWhiteSpace(input.Statement) ? null : input.Statement.Trim(),
            CreatedUtc = now, CreatedById = actorId,
        };
        db.StructureTests.Add(t);
        await db.SaveChangesAsync(ct);
        return StructureTestQueries.View(t);
    }

    public static async Task<Outcome<StructureTestView>> CloseAsync(AppDbContext db, int orgId, int testId, DateTime now, CancellationToken ct)
    {
        var n = await db.StructureTests.Where(t => t.Id == testId && t.OrganizationId == orgId && t.ClosedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClosedUtc, now), ct);
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound();
        if (n == 0) return Failure.Conflict("The test is already closed.");
        return StructureTestQueries.View(t);
    }
}
