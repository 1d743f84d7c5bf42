using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Deliberation;

/// Who hears of a post: the members it mentions and the thread's participants, only if they may see the thread.
public static class DiscussionNotices
{
    /// Of the given people, those who may see the thread now.
    internal static async Task<List<string>> AudienceAsync(AppDbContext db, Discussion d, IEnumerable<string> people, CancellationToken ct)
    {
        var ids = people.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return [];
        var members = await db.Memberships.AsNoTracking().Include(m => m.Placements).Include(m => m.OrganizerScopes)
            .Where(m => m.OrganizationId == d.OrganizationId && m.Status == MembershipStatus.Active && ids.Contains(m.PersonId)).ToListAsync(ct);
        return [.. members.Where(m => DeliberationPermissions.CanSee(m, d, m.Placements.Select(p => p.UnitId))).Select(m => m.PersonId)];
    }

    /// Tells the members a post names, once per post and person (the notification key), if they may see the thread.
    internal static async Task<HashSet<string>> NotifyMentionsAsync(AppDbContext db, Notifier notifier, IStringLocalizer L, Discussion d, Post post, string authorId, CancellationToken ct)
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
            () => new NotificationText(L["{0} mentioned you in a discussion", author], L["Open the discussion to read it."], DiscussionQueries.Link(d)), ct);
        told.UnionWith(targets);
        return told;
    }
}
