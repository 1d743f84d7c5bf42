using Groundwork.Accounts;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

/// What the viewer may read: the threads, one thread a page at a time, a post's edit history, and who wrote them.
public static class DiscussionQueries
{
    public const int ThreadsPerPage = 25;
    public const int RepliesPerPage = 50;

    public static async Task<Viewer?> ViewerAsync(AppDbContext db, Membership? m, CancellationToken ct)
    {
        if (m is null || !m.IsActive) return null;
        var units = await db.UnitPlacements.AsNoTracking().Where(p => p.MembershipId == m.Id).Select(p => p.UnitId).ToArrayAsync(ct);
        return new Viewer(m, units);
    }

    internal static string Name(DisplayNames names, string id, IStringLocalizer L) => names.Find(id) ?? L["Former member"];

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
        var names = await DisplayNames.LoadAsync(db, rows.Select(r => r.AuthorId), ct);
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
        var names = await DisplayNames.LoadAsync(db, replies.Select(r => r.AuthorId).Append(opening.AuthorId), ct);
        PostView View(Post p) => new(p.Id, p.AuthorId, Name(names, p.AuthorId, L), p.ReplyToId, p.IsOpening, p.DeletedUtc is not null,
            p.DeletedUtc is null ? p.Body : "", p.DeletedUtc is null ? Markdown.ToSafeHtml(p.Body) : "", p.CreatedUtc, p.EditedUtc, p.Revision,
            DeliberationPermissions.CanEdit(v.Membership, d, p, v.Units), DeliberationPermissions.CanDelete(v.Membership, d, p, v.Units));
        return new DiscussionView(d.Id, d.Title, d.UnitId, d.IsLocked, d.IsPinned, d.CreatedUtc, replyCount, View(opening),
            [.. replies.Select(View)], page, pages, DeliberationPermissions.CanReply(v.Membership, d, v.Units), DeliberationPermissions.CanModerate(v.Membership, d));
    }

    internal static async Task<(Discussion? D, Post? P)> LoadPostAsync(AppDbContext db, int orgId, int discussionId, int postId, Viewer v, CancellationToken ct)
    {
        var d = await FindAsync(db, orgId, discussionId, v, ct);
        if (d is null) return (null, null);
        var p = await db.Posts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == postId && x.DiscussionId == discussionId, ct);
        return (d, p);
    }

    public static async Task<Outcome<List<PostRevisionView>>> HistoryAsync(AppDbContext db, int orgId, int discussionId, int postId, Viewer v, IStringLocalizer L, CancellationToken ct)
    {
        var (d, p) = await LoadPostAsync(db, orgId, discussionId, postId, v, ct);
        if (d is null || p is null) return Failure.NotFound("No such post.");
        var revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == postId).OrderBy(r => r.Number).ToListAsync(ct);
        var names = await DisplayNames.LoadAsync(db, revisions.Select(r => r.EditorId), ct);
        return revisions.Select(r => new PostRevisionView(r.Number, r.Body, Name(names, r.EditorId, L), r.AtUtc)).ToList();
    }

    public static string Link(Discussion d) => $"organizations/{d.OrganizationId}/discussions/{d.Id}";
}
