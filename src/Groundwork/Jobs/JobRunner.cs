namespace Groundwork.Jobs;

/// The one runner of timed and background work. Each <see cref="IRecurringJob"/> gets a loop: a pass, then a wait of
/// its interval (cut short by <see cref="JobSignals.Wake"/>). One error policy for all: a failed pass is logged with the job's name
/// and the exception's type and stack — never its message, which may quote personal data — and the next pass retries.
/// One switch: <c>Groundwork:Jobs:Enabled</c> = <c>false</c> stops them all, <c>Groundwork:Jobs:&lt;Name&gt;</c> = <c>off</c> one;
/// <c>Groundwork:Jobs:&lt;Name&gt;:Seconds</c> changes one job's interval.
///
/// Why not Quartz.NET: every timed thing here is already data — a deadline column, a status, a claim flag — and each
/// transition is a conditional UPDATE that any node may attempt. A scheduler with its own persistent store would keep
/// a second copy of that state (its own tables on both providers, outside the app's migrations) and would still need
/// the same conditional UPDATEs for exactly-once. A loop per job over the app's own rows is enough.
public sealed class JobRunner(IEnumerable<IRecurringJob> jobs, JobSignals signals, TimeProvider clock, IConfiguration config,
    ILogger<JobRunner> log) : BackgroundService
{
    public static bool IsOn(IConfiguration config, string name) =>
        !string.Equals(config["Groundwork:Jobs:Enabled"], "false", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(config[$"Groundwork:Jobs:{name}"], "off", StringComparison.OrdinalIgnoreCase);

    /// The job's own interval unless the configuration sets one, between a second and a day.
    public static TimeSpan IntervalOf(IConfiguration config, IRecurringJob job) =>
        config.GetValue<int?>($"Groundwork:Jobs:{job.Name}:Seconds") is { } seconds
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 86_400))
            : job.Interval;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Where(j => IsOn(config, j.Name)).Select(j => Task.Run(() => LoopAsync(j, stoppingToken), CancellationToken.None)));

    async Task LoopAsync(IRecurringJob job, CancellationToken stop)
    {
        var wake = signals.Of(job.Name);
        var interval = IntervalOf(config, job);
        while (!stop.IsCancellationRequested)
        {
            var done = 0;
            try
            {
                done = await job.RunOnceAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the one error policy of background work: log without the message, retry on the next pass
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogWarning("The {Job} pass failed with {Error}; the next pass retries.{NewLine}{Stack}", job.Name, e.GetType().Name,
                    Environment.NewLine, e.StackTrace);
            }
            if (done > 0 && job.Drain) continue;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            try
            {
                await Task.WhenAny(Task.Delay(interval, clock, wait.Token), wake.WaitAsync(wait.Token));
            }
            finally
            {
                await wait.CancelAsync();
            }
        }
    }
}
