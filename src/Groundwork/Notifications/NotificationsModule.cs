using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Notifications;

/// In-app and email notifications: the services and endpoints this capability adds to the app.
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.AddJob<NotificationOutbox>();
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

    static async Task<Ok<NotificationList>> List(long? before, HttpContext http, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await NotificationInbox.ListAsync(db, http.User.PersonId()!, before, ct));

    static async Task<Results<Ok<NotificationList>, ProblemHttpResult>> MarkRead(MarkReadInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var me = http.User.PersonId()!;
        await NotificationInbox.MarkReadAsync(db, me, input.Ids, input.All, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(await NotificationInbox.ListAsync(db, me, null, ct));
    }
}
