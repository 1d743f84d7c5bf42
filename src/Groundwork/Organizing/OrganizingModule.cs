using Groundwork.Jobs;

namespace Groundwork.Organizing;

/// Contacts, one-on-ones, assessments, relationships, leaders and the wall chart (issue #4): the services and endpoints
/// this capability adds to the app.
public static class OrganizingModule
{
    public static IServiceCollection AddOrganizing(this IServiceCollection services, IConfiguration config)
    {
        services.AddJob<NoteRetention>();
        return services;
    }

    public static WebApplication MapOrganizing(this WebApplication app)
    {
        app.MapOrganizingApi();
        return app;
    }
}
