using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

/// A one-on-one as logged. AtUtc defaults to now; FollowUpOn is a day, today or later.
public sealed record ConversationInput(
    [property: Required] ConversationChannel? Channel,
    DateTime? AtUtc = null,
    [property: MaxLength(5)] string[]? SpeakerIds = null,
    [property: MaxLength(20)] int[]? IssueIds = null,
    [property: StringLength(8000)] string? Notes = null,
    int? ScaleId = null,
    int? LevelId = null,
    [property: StringLength(1000)] string? NextStep = null,
    DateOnly? FollowUpOn = null);

public sealed record ConversationView(long Id, int ContactId, DateTime AtUtc, ConversationChannel Channel, string[] Speakers, int[] IssueIds,
    string? Notes, bool NotesDeleted, string? NextStep, DateTime? FollowUpUtc, DateTime? FollowUpDoneUtc, long? AssessmentId);

public sealed record FollowUpView(long ConversationId, int ContactId, string ContactName, string? NextStep, DateTime FollowUpUtc, bool Due);

public sealed record NameInput([property: Required, StringLength(100, MinimumLength = 1)] string Name);
public sealed record NamedView(int Id, string Name, bool Retired);

public sealed record CustomFieldInput([property: Required, StringLength(100, MinimumLength = 1)] string Name, [property: Required] CustomFieldType? Type,
    [property: StringLength(4000)] string? Choices = null);
public sealed record CustomFieldView(int Id, string Name, CustomFieldType Type, string[] Choices);

public sealed record RelationshipInput([property: Required] int? FromContactId, [property: Required] int? ToContactId,
    [property: Required] RelationshipKind? Kind, [property: StringLength(1000)] string? Notes = null);

public sealed record SettingsInput([property: Range(1, 3650)] int? NoteRetentionDays);
public sealed record SettingsView(int? NoteRetentionDays);

public sealed record LeaderInput([property: Required] bool? IsLeader);

public static class ConversationRules
{
    /// Why a follow-up day cannot be used, or null. Today counts as not in the past.
    public static string? FollowUpProblem(DateOnly? day, DateTime now) =>
        day is { } d && d < DateOnly.FromDateTime(now) ? "The follow-up date is in the past: choose today or a later day." : null;

    public static string? WhenProblem(DateTime at, DateTime now) =>
        at > now.AddMinutes(5) ? "The conversation cannot be in the future."
        : at < now.AddYears(-20) ? "The conversation date is too far in the past." : null;

    public static async Task<Outcome<ConversationView>> LogAsync(AppDbContext db, OrganizingScope s, int contactId, ConversationInput input, DateTime now, CancellationToken ct)
    {
        if (!await ContactAccess.Visible(db, s.OrgId, s.Covered).AnyAsync(c => c.Id == contactId, ct)) return Failure.NotFound("No such contact.");
        if (input.Channel is not { } channel || !Enum.IsDefined(channel)) return Failure.Invalid("Say how you talked: InPerson, Phone, Text, Video or Other.", "channel");
        var at = input.AtUtc is { } given ? (given.Kind == DateTimeKind.Utc ? given : DateTime.SpecifyKind(given, DateTimeKind.Utc)) : now;
        if (WhenProblem(at, now) is { } whenProblem) return Failure.Invalid(whenProblem, "atUtc");
        if (FollowUpProblem(input.FollowUpOn, now) is { } followProblem) return Failure.Invalid(followProblem, "followUpOn");
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
            var found = await AssessmentRules.FindLevelAsync(db, s.OrgId, input.ScaleId, levelId, ct);
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
        if (level is not null) assessmentId = (await AssessmentRules.RecordAsync(db, s.OrgId, contactId, level, s.PersonId, c.Id, now, ct)).Id;
        await tx.CommitAsync(ct);
        return new ConversationView(c.Id, contactId, c.AtUtc, c.Channel, [.. speakers], [.. issues], c.Notes, false, c.NextStep, c.FollowUpUtc, null, assessmentId);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static async Task<Outcome<List<ConversationView>>> ListAsync(AppDbContext db, OrganizingScope s, int contactId, CancellationToken ct)
    {
        if (!await ContactAccess.Visible(db, s.OrgId, s.Covered).AnyAsync(c => c.Id == contactId, ct)) return Failure.NotFound("No such contact.");
        var rows = await db.Conversations.AsNoTracking().AsSplitQuery().Include(c => c.Speakers).Include(c => c.Issues)
            .Where(c => c.ContactId == contactId && c.OrganizationId == s.OrgId).OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => (long?)r.Id).ToList();
        var assessments = await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.ConversationId)).Select(a => new { a.Id, a.ConversationId }).ToListAsync(ct);
        var people = rows.SelectMany(r => r.Speakers.Select(x => x.PersonId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        return rows.Select(r => new ConversationView(r.Id, r.ContactId, r.AtUtc, r.Channel, [.. r.Speakers.Select(x => names.GetValueOrDefault(x.PersonId) ?? "?")],
            [.. r.Issues.Select(i => i.IssueId)], r.Notes, r.NotesPurgedUtc is not null, r.NextStep, r.FollowUpUtc, r.FollowUpDoneUtc,
            assessments.FirstOrDefault(a => a.ConversationId == r.Id)?.Id)).ToList();
    }

    /// The caller's open follow-ups on contacts they can still see, soonest first.
    public static async Task<List<FollowUpView>> FollowUpsAsync(AppDbContext db, OrganizingScope s, DateTime now, CancellationToken ct)
    {
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered);
        var rows = await (from c in db.Conversations.AsNoTracking()
                          join k in visible on c.ContactId equals k.Id
                          where c.OrganizationId == s.OrgId && c.FollowUpOwnerId == s.PersonId && c.FollowUpUtc != null && c.FollowUpDoneUtc == null
                          orderby c.FollowUpUtc, c.Id
                          select new { c.Id, c.ContactId, k.Name, c.NextStep, c.FollowUpUtc }).Take(500).ToListAsync(ct);
        return [.. rows.Select(r => new FollowUpView(r.Id, r.ContactId, r.Name, r.NextStep, r.FollowUpUtc!.Value, r.FollowUpUtc <= now))];
    }

    public static async Task<Failure?> CompleteFollowUpAsync(AppDbContext db, OrganizingScope s, long conversationId, DateTime now, CancellationToken ct)
    {
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered);
        var n = await db.Conversations.Where(c => c.Id == conversationId && c.OrganizationId == s.OrgId && c.FollowUpUtc != null
                && c.FollowUpDoneUtc == null && visible.Any(k => k.Id == c.ContactId))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.FollowUpDoneUtc, now), ct);
        return n == 0 ? Failure.NotFound("No such open follow-up.") : null;
    }
}

public static class ListRules
{
    public static async Task<List<NamedView>> IssuesAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        [.. (await db.OrganizingIssues.AsNoTracking().Where(i => i.OrganizationId == orgId).Select(i => new { i.Id, i.Name, i.RetiredUtc }).ToListAsync(ct))
            .OrderBy(i => i.Name, StringComparer.CurrentCultureIgnoreCase).Select(i => new NamedView(i.Id, i.Name, i.RetiredUtc is not null))];

    public static async Task<Outcome<NamedView>> CreateIssueAsync(AppDbContext db, int orgId, NameInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return Failure.Invalid("Give the issue a name.", "name");
        if (await db.OrganizingIssues.CountAsync(i => i.OrganizationId == orgId, ct) >= 500) return Failure.Invalid("An organization can list at most 500 issues.");
        var name = input.Name.Trim();
        var i = new OrganizingIssue { OrganizationId = orgId, Name = name, NameLookup = db.Crypto.Lookup(name.ToUpperInvariant()) };
        db.OrganizingIssues.Add(i);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { return Failure.Conflict("That issue is already on the list.", "name"); }
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
        if (string.IsNullOrWhiteSpace(input.Name)) return Failure.Invalid("Give the tag a name.", "name");
        if (await db.OrganizingTags.CountAsync(i => i.OrganizationId == orgId, ct) >= 500) return Failure.Invalid("An organization can have at most 500 tags.");
        var name = input.Name.Trim();
        var t = new OrganizingTag { OrganizationId = orgId, Name = name, NameLookup = db.Crypto.Lookup(name.ToUpperInvariant()) };
        db.OrganizingTags.Add(t);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { return Failure.Conflict("That tag already exists.", "name"); }
        return new NamedView(t.Id, t.Name, false);
    }

    public static async Task<List<CustomFieldView>> FieldsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        [.. (await db.CustomFields.AsNoTracking().Where(f => f.OrganizationId == orgId && f.RetiredUtc == null).OrderBy(f => f.Id).ToListAsync(ct))
            .Select(f => new CustomFieldView(f.Id, f.Name, f.Type, (f.Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))];

    public static async Task<Outcome<CustomFieldView>> CreateFieldAsync(AppDbContext db, int orgId, CustomFieldInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return Failure.Invalid("Give the field a name.", "name");
        if (input.Type is not { } type || !Enum.IsDefined(type)) return Failure.Invalid("Choose a type: Text, Number, Date, YesNo or Choice.", "type");
        var choices = (input.Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        if (type == CustomFieldType.Choice && (choices.Length is 0 or > 50 || choices.Any(c => c.Length > 100)))
            return Failure.Invalid("A choice field needs between 1 and 50 choices of up to 100 characters, one per line.", "choices");
        if (await db.CustomFields.CountAsync(f => f.OrganizationId == orgId, ct) >= 50) return Failure.Invalid("An organization can have at most 50 custom fields.");
        var f = new CustomField { OrganizationId = orgId, Name = input.Name.Trim(), Type = type, Choices = type == CustomFieldType.Choice ? string.Join('\n', choices) : null };
        db.CustomFields.Add(f);
        await db.SaveChangesAsync(ct);
        return new CustomFieldView(f.Id, f.Name, f.Type, type == CustomFieldType.Choice ? choices : []);
    }

    public static async Task<SettingsView> SettingsAsync(AppDbContext db, int orgId, CancellationToken ct) =>
        new((await db.OrganizingSettings.AsNoTracking().FirstOrDefaultAsync(x => x.OrganizationId == orgId, ct))?.NoteRetentionDays);

    public static async Task<Outcome<SettingsView>> SaveSettingsAsync(AppDbContext db, int orgId, SettingsInput input, CancellationToken ct)
    {
        if (input.NoteRetentionDays is < 1 or > 3650) return Failure.Invalid("Keep notes between 1 and 3650 days, or leave it empty to keep them.", "noteRetentionDays");
        var n = await db.OrganizingSettings.Where(x => x.OrganizationId == orgId).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoteRetentionDays, input.NoteRetentionDays), ct);
        if (n == 0)
        {
            db.OrganizingSettings.Add(new OrganizingSettings { OrganizationId = orgId, NoteRetentionDays = input.NoteRetentionDays });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                await db.OrganizingSettings.Where(x => x.OrganizationId == orgId).ExecuteUpdateAsync(u => u.SetProperty(x => x.NoteRetentionDays, input.NoteRetentionDays), ct);
            }
        }
        return new SettingsView(input.NoteRetentionDays);
    }
}

public static class RelationshipRules
{
    public static async Task<Outcome<RelationshipView>> CreateAsync(AppDbContext db, OrganizingScope s, RelationshipInput input, DateTime now, CancellationToken ct)
    {
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) return Failure.Invalid("Choose a kind: WorksBeside, Friends, Family, Roommates, Influences or Other.", "kind");
        if (input.FromContactId is not { } from || input.ToContactId is not { } to) return Failure.Invalid("Name both contacts.", "toContactId");
        if (from == to) return Failure.Invalid("A relationship links two different contacts.", "toContactId");
        var visible = ContactAccess.Visible(db, s.OrgId, s.Covered);
        var found = await visible.Where(c => c.Id == from || c.Id == to).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (found.Count != 2) return Failure.NotFound("No such contact.");
        var r = new Relationship { OrganizationId = s.OrgId, FromContactId = from, ToContactId = to, Kind = kind, Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(), CreatedUtc = now };
        db.Relationships.Add(r);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { return Failure.Conflict("These two contacts already have this relationship.", "kind"); }
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
