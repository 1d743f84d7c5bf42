using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

public sealed record DiscussionInput(
    [property: Required, StringLength(Discussions.MaxTitle, MinimumLength = 1)] string Title,
    [property: Required, StringLength(Discussions.MaxBody, MinimumLength = 1)] string Body,
    int? UnitId = null);

public sealed record ReplyInput(
    [property: Required, StringLength(Discussions.MaxBody, MinimumLength = 1)] string Body,
    int? ReplyToId = null);

public sealed record EditPostInput([property: Required, StringLength(Discussions.MaxBody, MinimumLength = 1)] string Body);

public sealed record ModerationInput(bool? Locked = null, bool? Pinned = null);

public sealed record DiscussionSummary(int Id, string Title, int? UnitId, string AuthorName, DateTime CreatedUtc, DateTime LastPostUtc,
    int ReplyCount, bool IsLocked, bool IsPinned);

public sealed record DiscussionPage(List<DiscussionSummary> Items, int Page, int Pages, int Total);

public sealed record PostView(int Id, string AuthorId, string AuthorName, int? ReplyToId, bool IsOpening, bool Deleted, string Body, string Html,
    DateTime CreatedUtc, DateTime? EditedUtc, int Revision, bool CanEdit, bool CanDelete);

public sealed record DiscussionView(int Id, string Title, int? UnitId, bool IsLocked, bool IsPinned, DateTime CreatedUtc,
    int ReplyCount, PostView Opening, List<PostView> Replies, int Page, int Pages, bool CanReply, bool CanModerate);

public sealed record PostRevisionView(int Number, string Body, string EditorName, DateTime AtUtc);

/// The caller's membership and the units they are placed in (unit threads are for those).
public sealed record Viewer(Membership Membership, int[] Units)
{
    public string PersonId => Membership.PersonId;
}

public static class Discussions
{
    public const int MaxTitle = 200;
    public const int MaxBody = 20_000;
    public const int ThreadsPerPage = 25;
    public const int RepliesPerPage = 50;

    static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    public static async Task<Viewer?> ViewerAsync(AppDbContext db, Membership? m, CancellationToken ct)
    {
        if (m is null || !m.IsActive) return null;
        var units = await db.UnitPlacements.AsNoTracking().Where(p => p.MembershipId == m.Id).Select(p => p.UnitId).ToArrayAsync(ct);
        return new Viewer(m, units);
    }

    public static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, IEnumerable<string> ids, CancellationToken ct)
    {
        var list = ids.Distinct(StringComparer.Ordinal).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in list.Chunk(500))
            foreach (var p in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                names[p.Id] = p.DisplayName;
        return names;
    }

    static string Name(Dictionary<string, string> names, string id, IStringLocalizer L) => names.TryGetValue(id, out var n) ? n : L["Former member"];

    /// The threads the viewer may see, pinned first, then by latest activity.
    public static async Task<DiscussionPage> ListAsync(AppDbContext db, int orgId, Viewer v, int page, int? unitId, IStringLocalizer L, CancellationToken ct)
    {
        var q = db.Discussions.AsNoTracking().Where(d => d.OrganizationId == orgId);
        if (unitId is { } u) q = q.Where(d => d.UnitId == u);
        // Unit threads the viewer cannot see are filtered in the query: organization threads, the viewer's units, and
        // for organizers the units they cover (all of them for admins and unscoped organizers).
        var m = v.Membership;
        var units = v.Units;
        if (m.Role == Role.Member)
            q = q.Where(d => d.UnitId == null || units.Contains(d.UnitId.Value));
        else if (m.Role == Role.Organizer && m.OrganizerScopes.Count > 0)
        {
            var covered = units.Concat(m.OrganizerScopes.Select(s => s.UnitId)).ToArray();
            q = q.Where(d => d.UnitId == null || covered.Contains(d.UnitId.Value));
        }
        var total = await q.CountAsync(ct);
        var pages = Math.Max(1, (total + ThreadsPerPage - 1) / ThreadsPerPage);
        page = Math.Clamp(page, 1, pages);
        var rows = await q.OrderByDescending(d => d.IsPinned).ThenByDescending(d => d.LastPostUtc).ThenByDescending(d => d.Id)
            .Skip((page - 1) * ThreadsPerPage).Take(ThreadsPerPage).ToListAsync(ct);
        var names = await NamesAsync(db, rows.Select(r => r.AuthorId), ct);
        return new DiscussionPage([.. rows.Select(d => new DiscussionSummary(d.Id, d.Title, d.UnitId, Name(names, d.AuthorId, L), d.CreatedUtc, d.LastPostUtc,
            d.ReplyCount, d.IsLocked, d.IsPinned))], page, pages, total);
    }

    /// The thread if the viewer may see it; a thread they may not see is "not found", like one that does not exist.
    public static async Task<Discussion?> FindAsync(AppDbContext db, int orgId, int id, Viewer v, CancellationToken ct)
    {
        var d = await db.Discussions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.OrganizationId == orgId, ct);
        return d is not null && DeliberationPermissions.CanSee(v.Membership, d, v.Units) ? d : null;
    }

    public static async Task<Outcome<DiscussionView>> GetAsync(AppDbContext db, int orgId, int id, Viewer v, int page, IStringLocalizer L, CancellationToken ct)
    {
        var d = await FindAsync(db, orgId, id, v, ct);
        if (d is null) return Failure.NotFound("No such discussion.");
        var opening = await db.Posts.AsNoTracking().FirstAsync(p => p.DiscussionId == id && p.IsOpening, ct);
        var replyCount = await db.Posts.CountAsync(p => p.DiscussionId == id && !p.IsOpening, ct);
        var pages = Math.Max(1, (replyCount + RepliesPerPage - 1) / RepliesPerPage);
        page = Math.Clamp(page, 1, pages);
        var replies = await db.Posts.AsNoTracking().Where(p => p.DiscussionId == id && !p.IsOpening).OrderBy(p => p.Id)
            .Skip((page - 1) * RepliesPerPage).Take(RepliesPerPage).ToListAsync(ct);
        var names = await NamesAsync(db, replies.Select(r => r.AuthorId).Append(opening.AuthorId), ct);
        PostView View(Post p) => new(p.Id, p.AuthorId, Name(names, p.AuthorId, L), p.ReplyToId, p.IsOpening, p.DeletedUtc is not null,
            p.DeletedUtc is null ? p.Body : "", p.DeletedUtc is null ? Markdown.ToSafeHtml(p.Body) : "", p.CreatedUtc, p.EditedUtc, p.Revision,
            DeliberationPermissions.CanEdit(v.Membership, d, p, v.Units), DeliberationPermissions.CanDelete(v.Membership, d, p, v.Units));
        return new DiscussionView(d.Id, d.Title, d.UnitId, d.IsLocked, d.IsPinned, d.CreatedUtc, replyCount, View(opening),
            [.. replies.Select(View)], page, pages, DeliberationPermissions.CanReply(v.Membership, d, v.Units), DeliberationPermissions.CanModerate(v.Membership, d));
    }

    public static async Task<Outcome<Discussion>> CreateAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, int orgId, Viewer v,
        DiscussionInput input, DateTime now, CancellationToken ct)
    {
        if (Blank(input.Title) || input.Title.Length > MaxTitle) return Failure.Invalid("Give the discussion a title of up to 200 characters.", "title");
        if (Blank(input.Body) || input.Body.Length > MaxBody) return Failure.Invalid("Write the opening post, up to 20,000 characters.", "body");
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
        await NotifyMentionsAsync(db, notifier, L, d, post, v.PersonId, ct);
        return d;
    }

    public static async Task<Outcome<Post>> ReplyAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, int orgId, int discussionId, Viewer v,
        ReplyInput input, DateTime now, CancellationToken ct)
    {
        var d = await FindAsync(db, orgId, discussionId, v, ct);
        if (d is null) return Failure.NotFound("No such discussion.");
        if (Blank(input.Body) || input.Body.Length > MaxBody) return Failure.Invalid("Write a reply of up to 20,000 characters.", "body");
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
        var mentioned = await NotifyMentionsAsync(db, notifier, L, d, post, v.PersonId, ct);
        // Everyone who wrote in the thread hears of the reply, except its author and those told of a mention already.
        var participants = await db.Posts.AsNoTracking().Where(p => p.DiscussionId == d.Id && p.DeletedUtc == null).Select(p => p.AuthorId).Distinct().ToListAsync(ct);
        var audience = await AudienceAsync(db, d, participants.Where(p => p != v.PersonId && !mentioned.Contains(p)), ct);
        var replier = (await NamesAsync(db, [v.PersonId], ct)).GetValueOrDefault(v.PersonId) ?? "";
        await notifier.NotifyAsync(audience, $"discussion-reply:{post.Id}",
            () => new NotificationText(L["{0} replied in a discussion you took part in", replier], L["Open the discussion to read the reply."], Link(d)), ct);
        return post;
    }

    public static string Link(Discussion d) => $"organizations/{d.OrganizationId}/discussions/{d.Id}";

    /// Of the given people, those who may see the thread now.
    static async Task<List<string>> AudienceAsync(AppDbContext db, Discussion d, IEnumerable<string> people, CancellationToken ct)
    {
        var ids = people.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return [];
        var members = await db.Memberships.AsNoTracking().Include(m => m.Placements).Include(m => m.OrganizerScopes)
            .Where(m => m.OrganizationId == d.OrganizationId && m.Status == MembershipStatus.Active && ids.Contains(m.PersonId)).ToListAsync(ct);
        return [.. members.Where(m => DeliberationPermissions.CanSee(m, d, m.Placements.Select(p => p.UnitId))).Select(m => m.PersonId)];
    }

    /// Tells the members a post names, once per post and person (the notification key), if they may see the thread.
    static async Task<HashSet<string>> NotifyMentionsAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, Discussion d, Post post, string authorId, CancellationToken ct)
    {
        var names = Markdown.Mentions(post.Body);
        var told = new HashSet<string>(StringComparer.Ordinal);
        if (names.Count == 0) return told;
        var members = await db.Memberships.AsNoTracking().Include(m => m.Placements).Include(m => m.OrganizerScopes)
            .Where(m => m.OrganizationId == d.OrganizationId && m.Status == MembershipStatus.Active)
            .Join(db.Users, m => m.PersonId, p => p.Id, (m, p) => new { m, p.DisplayName }).ToListAsync(ct);
        var targets = members.Where(x => x.m.PersonId != authorId && names.Contains(x.DisplayName.Trim())
                && DeliberationPermissions.CanSee(x.m, d, x.m.Placements.Select(p => p.UnitId)))
            .Select(x => x.m.PersonId).ToList();
        if (targets.Count == 0) return told;
        var author = members.FirstOrDefault(x => x.m.PersonId == authorId)?.DisplayName ?? "";
        await notifier.NotifyAsync(targets, $"discussion-mention:{post.Id}",
            () => new NotificationText(L["{0} mentioned you in a discussion", author], L["Open the discussion to read it."], Link(d)), ct);
        told.UnionWith(targets);
        return told;
    }

    static async Task<(Discussion? D, Post? P)> LoadPostAsync(AppDbContext db, int orgId, int discussionId, int postId, Viewer v, CancellationToken ct)
    {
        var d = await FindAsync(db, orgId, discussionId, v, ct);
        if (d is null) return (null, null);
        var p = await db.Posts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == postId && x.DiscussionId == discussionId, ct);
        return (d, p);
    }

    public static async Task<Outcome<Post>> EditAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, int orgId, int discussionId, int postId, Viewer v,
        EditPostInput input, DateTime now, CancellationToken ct)
    {
        var (d, p) = await LoadPostAsync(db, orgId, discussionId, postId, v, ct);
        if (d is null || p is null) return Failure.NotFound("No such post.");
        if (Blank(input.Body) || input.Body.Length > MaxBody) return Failure.Invalid("Write the post, up to 20,000 characters.", "body");
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
        await NotifyMentionsAsync(db, notifier, L, d, p, v.PersonId, ct);
        return p;
    }

    /// Soft deletion: the post stays in place as "deleted"; its words (and their earlier versions) are wiped.
    public static async Task<Outcome<Post>> DeleteAsync(AppDbContext db, int orgId, int discussionId, int postId, Viewer v, DateTime now, CancellationToken ct)
    {
        var (d, p) = await LoadPostAsync(db, orgId, discussionId, postId, v, ct);
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

    public static async Task<Outcome<List<PostRevisionView>>> HistoryAsync(AppDbContext db, int orgId, int discussionId, int postId, Viewer v, IStringLocalizer L, CancellationToken ct)
    {
        var (d, p) = await LoadPostAsync(db, orgId, discussionId, postId, v, ct);
        if (d is null || p is null) return Failure.NotFound("No such post.");
        var revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == postId).OrderBy(r => r.Number).ToListAsync(ct);
        var names = await NamesAsync(db, revisions.Select(r => r.EditorId), ct);
        return revisions.Select(r => new PostRevisionView(r.Number, r.Body, Name(names, r.EditorId, L), r.AtUtc)).ToList();
    }

    public static async Task<Outcome<Discussion>> ModerateAsync(AppDbContext db, int orgId, int discussionId, Viewer v, ModerationInput input, DateTime now, CancellationToken ct)
    {
        var d = await FindAsync(db, orgId, discussionId, v, ct);
        if (d is null) return Failure.NotFound("No such discussion.");
        if (input.Locked is null && input.Pinned is null) return Failure.Invalid("Say whether to lock or pin the discussion.", "locked");
        if (!DeliberationPermissions.CanModerate(v.Membership, d)) return Failure.Forbidden("Only the organizers of this discussion may lock or pin it.");
        var locked = input.Locked ?? d.IsLocked;
        var pinned = input.Pinned ?? d.IsPinned;
        await db.Discussions.Where(x => x.Id == d.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsLocked, locked).SetProperty(x => x.IsPinned, pinned), ct);
        d.IsLocked = locked;
        d.IsPinned = pinned;
        return d;
    }
}
