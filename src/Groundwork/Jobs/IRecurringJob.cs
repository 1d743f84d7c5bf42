namespace Groundwork.Jobs;

/// Timed or background work (deadlines, reminders, retention, the outbox, escalations): one pass at a time, run by
/// <see cref="JobRunner"/>. A pass must be idempotent and safe on several nodes at once — every transition a
/// conditional UPDATE or a claim — because every node runs every job and a crash may repeat a pass. Tests call
/// <see cref="RunOnceAsync"/> directly with their own clock.
public interface IRecurringJob
{
    /// The job's name in logs and in its switch: <c>Groundwork:Jobs:&lt;Name&gt;</c> = <c>off</c>.
    string Name { get; }

    /// The wait after a pass (or less, when <see cref="JobRunner.Wake"/> is called).
    TimeSpan Interval { get; }

    /// True for a queue drained in passes (the outbox, imports): a pass that did something is followed at once by another.
    bool Drain => false;

    /// One pass; returns how much it did (0 when there was nothing to do).
    Task<int> RunOnceAsync(CancellationToken ct);
}
