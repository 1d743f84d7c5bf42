namespace Groundwork.Jobs;

/// The runner of timed and background work, registered once; each feature registers its own jobs with
/// <see cref="AddJob{TJob}"/>.
public static class JobsModule
{
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobSignals>();
        // Resolvable as itself too: a test stops the runner to decide when a pass happens.
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }

    /// The job as a singleton of its own type (tests and callers resolve it to run a pass) and as one of the runner's jobs.
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services) where TJob : class, IRecurringJob
    {
        services.AddSingleton<TJob>();
        services.AddSingleton<IRecurringJob>(sp => sp.GetRequiredService<TJob>());
        return services;
    }
}
