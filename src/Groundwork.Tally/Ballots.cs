namespace Groundwork.Tally;

/// A ranked ballot: <see cref="Ranking"/> lists tiers of candidate indexes (0-based), most preferred first;
/// a tier with more than one index is an equal ranking. <see cref="Weight"/> is how many identical ballots
/// (or how many members a delegate carries) this entry stands for.
public sealed record RankedBallot(long Weight, int[][] Ranking)
{
    public static RankedBallot Strict(long weight, params int[] order) =>
        new(weight, [.. order.Select(c => new[] { c })]);
}

/// An election as the counting methods see it: candidate names, seats, and the ballots.
public sealed record Election(IReadOnlyList<string> Candidates, int Seats, IReadOnlyList<RankedBallot> Ballots)
{
    public string? Title { get; init; }
    /// Candidates withdrawn before the count (BLT's negative-number line): never elected, votes pass on.
    public IReadOnlySet<int> Withdrawn { get; init; } = new HashSet<int>();
}
