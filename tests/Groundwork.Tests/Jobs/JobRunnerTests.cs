using System.Diagnostics;
using Groundwork.Jobs;
using Groundwork.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Groundwork.Tests.Jobs;

/// The runner's one policy, on jobs of the test's own: a failed pass is logged without its message and retried on the
/// next pass while the other jobs keep running; a switched-off job never runs; a wake ends the wait at once.
/// No test waits a fixed time: each waits for what it expects until a generous deadline.
public sealed class JobRunnerTests
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    sealed class Job(string name, TimeSpan interval, Func<int, int>? pass = null, bool drain = false) : IRecurringJob
    {
        int passes;
        public string Name => name;
        public TimeSpan Interval => interval;
        public bool Drain => drain;
        public int Passes => Volatile.Read(ref passes);

        public Task<int> RunOnceAsync(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref passes);
            return Task.FromResult(pass?.Invoke(n) ?? 0);
        }
    }

    sealed class Run : IAsyncDisposable
    {
        readonly ILoggerFactory logging;
        public LogSink Logs { get; } = new();
        public JobSignals Signals { get; } = new();
        public JobRunner Runner { get; }

        public Run(Dictionary<string, string?> settings, params IRecurringJob[] jobs)
        {
            logging = LoggerFactory.Create(b => b.AddProvider(Logs));
            var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            Runner = new JobRunner(jobs, Signals, TimeProvider.System, config, logging.CreateLogger<JobRunner>());
        }

        public Task StartAsync() => Runner.StartAsync(default);

        public async ValueTask DisposeAsync()
        {
            await Runner.StopAsync(default);
            Runner.Dispose();
            logging.Dispose();
        }
    }

    static async Task UntilAsync(Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > Deadline) Assert.Fail("Gave up waiting: " + what);
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_job_that_throws_is_retried_on_its_next_pass_and_the_others_keep_running()
    {
        var flaky = new Job("Flaky", TimeSpan.FromMilliseconds(10),
            n => n <= 2 ? throw new InvalidOperationException("canary-personal@example.org") : 0);
        var steady = new Job("Steady", TimeSpan.FromMilliseconds(10));
        await using var run = new Run([], flaky, steady);
        await run.StartAsync();

        await UntilAsync(() => flaky.Passes >= 3 && steady.Passes >= 3, "a third pass of both jobs");

        var failures = run.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, l => Assert.Contains("Flaky", l, StringComparison.Ordinal));
        Assert.Contains(failures, l => l.Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
        Assert.DoesNotContain(run.Logs.Lines, l => l.Contains("canary-personal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_switched_off_job_never_runs()
    {
        var off = new Job("Off", TimeSpan.FromMilliseconds(10));
        var on = new Job("On", TimeSpan.FromMilliseconds(10));
        await using (var run = new Run(new() { ["Groundwork:Jobs:Off"] = "off" }, off, on))
        {
            await run.StartAsync();
            await UntilAsync(() => on.Passes >= 5, "five passes of the job that is on");
        }
        Assert.Equal(0, off.Passes);

        // The switch for all of them: the runner ends at once and nothing ran.
        var any = new Job("Any", TimeSpan.FromMilliseconds(10));
        await using var none = new Run(new() { ["Groundwork:Jobs:Enabled"] = "false" }, any);
        await none.StartAsync();
        await (none.Runner.ExecuteTask ?? Task.CompletedTask).WaitAsync(Deadline);
        Assert.Equal(0, any.Passes);
    }

    [Fact]
    public async Task A_wake_cuts_the_wait_short_and_a_drained_queue_runs_again_without_waiting()
    {
        // An hour's interval: a second pass within the test's deadline can only come from the wake.
        var woken = new Job("Woken", TimeSpan.FromHours(1));
        // A queue with three batches: each pass that did something is followed at once by another.
        var queue = new Job("Queue", TimeSpan.FromHours(1), n => n <= 3 ? 1 : 0, drain: true);
        await using var run = new Run([], woken, queue);
        await run.StartAsync();

        await UntilAsync(() => woken.Passes == 1, "the first pass");
        run.Signals.Wake("Woken");
        await UntilAsync(() => woken.Passes == 2, "the pass the wake asked for");
        await UntilAsync(() => queue.Passes == 4, "the queue drained in four passes");
        Assert.Equal(2, woken.Passes);
    }
}
