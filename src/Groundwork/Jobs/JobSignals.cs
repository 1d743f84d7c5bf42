using System.Collections.Concurrent;

namespace Groundwork.Jobs;

/// The wake-ups of <see cref="JobRunner"/>'s loops, apart from the runner so that whatever queues work (the notifier,
/// an operation) can wake a job without depending on the runner, which depends on every job: no cycle in the container.
public sealed class JobSignals
{
    readonly ConcurrentDictionary<string, SemaphoreSlim> signals = new(StringComparer.Ordinal);

    /// Ends the wait of the named job's loop at once (new work was queued). Several wakes before the loop looks are one.
    public void Wake(string name)
    {
        var signal = Of(name);
        if (signal.CurrentCount == 0) signal.Release();
    }

    internal SemaphoreSlim Of(string name) => signals.GetOrAdd(name, _ => new SemaphoreSlim(0));
}
