namespace Groundwork.Tally.Simple;

/// Approval voting: each voter marks every candidate they approve of; the most approved win.
public static class Approval
{
    public static TallyResult Count(IReadOnlyList<string> candidates, IEnumerable<MarkBallot> ballots, int seats = 1, int seed = 0)
    {
        Standings.CheckSeats(seats, candidates.Count);
        var counts = new decimal[candidates.Count];
        decimal blank = 0;
        var seen = new bool[candidates.Count];
        foreach (var ballot in ballots)
        {
            Standings.CheckWeight(ballot.Weight);
            Array.Clear(seen);
            var marked = false;
            foreach (var c in ballot.Marks)
            {
                Standings.CheckCandidate(c, candidates.Count);
                if (seen[c]) continue;
                seen[c] = true;
                marked = true;
                counts[c] += ballot.Weight;
            }
            if (!marked) blank += ballot.Weight;
        }
        return Plurality.Finish("approval", candidates, seats, counts, blank, 0m, seed);
    }

    /// Ranked input: every candidate the voter ranked at all is approved (up to an overvote).
    public static TallyResult Count(Election election, int seed = 0) =>
        Count(election.Candidates, election.Ballots.Select(b => new MarkBallot(b.Weight, [.. RankedInput.Tiers(b).SelectMany(t => t)])), election.Seats, seed);
}
