using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record FollowUpView(long ConversationId, int ContactId, string ContactName, string? NextStep, DateTime FollowUpUtc, bool Due);

/// The follow-ups a conversation leaves its recorder: the open ones, and marking one done.
public static class ConversationFollowUps
{
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
