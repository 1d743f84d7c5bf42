namespace Groundwork.Tally.Formats;

/// A ballot file that cannot be read: which file, which line (1-based; 0 when the problem is the file as a
/// whole) and what is wrong, worded for the person who produced the file.
public sealed class BallotFormatException(string file, long line, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}

/// The outcome of reading a ballot file: the election, or the error, never both.
public sealed record BallotReadResult(Election? Election, BallotFormatException? Error)
{
    public bool Ok => Election is not null;
}

/// A BLT file read for STV: the merged preference lists, the seats and the title.
public sealed record StvBallots(Stv.PreferenceTable Table, int Seats, string? Title);

/// The outcome of <see cref="Blt.ReadForStv"/>: the ballots, or the error, never both.
public sealed record StvReadResult(StvBallots? Ballots, BallotFormatException? Error);

/// A file read for the pairwise methods (Schulze, ranked pairs): the candidates, the seats, the withdrawn
/// candidates and the pairwise matrix counted from the merged ballots (d[i·n + j]: weight ranking i above j).
public sealed record PairwiseBallots(IReadOnlyList<string> Candidates, int Seats, IReadOnlySet<int> Withdrawn, long[] Pairwise)
{
    public string? Title { get; init; }
}

/// The outcome of <see cref="Blt.ReadForPairwise"/>: the ballots, or the error, never both.
public sealed record PairwiseReadResult(PairwiseBallots? Ballots, BallotFormatException? Error);
