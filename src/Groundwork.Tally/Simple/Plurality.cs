namespace Groundwork.Tally.Simple;

/// Plurality (first past the post) and, with more than one seat, block voting: each voter marks up to as
/// many candidates as there are seats, and the candidates with the most marks win.
public static class Plurality
{
    /// Marks-based count. A ballot marking more candidates than there are seats is an overvote and is set
    /// aside as invalid (it is not counted for any candidate); a ballot with no mark is blank.
    public static TallyResult Count(IReadOnlyList<string> candidates, IEnumerable<MarkBallot> ballots, int seats = 1, int seed = 0) =>
        Count(candidates, ballots.Select(b => (b.Weight, (int[]?)b.Marks)), seats, seed);

    /// Ranked input (a BLT, CSV or JSON file): a voter's marks are the candidates in their first
    /// <c>Seats</c> positions. When an equal ranking or an overvote straddles that cut (two candidates
    /// ranked equal first on a one-seat ballot) we cannot tell whom the voter meant: the ballot is invalid.
    public static TallyResult Count(Election election, int seed = 0) =>
        Count(election.Candidates, election.Ballots.Select(b => (b.Weight, Leading(b, election.Seats))), election.Seats, seed);

    /// Null marks: an overvote found while reading a ranked ballot.
    static TallyResult Count(IReadOnlyList<string> candidates, IEnumerable<(long Weight, int[]? Marks)> ballots, int seats, int seed)
    {
        Standings.CheckSeats(seats, candidates.Count);
        var counts = new decimal[candidates.Count];
        decimal blank = 0, invalid = 0;
        var seen = new bool[candidates.Count];
        foreach (var (weight, marks) in ballots)
        {
            Standings.CheckWeight(weight);
            if (marks is null) { invalid += weight; continue; }
            Array.Clear(seen);
            var marked = 0;
            foreach (var c in marks)
            {
                Standings.CheckCandidate(c, candidates.Count);
                if (!seen[c]) { seen[c] = true; marked++; }
            }
            if (marked == 0) { blank += weight; continue; }
            if (marked > seats) { invalid += weight; continue; }
            for (var c = 0; c < seen.Length; c++) if (seen[c]) counts[c] += weight;
        }
        return Finish(seats == 1 ? "plurality" : "block", candidates, seats, counts, blank, invalid, seed);
    }

    static int[]? Leading(RankedBallot ballot, int seats)
    {
        var marks = new List<int>();
        foreach (var tier in ballot.Ranking)
        {
            if (marks.Count == seats) break;
            if (tier.Length == 0) continue;
            if (Array.IndexOf(tier, RankedBallot.Overvote) >= 0 || marks.Count + tier.Length > seats) return null;
            marks.AddRange(tier);
        }
        return [.. marks];
    }

    internal static TallyResult Finish(string method, IReadOnlyList<string> candidates, int seats, decimal[] counts, decimal blank, decimal invalid, int seed)
    {
        var result = new TallyResult { Method = method, Candidates = candidates, Seats = seats };
        result.Counts = Standings.AsCounts(counts);
        result.Blank = blank;
        result.Invalid = invalid;
        var tiers = Standings.ByCount(candidates.Count, counts);
        result.Ranking = tiers;
        Standings.Elect(result, tiers, seats, new Lot(seed));
        return result;
    }
}
