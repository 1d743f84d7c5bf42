namespace Groundwork.Organizing;

/// contacts, one-on-ones, assessments, the wall chart, structure tests (issue #4): the services and endpoints this capability adds to the app.
public static class OrganizingModule
{
    public static IServiceCollection AddOrganizing(this IServiceCollection services, IConfiguration config) => services;

    public static WebApplication MapOrganizing(this WebApplication app) => app;
}
