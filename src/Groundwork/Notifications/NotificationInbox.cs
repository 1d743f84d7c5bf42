using System.ComponentModel.DataAnnotations;
using Groundwork.Auth;
using Groundwork.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Notifications;

public sealed record NotificationView(long Id, string Title, string Body, string? Link, DateTime CreatedUtc, DateTime? ReadUtc);

public sealed record NotificationList(List<NotificationView> Items, int Unread);

/// Which notifications to mark read: the listed ones, or all of them.
public sealed record MarkReadInput(long[]? Ids, bool All = false) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!All && (Ids is null || Ids.Length == 0))
            yield return new ValidationResult("Say which notifications to mark as read, or all of them.", [nameof(Ids)]);
        else if (Ids is { Length: > NotificationInbox.PageSize * 4 })
            yield return new ValidationResult("Mark at most 200 notifications at a time, or all of them.", [nameof(Ids)]);
    }
}

/// A person's notifications: the latest page, the unread count, marking them read.
public static class NotificationInbox
{
    public const int PageSize = 50;

    /// The latest notifications of the caller (before <paramref name="before"/>, an id, for the next page).
    public static async Task<NotificationList> ListAsync(AppDbContext db, string personId, long? before, CancellationToken ct)
    {
        var q = db.Notifications.AsNoTracking().Where(n => n.PersonId == personId);
        if (before is { } b) q = q.Where(n => n.Id < b);
        var items = await q.OrderByDescending(n => n.Id).Take(PageSize)
            .Select(n => new NotificationView(n.Id, n.Title, n.Body, n.Link, n.CreatedUtc, n.ReadUtc)).ToListAsync(ct);
        return new NotificationList(items, await UnreadAsync(db, personId, ct));
    }

    public static Task<int> UnreadAsync(AppDbContext db, string personId, CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.PersonId == personId && n.ReadUtc == null, ct);

    public static Task<int> MarkReadAsync(AppDbContext db, string personId, long[]? ids, bool all, DateTime now, CancellationToken ct)
    {
        var q = db.Notifications.Where(n => n.PersonId == personId && n.ReadUtc == null);
        if (!all) q = q.Where(n => (ids ?? Array.Empty<long>()).Contains(n.Id));
        return q.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), ct);
    }
}
