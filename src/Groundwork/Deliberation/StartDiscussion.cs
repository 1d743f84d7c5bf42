using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

/// A new thread with its opening post (and its first revision); the members it mentions are told.
public static class StartDiscussion
{
    public static async Task<Outcome<Discussion>> StartAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, int orgId, Viewer v,
        DiscussionInput input, DateTime now, CancellationToken ct)
    {
        if (input.UnitId is { } unit)
        {
            if (!await db.Units.AnyAsync(u => u.Id == unit && u.OrganizationId == orgId, ct)) return Failure.Invalid("This unit is not in the organization.", "unitId");
            if (!DeliberationPermissions.CanStartIn(v.Membership, unit, v.Units)) return Failure.Forbidden("Only members of this unit and its organizers may start a discussion there.");
        }
        var d = new Discussion { OrganizationId = orgId, UnitId = input.UnitId, Title = input.Title.Trim(), AuthorId = v.PersonId, CreatedUtc = now, LastPostUtc = now };
        var post = new Post { AuthorId = v.PersonId, IsOpening = true, Body = input.Body, CreatedUtc = now };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Discussions.Add(d);
            await db.SaveChangesAsync(ct);
            post.DiscussionId = d.Id;
            db.Posts.Add(post);
            await db.SaveChangesAsync(ct);
            db.PostRevisions.Add(new PostRevision { PostId = post.Id, Number = 1, Body = post.Body, EditorId = v.PersonId, AtUtc = now });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await DiscussionNotices.NotifyMentionsAsync(db, notifier, L, d, post, v.PersonId, ct);
        return d;
    }
}
