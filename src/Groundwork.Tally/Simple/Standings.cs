namespace Groundwork.Tally.Simple;

/// Turns per-candidate counts into an order and fills the seats, drawing lots only at the cut.
internal static class Standings
{
    /// Candidates in tiers, best first; <paramref name="compare"/> is negative when its first argument ranks higher.
    public static List<int[]> Tiers(IEnumerable<int> candidates, Comparison<int> compare)
    {
        var sorted = candidates.ToList();
        // List.Sort is unstable; sorting by (compare, index) keeps ties in index order so results never
        // depend on the sort's internals.
        sorted.Sort((a, b) => compare(a, b) is var c && c != 0 ? c : a.CompareTo(b));
        var tiers = new List<int[]>();
        var start = 0;
        for (var k = 1; k <= sorted.Count; k++)
        {
            if (k < sorted.Count && compare(sorted[start], sorted[k]) == 0) continue;
            tiers.Add([.. sorted.GetRange(start, k - start)]);
            start = k;
        }
        return tiers;
    }

    public static List<int[]> ByCount(int n, IReadOnlyList<decimal> counts) =>
        Tiers(Enumerable.Range(0, n), (a, b) => counts[b].CompareTo(counts[a]));

    /// Elects whole tiers while they fit; the tier that straddles the last seat is ordered by lot.
    public static void Elect(TallyResult result, IReadOnlyList<int[]> tiers, int seats, Lot lot)
    {
        foreach (var tier in tiers)
        {
            var remaining = seats - result.Elected.Count;
            if (remaining <= 0) return;
            if (tier.Length <= remaining)
            {
                result.Elected.AddRange(tier);
                continue;
            }
            var reason = remaining == 1
                ? $"tie for the last seat among {tier.Length} candidates"
                : $"tie for the last {remaining} seats among {tier.Length} candidates";
            var drawn = lot.Order(result, reason, tier);
            result.Elected.AddRange(drawn.Take(remaining));
            return;
        }
    }

    public static void CheckSeats(int seats, int candidates)
    {
        if (seats < 1 || seats > candidates)
            throw new ArgumentOutOfRangeException(nameof(seats), seats, $"Seats must be between 1 and the number of candidates ({candidates}).");
    }

    public static void CheckWeight(long weight)
    {
        if (weight < 0) throw new ArgumentOutOfRangeException(nameof(weight), weight, "A ballot's weight cannot be negative.");
    }

    public static void CheckCandidate(int candidate, int candidates)
    {
        if ((uint)candidate >= (uint)candidates)
            throw new ArgumentOutOfRangeException(nameof(candidate), candidate, $"No candidate {candidate}: there are {candidates}.");
    }

    public static Dictionary<int, decimal> AsCounts(IReadOnlyList<decimal> counts) =>
        Enumerable.Range(0, counts.Count).ToDictionary(c => c, c => counts[c]);
}
