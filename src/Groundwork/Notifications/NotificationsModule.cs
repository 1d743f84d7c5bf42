using Groundwork.Auth;
using Groundwork.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Notifications;

public sealed record NotificationView(long Id, string Title, string Body, string? Link, DateTime CreatedUtc, DateTime? ReadUtc);

public sealed record NotificationList(List<NotificationView> Items, int Unread);

/// Which notifications to mark read: the listed ones, or all of them.
public sealed record MarkReadInput(long[]? Ids, bool All = false);

/// In-app and email notifications: the services and endpoints this capability adds to the app.
public static class NotificationsModule
{
    public const int PageSize = 50;

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<NotificationOutbox>();
        if (!string.Equals(config["Groundwork:Notifications:Outbox"], "off", StringComparison.OrdinalIgnoreCase))
            services.AddHostedService(sp => sp.GetRequiredService<NotificationOutbox>());
        services.AddSingleton<Notifier>();
        return services;
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        var g = app.MapGroup("/api/v1/me/notifications").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        g.MapGet("/", List).WithName("ListNotifications");
        g.MapPost("/read", MarkRead).WithName("MarkNotificationsRead");
        return app;
    }

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

    static async Task<Ok<NotificationList>> List(long? before, HttpContext http, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, http.User.PersonId()!, before, ct));

    static async Task<Results<Ok<NotificationList>, ProblemHttpResult>> MarkRead(MarkReadInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!input.All && (input.Ids is null || input.Ids.Length == 0))
            return Web.Failure.Invalid("Say which notifications to mark as read, or all of them.", "ids").ToProblem();
        if (input.Ids is { Length: > PageSize * 4 })
            return Web.Failure.Invalid("Mark at most 200 notifications at a time, or all of them.", "ids").ToProblem();
        var me = http.User.PersonId()!;
        await MarkReadAsync(db, me, input.Ids, input.All, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(await ListAsync(db, me, null, ct));
    }
}
