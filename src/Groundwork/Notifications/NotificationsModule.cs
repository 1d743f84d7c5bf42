namespace Groundwork.Notifications;

/// in-app and email notifications: the services and endpoints this capability adds to the app.
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config) => services;

    public static WebApplication MapNotifications(this WebApplication app) => app;
}
