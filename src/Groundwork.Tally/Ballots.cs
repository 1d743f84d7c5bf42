namespace Groundwork.Tally;

/// A ranked ballot: <see cref="Ranking"/> lists tiers of candidate indexes (0-based), most preferred first;
/// a tier with more than one index is an equal ranking. <see cref="Weight"/> is how many identical ballots
/// (or how many members a delegate carries) this entry stands for.
public sealed record RankedBallot(long Weight, int[][] Ranking)
{
    /// Marks a rank where the voter chose several candidates (RCTab's `overvote` label); a tier holding only
    /// this value is an overvote. An empty tier is a skipped rank (`undervote`). IRV rules decide what both
    /// mean; STV methods end the ballot at an overvote and pass over skipped ranks.
    public const int Overvote = -1;

    public static RankedBallot Strict(long weight, params int[] order) =>
        new(weight, [.. order.Select(c => new[] { c })]);
}

/// An election as the counting methods see it: candidate names, seats, and the ballots.
public sealed record Election(IReadOnlyList<string> Candidates, int Seats, IReadOnlyList<RankedBallot> Ballots)
{
    public string? Title { get; init; }
    /// Candidates withdrawn before the count (BLT's negative-number line): never elected, votes pass on.
    public IReadOnlySet<int> Withdrawn { get; init; } = new HashSet<int>();
    /// The index of RCTab's "Undeclared Write-ins" pseudo-candidate, when the ballots name one (`UWI`):
    /// IRV drops it first and it can never win.
    public int? UndeclaredWriteIn { get; init; }
    /// Score ballots, when the file carries scores (JSON's "scale" and "scores"); null for ranked-only files.
    /// Each entry has one score per candidate, in <see cref="Candidates"/> order; null is a candidate left unscored.
    public IReadOnlyList<Simple.ScoreBallot>? ScoreBallots { get; init; }
    /// The score scale the file declares, present exactly when <see cref="ScoreBallots"/> is.
    public (int Min, int Max)? ScoreScale { get; init; }
}
