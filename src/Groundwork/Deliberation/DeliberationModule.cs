namespace Groundwork.Deliberation;

/// Discussions and motions with amendments (issue #5): the services and endpoints this capability adds.
public static class DeliberationModule
{
    public static IServiceCollection AddDeliberation(this IServiceCollection services, IConfiguration config) => services;

    public static WebApplication MapDeliberation(this WebApplication app) => app;
}
