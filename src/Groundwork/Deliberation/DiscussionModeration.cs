using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Deliberation;

/// Lock or pin a thread: its organizers only.
public static class DiscussionModeration
{
    public static async Task<Outcome<Discussion>> ModerateAsync(AppDbContext db, int orgId, int discussionId, Viewer v, ModerationInput input, DateTime now, CancellationToken ct)
    {
        var d = await DiscussionQueries.FindAsync(db, orgId, discussionId, v, ct);
        if (d is null) return Failure.NotFound("No such discussion.");
        if (!DeliberationPermissions.CanModerate(v.Membership, d)) return Failure.Forbidden("Only the organizers of this discussion may lock or pin it.");
        var locked = input.Locked ?? d.IsLocked;
        var pinned = input.Pinned ?? d.IsPinned;
        await db.Discussions.Where(x => x.Id == d.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsLocked, locked).SetProperty(x => x.IsPinned, pinned), ct);
        d.IsLocked = locked;
        d.IsPinned = pinned;
        return d;
    }
}
