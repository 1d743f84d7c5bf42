using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

/// A one-on-one as logged. AtUtc defaults to now; FollowUpOn is a day, today or later.
public sealed record ConversationInput(
    [property: Required(ErrorMessage = ConversationInput.ChannelMessage), EnumDataType(typeof(ConversationChannel), ErrorMessage = ConversationInput.ChannelMessage)] ConversationChannel? Channel,
    DateTime? AtUtc = null,
    [property: MaxLength(5)] string[]? SpeakerIds = null,
    [property: MaxLength(20)] int[]? IssueIds = null,
    [property: StringLength(8000, ErrorMessage = ConversationInput.LengthMessage)] string? Notes = null,
    int? ScaleId = null,
    int? LevelId = null,
    [property: StringLength(1000, ErrorMessage = ConversationInput.LengthMessage)] string? NextStep = null,
    DateOnly? FollowUpOn = null)
{
    internal const string ChannelMessage = "Say how you talked: InPerson, Phone, Text, Video or Other.";
    internal const string LengthMessage = "Notes take up to 8000 characters and the next step up to 1000.";
}

public sealed record ConversationView(long Id, int ContactId, DateTime AtUtc, ConversationChannel Channel, string[] Speakers, int[] IssueIds,
    string? Notes, bool NotesDeleted, string? NextStep, DateTime? FollowUpUtc, DateTime? FollowUpDoneUtc, long? AssessmentId);

/// Logging a one-on-one: its speakers and issues, the contact's last-contacted time and, with a level, an assessment.
public static class LogConversation
{
    public static async Task<Outcome<ConversationView>> LogAsync(AppDbContext db, OrganizingScope s, int contactId, ConversationInput input, DateTime now, CancellationToken ct)
    {
        if (!await ContactAccess.Visible(db, s.OrgId, s.Covered).AnyAsync(c => c.Id == contactId, ct)) return Failure.NotFound("No such contact.");
        var channel = input.Channel!.Value; // required by the input's attributes
        var at = input.AtUtc ?? now; // UTC already: the API's JSON converters and the page (UtcTime.Normalize) see to it
        if (ConversationRules.WhenProblem(at, now) is { } whenProblem) return Failure.Invalid(whenProblem, "atUtc");
        if (ConversationRules.FollowUpProblem(input.FollowUpOn, now) is { } followProblem) return Failure.Invalid(followProblem, "followUpOn");
        var speakers = (input.SpeakerIds ?? []).Where(x => !string.IsNullOrWhiteSpace(x)).Append(s.PersonId).Distinct().ToList();
        if (speakers.Any(x => x.Length > 100)) return Failure.Invalid("One of the speakers is not an organizer here.", "speakerIds");
        if (await db.Memberships.CountAsync(m => m.OrganizationId == s.OrgId && speakers.Contains(m.PersonId) && m.Status == MembershipStatus.Active
                && (m.Role == Role.Organizer || m.Role == Role.Admin), ct) != speakers.Count)
            return Failure.Invalid("One of the speakers is not an organizer here.", "speakerIds");
        var issues = (input.IssueIds ?? []).Distinct().ToList();
        if (issues.Count > 0 && await db.OrganizingIssues.CountAsync(i => i.OrganizationId == s.OrgId && i.RetiredUtc == null && issues.Contains(i.Id), ct) != issues.Count)
            return Failure.Invalid("One of the issues is not on this organization's list.", "issueIds");
        AssessmentLevel? level = null;
        if (input.LevelId is { } levelId)
        {
            var found = await AssessContact.FindLevelAsync(db, s.OrgId, input.ScaleId, levelId, ct);
            if (!found.Ok) return found.Failure!;
            level = found.Value;
        }
        else if (input.ScaleId is not null) return Failure.Invalid("Choose a level on the scale, or no scale.", "levelId");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var c = new Conversation
        {
            OrganizationId = s.OrgId, ContactId = contactId, AtUtc = at, Channel = channel,
            Notes = Blank(input.Notes), NextStep = Blank(input.NextStep),
            FollowUpUtc = input.FollowUpOn?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            FollowUpOwnerId = input.FollowUpOn is null ? null : s.PersonId,
            RecordedById = s.PersonId, CreatedUtc = now,
            Speakers = [.. speakers.Select(p => new ConversationSpeaker { PersonId = p })],
            Issues = [.. issues.Select(i => new ConversationIssue { IssueId = i })],
        };
        db.Conversations.Add(c);
        await db.SaveChangesAsync(ct);
        // Last contacted only moves forward (a late entry of an old conversation does not rewind it).
        await db.Contacts.Where(x => x.Id == contactId && (x.LastContactedUtc == null || x.LastContactedUtc < at))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastContactedUtc, at), ct);
        long? assessmentId = null;
        if (level is not null) assessmentId = (await AssessContact.RecordAsync(db, s.OrgId, contactId, level, s.PersonId, c.Id, now, ct)).Id;
        await tx.CommitAsync(ct);
        return new ConversationView(c.Id, contactId, c.AtUtc, c.Channel, [.. speakers], [.. issues], c.Notes, false, c.NextStep, c.FollowUpUtc, null, assessmentId);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
