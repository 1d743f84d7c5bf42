using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Organizing.Structure;

/// Structure tests: define, list, record who took part, see each unit against the threshold.
public static class StructureApi
{
    public static void MapStructureApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/organizations/{orgId:int}/structure-tests").WithTags("Structure tests")
            .RequireAuthorization(Policies.OrgOrganizer);
        g.MapGet("/", List).WithName("ListStructureTests");
        g.MapPost("/", Create).WithName("CreateStructureTest");
        g.MapGet("/trend", Trend).WithName("GetParticipationTrend");
        g.MapGet("/{testId:int}", Get).WithName("GetStructureTest");
        g.MapPost("/{testId:int}/close", Close).WithName("CloseStructureTest");
        g.MapGet("/{testId:int}/participation", Participants).WithName("ListParticipation");
        g.MapPost("/{testId:int}/participation", Record).WithName("RecordParticipation");
        g.MapDelete("/{testId:int}/participation/{contactId:int}", Remove).WithName("RemoveParticipation");
        g.MapGet("/{testId:int}/chart.svg", Chart).WithName("GetParticipationChart");
    }

    /// The caller's membership (loaded by the policy already) and the units they cover.
    internal static async Task<(Membership Me, HashSet<int>? Covered)> CallerAsync(OrgAccess access, AppDbContext db, int orgId, CancellationToken ct)
    {
        var (_, m) = await access.LoadAsync(orgId, ct);
        return (m!, await ContactAccess.CoveredUnitsAsync(db, m!, ct));
    }

    static async Task<Ok<List<StructureTestView>>> List(int orgId, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await StructureTestQueries.ListAsync(db, orgId, ct));

    static async Task<Results<Created<StructureTestView>, ProblemHttpResult>> Create(int orgId, StructureTestInput input, HttpContext http,
        AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var r = await DefineStructureTest.CreateAsync(db, orgId, http.User.PersonId()!, input, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/structure-tests/{r.Value!.Id}", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<StructureTestReport>, ProblemHttpResult>> Get(int orgId, int testId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var (_, covered) = await CallerAsync(access, db, orgId, ct);
        return TypedResults.Ok(await StructureTestQueries.ReportAsync(db, t, covered, ct));
    }

    static async Task<Ok<List<TrendPoint>>> Trend(int orgId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var (_, covered) = await CallerAsync(access, db, orgId, ct);
        return TypedResults.Ok(await StructureTestQueries.TrendAsync(db, orgId, covered, ct));
    }

    static async Task<Results<Ok<StructureTestView>, ProblemHttpResult>> Close(int orgId, int testId, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var r = await DefineStructureTest.CloseAsync(db, orgId, testId, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<List<ParticipantView>>, ProblemHttpResult>> Participants(int orgId, int testId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var (_, covered) = await CallerAsync(access, db, orgId, ct);
        return TypedResults.Ok(await StructureTestQueries.ParticipantsAsync(db, t, covered, ct));
    }

    static async Task<Results<Ok<ParticipationResult>, ProblemHttpResult>> Record(int orgId, int testId, ParticipationInput input, HttpContext http,
        AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var (_, covered) = await CallerAsync(access, db, orgId, ct);
        var r = await RecordParticipation.RecordAsync(db, t, covered, http.User.PersonId()!, input, clock.GetUtcNow().UtcDateTime, ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Remove(int orgId, int testId, int contactId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var (_, covered) = await CallerAsync(access, db, orgId, ct);
        return await RecordParticipation.RemoveAsync(db, t, covered, contactId, ct) is { } f ? f.ToProblem() : TypedResults.NoContent();
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> Chart(int orgId, int testId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var t = await StructureTestQueries.FindAsync(db, orgId, testId, ct);
        if (t is null) return Failure.NotFound().ToProblem();
        var (_, covered) = await CallerAsync(access, db, orgId, ct);
        var report = await StructureTestQueries.ReportAsync(db, t, covered, ct);
        return TypedResults.Content(Charts.UnitBars(report.Units, t.ThresholdPercent, t.Title), "image/svg+xml");
    }
}
