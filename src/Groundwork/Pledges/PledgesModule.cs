namespace Groundwork.Pledges;

/// threshold pledges (issue #6): the services and endpoints this capability adds to the app.
public static class PledgesModule
{
    public static IServiceCollection AddPledges(this IServiceCollection services, IConfiguration config) => services;

    public static WebApplication MapPledges(this WebApplication app) => app;
}
