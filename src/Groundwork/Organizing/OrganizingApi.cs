using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Groundwork.Organizing;

/// The JSON API of contacts, one-on-ones, assessments, relationships, leaders and the wall chart. Every contact route
/// starts from ContactAccess.Visible, so a contact out of the caller's reach is a 404 everywhere.
public static class OrganizingApi
{
    public static void MapOrganizingApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/organizations/{orgId:int}").WithTags("Organizing").RequireAuthorization(Policies.OrgOrganizer);
        g.MapGet("/contacts", ListContacts).WithName("ListContacts");
        g.MapPost("/contacts", CreateContact).WithName("CreateContact");
        g.MapGet("/contacts/{contactId:int}", GetContact).WithName("GetContact");
        g.MapPut("/contacts/{contactId:int}", UpdateContact).WithName("UpdateContact");
        g.MapDelete("/contacts/{contactId:int}", DeleteContact).WithName("DeleteContact");
        g.MapPut("/contacts/{contactId:int}/leader", SetLeader).WithName("SetContactLeader");
        g.MapGet("/contacts/{contactId:int}/conversations", ListConversations).WithName("ListConversations");
        g.MapPost("/contacts/{contactId:int}/conversations", LogConversation).WithName("LogConversation");
        g.MapGet("/contacts/{contactId:int}/assessments", ListAssessments).WithName("ListAssessments");
        g.MapPost("/contacts/{contactId:int}/assessments", RecordAssessment).WithName("RecordAssessment");
        g.MapPost("/relationships", CreateRelationship).WithName("CreateRelationship");
        g.MapDelete("/relationships/{relationshipId:int}", DeleteRelationship).WithName("DeleteRelationship");
        g.MapGet("/talk-to", ListTalkTo).WithName("ListTalkTo");
        g.MapGet("/follow-ups", ListFollowUps).WithName("ListFollowUps");
        g.MapPost("/follow-ups/{conversationId:long}/done", CompleteFollowUp).WithName("CompleteFollowUp");
        g.MapGet("/leaders", ListLeaders).WithName("ListLeaders");
        g.MapGet("/wall-chart", GetWallChart).WithName("GetWallChart");
        g.MapGet("/assessment-scales", ListAssessmentScales).WithName("ListAssessmentScales");
        g.MapPost("/assessment-scales", CreateAssessmentScale).WithName("CreateAssessmentScale").RequireAuthorization(Policies.OrgAdmin);
        g.MapPut("/assessment-scales/{scaleId:int}", UpdateAssessmentScale).WithName("UpdateAssessmentScale").RequireAuthorization(Policies.OrgAdmin);
        g.MapGet("/organizing-issues", ListIssues).WithName("ListOrganizingIssues");
        g.MapPost("/organizing-issues", CreateIssue).WithName("CreateOrganizingIssue");
        g.MapDelete("/organizing-issues/{issueId:int}", RetireIssue).WithName("RetireOrganizingIssue");
        g.MapGet("/contact-tags", ListTags).WithName("ListContactTags");
        g.MapPost("/contact-tags", CreateTag).WithName("CreateContactTag");
        g.MapGet("/custom-fields", ListFields).WithName("ListCustomFields");
        g.MapPost("/custom-fields", CreateField).WithName("CreateCustomField").RequireAuthorization(Policies.OrgAdmin);
        g.MapGet("/organizing-settings", GetSettings).WithName("GetOrganizingSettings");
        g.MapPut("/organizing-settings", SaveSettings).WithName("UpdateOrganizingSettings").RequireAuthorization(Policies.OrgAdmin);
    }

    static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    static async Task<OrganizingScope> ScopeAsync(int orgId, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        var (_, me) = await access.LoadAsync(orgId, ct);
        return await OrganizingScope.LoadAsync(db, me!, ct);
    }

    static Results<Ok<T>, ProblemHttpResult> Map<T>(Outcome<T> r) => r.Ok ? TypedResults.Ok(r.Value!) : r.Failure!.ToProblem();

    static Results<NoContent, ProblemHttpResult> Done(Failure? f) => f is null ? TypedResults.NoContent() : f.ToProblem();

    static async Task<Results<Ok<ContactPage>, ProblemHttpResult>> ListContacts(int orgId, int? unitId, int? tagId, bool? leader, bool? eligible, string? q,
        int? page, int? pageSize, AppDbContext db, OrgAccess access, CancellationToken ct)
    {
        if (q is { Length: > 200 }) return Failure.Invalid("Search for at most 200 characters.", "q").ToProblem();
        var s = await ScopeAsync(orgId, db, access, ct);
        return TypedResults.Ok(await ContactQueries.ListAsync(db, s, unitId, tagId, leader, eligible, q, page ?? 1, pageSize ?? 50, ct));
    }

    static async Task<Results<Created<ContactView>, ProblemHttpResult>> CreateContact(int orgId, ContactInput input, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var r = await SaveContact.CreateAsync(db, await ScopeAsync(orgId, db, access, ct), input, Now(clock), ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/contacts/{r.Value!.Id}", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<ContactView>, ProblemHttpResult>> GetContact(int orgId, int contactId, AppDbContext db, OrgAccess access, CancellationToken ct) =>
        Map(await ContactQueries.GetAsync(db, await ScopeAsync(orgId, db, access, ct), contactId, ct));

    static async Task<Results<Ok<ContactView>, ProblemHttpResult>> UpdateContact(int orgId, int contactId, ContactInput input, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct) =>
        Map(await SaveContact.UpdateAsync(db, await ScopeAsync(orgId, db, access, ct), contactId, input, Now(clock), ct));

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteContact(int orgId, int contactId, AppDbContext db, OrgAccess access, CancellationToken ct) =>
        Done(await Groundwork.Organizing.DeleteContact.DeleteAsync(db, await ScopeAsync(orgId, db, access, ct), contactId, ct));

    static async Task<Results<NoContent, ProblemHttpResult>> SetLeader(int orgId, int contactId, LeaderInput input, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct) =>
        input.IsLeader is not { } leader ? Failure.Invalid("Say whether the contact is a leader: true or false.", "isLeader").ToProblem()
        : Done(await MarkLeader.SetLeaderAsync(db, await ScopeAsync(orgId, db, access, ct), contactId, leader, Now(clock), ct));

    static async Task<Results<Ok<List<ConversationView>>, ProblemHttpResult>> ListConversations(int orgId, int contactId, AppDbContext db, OrgAccess access, CancellationToken ct) =>
        Map(await ConversationQueries.ListAsync(db, await ScopeAsync(orgId, db, access, ct), contactId, ct));

    static async Task<Results<Created<ConversationView>, ProblemHttpResult>> LogConversation(int orgId, int contactId, ConversationInput input, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var r = await Groundwork.Organizing.LogConversation.LogAsync(db, await ScopeAsync(orgId, db, access, ct), contactId, input, Now(clock), ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/contacts/{contactId}/conversations", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<List<AssessmentView>>, ProblemHttpResult>> ListAssessments(int orgId, int contactId, AppDbContext db, OrgAccess access, CancellationToken ct) =>
        Map(await AssessContact.HistoryAsync(db, await ScopeAsync(orgId, db, access, ct), contactId, ct));

    static async Task<Results<Created<AssessmentView>, ProblemHttpResult>> RecordAssessment(int orgId, int contactId, AssessmentInput input, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var r = await AssessContact.RecordAsync(db, await ScopeAsync(orgId, db, access, ct), contactId, input, Now(clock), ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/contacts/{contactId}/assessments", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Created<RelationshipView>, ProblemHttpResult>> CreateRelationship(int orgId, RelationshipInput input, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var r = await RelateContacts.CreateAsync(db, await ScopeAsync(orgId, db, access, ct), input, Now(clock), ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/contacts/{input.FromContactId}", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteRelationship(int orgId, int relationshipId, AppDbContext db, OrgAccess access, CancellationToken ct) =>
        Done(await RelateContacts.DeleteAsync(db, await ScopeAsync(orgId, db, access, ct), relationshipId, ct));

    static async Task<Ok<List<TalkTo>>> ListTalkTo(int orgId, AppDbContext db, OrgAccess access, CancellationToken ct) =>
        TypedResults.Ok(await WallChartQueries.TalkToAsync(db, await ScopeAsync(orgId, db, access, ct), ct));

    static async Task<Ok<List<FollowUpView>>> ListFollowUps(int orgId, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await ConversationFollowUps.FollowUpsAsync(db, await ScopeAsync(orgId, db, access, ct), Now(clock), ct));

    static async Task<Results<NoContent, ProblemHttpResult>> CompleteFollowUp(int orgId, long conversationId, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct) =>
        Done(await ConversationFollowUps.CompleteFollowUpAsync(db, await ScopeAsync(orgId, db, access, ct), conversationId, Now(clock), ct));

    static async Task<Ok<LeadersView>> ListLeaders(int orgId, AppDbContext db, OrgAccess access, CancellationToken ct) =>
        TypedResults.Ok(await WallChartQueries.LeadersAsync(db, await ScopeAsync(orgId, db, access, ct), ct));

    static async Task<Results<Ok<WallChart>, ProblemHttpResult>> GetWallChart(int orgId, int? scaleId, int? unitId, int? levelId, bool? leader, int? tagId, int? issueId,
        int? contactedWithinDays, int? notContactedForDays, bool? followUpDue, int? perUnit, AppDbContext db, OrgAccess access, TimeProvider clock, CancellationToken ct)
    {
        var chart = await WallChartQueries.BuildAsync(db, await ScopeAsync(orgId, db, access, ct),
            new WallChartFilter(scaleId, unitId, levelId, leader, tagId, issueId, contactedWithinDays, notContactedForDays, followUpDue, perUnit), Now(clock), ct);
        return chart is null ? Failure.NotFound("No such scale.").ToProblem() : TypedResults.Ok(chart);
    }

    static async Task<Ok<List<ScaleView>>> ListAssessmentScales(int orgId, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AssessmentScales.ListAsync(db, orgId, ct));

    static async Task<Results<Created<ScaleView>, ProblemHttpResult>> CreateAssessmentScale(int orgId, ScaleInput input, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var r = await AssessmentScales.CreateAsync(db, orgId, input, Now(clock), ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/assessment-scales/{r.Value!.Id}", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<Ok<ScaleView>, ProblemHttpResult>> UpdateAssessmentScale(int orgId, int scaleId, ScaleInput input, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        Map(await AssessmentScales.UpdateAsync(db, orgId, scaleId, input, Now(clock), ct));

    static async Task<Ok<List<NamedView>>> ListIssues(int orgId, AppDbContext db, CancellationToken ct) => TypedResults.Ok(await OrganizingLists.IssuesAsync(db, orgId, ct));

    static async Task<Results<Created<NamedView>, ProblemHttpResult>> CreateIssue(int orgId, NameInput input, AppDbContext db, CancellationToken ct)
    {
        var r = await OrganizingLists.CreateIssueAsync(db, orgId, input, ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/organizing-issues/{r.Value!.Id}", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> RetireIssue(int orgId, int issueId, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        Done(await OrganizingLists.RetireIssueAsync(db, orgId, issueId, Now(clock), ct));

    static async Task<Ok<List<NamedView>>> ListTags(int orgId, AppDbContext db, CancellationToken ct) => TypedResults.Ok(await OrganizingLists.TagsAsync(db, orgId, ct));

    static async Task<Results<Created<NamedView>, ProblemHttpResult>> CreateTag(int orgId, NameInput input, AppDbContext db, CancellationToken ct)
    {
        var r = await OrganizingLists.CreateTagAsync(db, orgId, input, ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/contact-tags/{r.Value!.Id}", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Ok<List<CustomFieldView>>> ListFields(int orgId, AppDbContext db, CancellationToken ct) => TypedResults.Ok(await OrganizingLists.FieldsAsync(db, orgId, ct));

    static async Task<Results<Created<CustomFieldView>, ProblemHttpResult>> CreateField(int orgId, CustomFieldInput input, AppDbContext db, CancellationToken ct)
    {
        var r = await OrganizingLists.CreateFieldAsync(db, orgId, input, ct);
        return r.Ok ? TypedResults.Created($"/api/v1/organizations/{orgId}/custom-fields/{r.Value!.Id}", r.Value) : r.Failure!.ToProblem();
    }

    static async Task<Ok<SettingsView>> GetSettings(int orgId, AppDbContext db, CancellationToken ct) => TypedResults.Ok(await SaveOrganizingSettings.SettingsAsync(db, orgId, ct));

    static async Task<Results<Ok<SettingsView>, ProblemHttpResult>> SaveSettings(int orgId, SettingsInput input, AppDbContext db, CancellationToken ct) =>
        Map(await SaveOrganizingSettings.SaveSettingsAsync(db, orgId, input, ct));
}
