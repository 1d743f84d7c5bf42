namespace Groundwork.Decisions;

/// discussions, polls, motions, elections, secret ballots (issue #5): the services and endpoints this capability adds to the app.
public static class DecisionsModule
{
    public static IServiceCollection AddDecisions(this IServiceCollection services, IConfiguration config) => services;

    public static WebApplication MapDecisions(this WebApplication app) => app;
}
