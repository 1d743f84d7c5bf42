using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

/// A post changed after it was written: edited by its author (every version kept) or deleted (its words wiped).
public static class ChangePost
{
    public static async Task<Outcome<Post>> EditAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, int orgId, int discussionId, int postId, Viewer v,
        EditPostInput input, DateTime now, CancellationToken ct)
    {
        var (d, p) = await DiscussionQueries.LoadPostAsync(db, orgId, discussionId, postId, v, ct);
        if (d is null || p is null) return Failure.NotFound("No such post.");
        if (p.DeletedUtc is not null) return Failure.Conflict("This post was deleted.");
        if (!DeliberationPermissions.CanEdit(v.Membership, d, p, v.Units)) return Failure.Forbidden("Only the author may edit a post.");
        if (p.Body == input.Body) return p;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = await db.Posts.Where(x => x.Id == p.Id && x.Revision == p.Revision && x.DeletedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Revision, p.Revision + 1).SetProperty(x => x.EditedUtc, now)
                    .SetProperty(x => x.Body, input.Body), ct); // the column's converter encrypts it
            if (changed == 0) return Failure.Conflict("The post changed while you edited it; reload it and edit again.");
            db.PostRevisions.Add(new PostRevision { PostId = p.Id, Number = p.Revision + 1, Body = input.Body, EditorId = v.PersonId, AtUtc = now });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        p.Body = input.Body;
        p.Revision++;
        p.EditedUtc = now;
        // A name added by the edit is told now; the ones already told are not told again (same key).
        await DiscussionNotices.NotifyMentionsAsync(db, notifier, L, d, p, v.PersonId, ct);
        return p;
    }

    /// Soft deletion: the post stays in place as "deleted"; its words (and their earlier versions) are wiped.
    public static async Task<Outcome<Post>> DeleteAsync(AppDbContext db, int orgId, int discussionId, int postId, Viewer v, DateTime now, CancellationToken ct)
    {
        var (d, p) = await DiscussionQueries.LoadPostAsync(db, orgId, discussionId, postId, v, ct);
        if (d is null || p is null) return Failure.NotFound("No such post.");
        if (p.DeletedUtc is not null) return Failure.Conflict("This post was deleted already.");
        if (!DeliberationPermissions.CanDelete(v.Membership, d, p, v.Units)) return Failure.Forbidden("Only the author or an organizer may delete a post.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Posts.Where(x => x.Id == p.Id && x.DeletedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedUtc, now).SetProperty(x => x.DeletedById, v.PersonId)
                .SetProperty(x => x.Body, ""), ct);
        if (changed == 0) return Failure.Conflict("This post was deleted already.");
        await db.PostRevisions.Where(r => r.PostId == p.Id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        p.DeletedUtc = now;
        return p;
    }
}
