using Groundwork.Accounts;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

/// A reply, at most one level deep, unless the thread is locked; the mentioned and the thread's other writers are told.
public static class ReplyToDiscussion
{
    public static async Task<Outcome<Post>> ReplyAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, int orgId, int discussionId, Viewer v,
        ReplyInput input, DateTime now, CancellationToken ct)
    {
        var d = await DiscussionQueries.FindAsync(db, orgId, discussionId, v, ct);
        if (d is null) return Failure.NotFound("No such discussion.");
        if (!DeliberationPermissions.CanReply(v.Membership, d, v.Units)) return Failure.Conflict("This discussion is locked.");
        int? replyTo = null;
        if (input.ReplyToId is { } target)
        {
            var parent = await db.Posts.AsNoTracking().Where(p => p.Id == target && p.DiscussionId == discussionId).Select(p => new { p.Id, p.ReplyToId, p.IsOpening }).FirstOrDefaultAsync(ct);
            if (parent is null) return Failure.Invalid("The post you reply to is not in this discussion.", "replyToId");
            // One level of threading: a reply to a nested reply joins its parent's level; replying to the opening is replying to the thread.
            replyTo = parent.IsOpening ? null : parent.ReplyToId ?? parent.Id;
        }
        var post = new Post { DiscussionId = d.Id, AuthorId = v.PersonId, ReplyToId = replyTo, Body = input.Body, CreatedUtc = now };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // The conditional update fails when the thread was locked a moment ago (and takes its row lock).
            var moderator = DeliberationPermissions.CanModerate(v.Membership, d);
            var open = await db.Discussions.Where(x => x.Id == d.Id && (!x.IsLocked || moderator))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReplyCount, x => x.ReplyCount + 1).SetProperty(x => x.LastPostUtc, now), ct);
            if (open == 0) return Failure.Conflict("This discussion is locked.");
            db.Posts.Add(post);
            await db.SaveChangesAsync(ct);
            db.PostRevisions.Add(new PostRevision { PostId = post.Id, Number = 1, Body = post.Body, EditorId = v.PersonId, AtUtc = now });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        var mentioned = await DiscussionNotices.NotifyMentionsAsync(db, notifier, L, d, post, v.PersonId, ct);
        // Everyone who wrote in the thread hears of the reply, except its author and those told of a mention already.
        var participants = await db.Posts.AsNoTracking().Where(p => p.DiscussionId == d.Id && p.DeletedUtc == null).Select(p => p.AuthorId).Distinct().ToListAsync(ct);
        var audience = await DiscussionNotices.AudienceAsync(db, d, participants.Where(p => p != v.PersonId && !mentioned.Contains(p)), ct);
        var replier = (await DisplayNames.LoadAsync(db, [v.PersonId], ct)).Find(v.PersonId) ?? "";
        await notifier.NotifyAsync(audience, $"discussion-reply:{post.Id}",
            () => new NotificationText(L["{0} replied in a discussion you took part in", replier], L["Open the discussion to read the reply."], DiscussionQueries.Link(d)), ct);
        return post;
    }
}
