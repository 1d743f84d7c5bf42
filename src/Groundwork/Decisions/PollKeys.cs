namespace Groundwork.Decisions;

/// The name of a secret poll's sealing key in <see cref="SealedKeys"/>: made at open, destroyed after close.
public static class PollKeys
{
    public static string Name(int pollId) => $"poll-{pollId}";
}
