using Groundwork.Accounts;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public static class ConversationQueries
{
    public static async Task<Outcome<List<ConversationView>>> ListAsync(AppDbContext db, OrganizingScope s, int contactId, CancellationToken ct)
    {
        if (!await ContactAccess.Visible(db, s.OrgId, s.Covered).AnyAsync(c => c.Id == contactId, ct)) return Failure.NotFound("No such contact.");
        var rows = await db.Conversations.AsNoTracking().AsSplitQuery().Include(c => c.Speakers).Include(c => c.Issues)
            .Where(c => c.ContactId == contactId && c.OrganizationId == s.OrgId).OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => (long?)r.Id).ToList();
        var assessments = await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.ConversationId)).Select(a => new { a.Id, a.ConversationId }).ToListAsync(ct);
        var names = await DisplayNames.LoadAsync(db, rows.SelectMany(r => r.Speakers.Select(x => x.PersonId)), ct);
        return rows.Select(r => new ConversationView(r.Id, r.ContactId, r.AtUtc, r.Channel, [.. r.Speakers.Select(x => names.Find(x.PersonId) ?? "?")],
            [.. r.Issues.Select(i => i.IssueId)], r.Notes, r.NotesPurgedUtc is not null, r.NextStep, r.FollowUpUtc, r.FollowUpDoneUtc,
            assessments.FirstOrDefault(a => a.ConversationId == r.Id)?.Id)).ToList();
    }
}
