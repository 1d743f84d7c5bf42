using Groundwork.Jobs;

namespace Groundwork.Decisions;

/// Polls, elections and secret ballots (issue #5; discussions and motions are Deliberation's): the services and
/// endpoints this capability adds to the app.
public static class DecisionsModule
{
    public static IServiceCollection AddDecisions(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<CreatePoll>();
        services.AddScoped<UpdatePoll>();
        services.AddScoped<PollLifecycle>();
        services.AddScoped<CastVote>();
        services.AddScoped<NominateCandidate>();
        services.AddScoped<AnswerNomination>();
        services.AddScoped<PollQueries>();
        services.AddSingleton<SecretBox.SqliteQueue>();
        services.AddJob<PollClock>();
        return services;
    }

    public static WebApplication MapDecisions(this WebApplication app)
    {
        app.MapDecisionsApi();
        return app;
    }
}
