namespace Groundwork.Deliberation;

/// Discussions and motions with amendments: the services and endpoints this capability adds to the app.
public static class DeliberationModule
{
    public static IServiceCollection AddDeliberation(this IServiceCollection services, IConfiguration config) => services;

    public static WebApplication MapDeliberation(this WebApplication app)
    {
        app.MapDiscussionsApi();
        app.MapMotionsApi();
        return app;
    }
}
