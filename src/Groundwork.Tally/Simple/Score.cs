namespace Groundwork.Tally.Simple;

/// Score (range) voting: each voter gives each candidate a score from <c>min</c> to <c>max</c>.
/// With <see cref="BlankScore.Minimum"/> the highest total wins; with <see cref="BlankScore.Ignored"/> the
/// highest average of the scores actually given wins, compared exactly (as fractions, never rounded).
public static class Score
{
    public static TallyResult Count(IReadOnlyList<string> candidates, IEnumerable<ScoreBallot> ballots, int min, int max,
        int seats = 1, BlankScore blanks = BlankScore.Minimum, int seed = 0)
    {
        Standings.CheckSeats(seats, candidates.Count);
        if (min > max) throw new ArgumentException($"The minimum score {min} is above the maximum {max}.", nameof(min));
        var n = candidates.Count;
        var sums = new decimal[n];
        var scored = new decimal[n];     // weight of ballots that scored each candidate (for averages)
        decimal blank = 0, invalid = 0;
        foreach (var ballot in ballots)
        {
            Standings.CheckWeight(ballot.Weight);
            if (ballot.Scores.Length != n)
                throw new ArgumentException($"A score ballot has {ballot.Scores.Length} entries for {n} candidates.", nameof(ballots));
            // One score out of range spoils the ballot: the voter misunderstood the scale, so no score on it is reliable.
            if (ballot.Scores.Any(s => s < min || s > max)) { invalid += ballot.Weight; continue; }
            if (ballot.Scores.All(s => s is null)) { blank += ballot.Weight; continue; }
            for (var c = 0; c < n; c++)
            {
                if (ballot.Scores[c] is { } s) { sums[c] += (decimal)s * ballot.Weight; scored[c] += ballot.Weight; }
                else if (blanks == BlankScore.Minimum) { sums[c] += (decimal)min * ballot.Weight; scored[c] += ballot.Weight; }
            }
        }
        var result = new TallyResult { Method = "score", Candidates = candidates, Seats = seats, Blank = blank, Invalid = invalid };
        List<int[]> tiers;
        if (blanks == BlankScore.Minimum)
        {
            result.Counts = Standings.AsCounts(sums);
            tiers = Standings.ByCount(n, sums);
        }
        else
        {
            // Averages are shown rounded, but ranked by cross-multiplying, so 1/3 and 0.33333 never compare equal.
            result.Counts = Enumerable.Range(0, n).ToDictionary(c => c, c => scored[c] == 0 ? 0m : Math.Round(sums[c] / scored[c], 6));
            tiers = Standings.Tiers(Enumerable.Range(0, n), (a, b) =>
                (scored[a] == 0, scored[b] == 0) switch
                {
                    (true, true) => 0,
                    (true, false) => 1,                  // nobody scored a: a ranks below b
                    (false, true) => -1,
                    // sums[a]/scored[a] > sums[b]/scored[b] ⇔ sums[a]·scored[b] > sums[b]·scored[a]
                    _ => (sums[b] * scored[a]).CompareTo(sums[a] * scored[b]),
                });
            result.Notes.Add("Blank scores ignored: candidates ranked by their average score; a candidate nobody scored ranks last.");
        }
        result.Ranking = tiers;
        Standings.Elect(result, tiers, seats, new Lot(seed));
        return result;
    }
}
