namespace Groundwork.Tally.Simple;

/// Cumulative and dot voting: each voter spreads up to <c>pointsPerVoter</c> points over the candidates,
/// as they like (cumulative) or with at most <c>maxPerCandidate</c> on any one (dot voting, where the
/// limit is often 1 or 2 dots per option). The candidates with the most points win.
public static class Cumulative
{
    /// A ballot that spends more than its points, puts more than the limit on one candidate, or gives a
    /// negative number is set aside as invalid as a whole: scaling it down would be guessing the voter's will.
    public static TallyResult Count(IReadOnlyList<string> candidates, IEnumerable<PointsBallot> ballots, int pointsPerVoter,
        int seats = 1, int? maxPerCandidate = null, int seed = 0)
    {
        Standings.CheckSeats(seats, candidates.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointsPerVoter);
        var counts = new decimal[candidates.Count];
        decimal blank = 0, invalid = 0;
        foreach (var ballot in ballots)
        {
            Standings.CheckWeight(ballot.Weight);
            if (ballot.Points.Length != candidates.Count)
                throw new ArgumentException($"A points ballot has {ballot.Points.Length} entries for {candidates.Count} candidates.", nameof(ballots));
            long spent = 0;
            var valid = true;
            foreach (var p in ballot.Points)
            {
                if (p < 0 || p > maxPerCandidate) valid = false;
                spent += p;
            }
            if (!valid || spent > pointsPerVoter) { invalid += ballot.Weight; continue; }
            if (spent == 0) { blank += ballot.Weight; continue; }
            for (var c = 0; c < counts.Length; c++) counts[c] += (decimal)ballot.Points[c] * ballot.Weight;
        }
        return Plurality.Finish(maxPerCandidate is null ? "cumulative" : "dot", candidates, seats, counts, blank, invalid, seed);
    }
}
