namespace Groundwork.Tally.Condorcet;

/// Ranked pairs (Tideman 1987): lock the majorities from strongest to weakest, skipping any that would
/// close a cycle; the order of the locked graph is the result. Pairs of equal strength, and candidates
/// left tied, are ordered by a tie-breaking ranking of the candidates drawn by lot (Zavist and Tideman
/// 1989), drawn only when it is needed and then recorded.
public static class RankedPairs
{
    public static TallyResult Count(Election election, Strength strength = Strength.WinningVotes, int seed = 0)
    {
        var d = Pairwise.Count(election);
        return FromPairwise(election.Candidates, d, election.Seats, strength, seed, election.Withdrawn);
    }

    public static TallyResult FromPairwise(IReadOnlyList<string> candidates, long[] d, int seats = 1,
        Strength strength = Strength.WinningVotes, int seed = 0, IReadOnlySet<int>? withdrawn = null)
    {
        var n = candidates.Count;
        if (d.Length != n * n) throw new ArgumentException($"A pairwise matrix for {n} candidates has {n * n} entries, not {d.Length}.", nameof(d));
        int[] active = [.. Enumerable.Range(0, n).Where(c => withdrawn?.Contains(c) != true)];
        Simple.Standings.CheckSeats(seats, active.Length);
        var result = new TallyResult
        {
            Method = strength == Strength.WinningVotes ? "ranked-pairs" : "ranked-pairs-margins",
            Candidates = candidates,
            Seats = seats,
            Pairwise = Pairwise.ToMatrix(d, n),
        };
        var lot = new Lot(seed);
        int[]? tieBreak = null;                        // position of each candidate in the drawn ranking
        int[] TieBreak()
        {
            if (tieBreak is not null) return tieBreak;
            var order = lot.Order(result, "tie-breaking ranking of the candidates", active);
            tieBreak = new int[n];
            for (var k = 0; k < order.Length; k++) tieBreak[order[k]] = k;
            return tieBreak;
        }

        var pairs = new List<(int Winner, int Loser)>();
        foreach (var i in active)
            foreach (var j in active)
                if (i != j && d[i * n + j] > d[j * n + i]) pairs.Add((i, j));

        // Strength first; for winning votes the smaller opposition breaks equal support, for margins the
        // larger support breaks equal margins. That refinement is common practice rather than Tideman's
        // 1987 text; it leaves the lot for pairs that are equal in every respect.
        int ByStrength((int W, int L) a, (int W, int L) b)
        {
            long Primary((int W, int L) x) => strength == Strength.WinningVotes ? d[x.W * n + x.L] : d[x.W * n + x.L] - d[x.L * n + x.W];
            long Secondary((int W, int L) x) => strength == Strength.WinningVotes ? -d[x.L * n + x.W] : d[x.W * n + x.L];
            var c = Primary(b).CompareTo(Primary(a));
            return c != 0 ? c : Secondary(b).CompareTo(Secondary(a));
        }
        pairs.Sort((a, b) => ByStrength(a, b) is var c && c != 0 ? c : (a.Winner, a.Loser).CompareTo((b.Winner, b.Loser)));

        var reach = new bool[n * n];                   // reach[a·n + b]: a path of locked pairs from a to b
        var locked = new bool[n * n];
        for (var start = 0; start < pairs.Count;)
        {
            var end = start + 1;
            while (end < pairs.Count && ByStrength(pairs[start], pairs[end]) == 0) end++;
            var group = pairs.GetRange(start, end - start);
            start = end;
            // Pairs of equal strength need an order only when locking them all would close a cycle; otherwise
            // every order locks them all, and drawing a tie-breaking ranking would be a lot about nothing.
            if (group.Count > 1 && !LockAll((bool[])reach.Clone(), group, active, n))
            {
                // The pair whose winner ranks higher in the tie-breaking ranking goes first; with the same
                // winner, the pair whose loser ranks lower.
                var t = TieBreak();
                group.Sort((a, b) => t[a.Winner].CompareTo(t[b.Winner]) is var c && c != 0 ? c : t[b.Loser].CompareTo(t[a.Loser]));
            }
            foreach (var (w, l) in group)
            {
                if (reach[l * n + w]) { result.Notes.Add($"Skipped {candidates[w]} over {candidates[l]}: it would close a cycle."); continue; }
                locked[w * n + l] = true;
                Lock(reach, w, l, active, n);
            }
        }

        var tiers = new List<int[]>();
        var left = active.ToList();
        while (left.Count > 0)
        {
            int[] top = [.. left.Where(i => !left.Any(j => locked[j * n + i]))];
            tiers.Add(top);
            left.RemoveAll(top.Contains);
        }
        result.Ranking = tiers;
        result.Counts = active.ToDictionary(i => i, i => (decimal)active.Count(j => reach[i * n + j]));
        result.Notes.Add("Counts: how many candidates each is ranked above through locked pairs.");

        foreach (var tier in tiers)
        {
            var remaining = seats - result.Elected.Count;
            if (remaining <= 0) break;
            if (tier.Length <= remaining) { result.Elected.AddRange(tier); continue; }
            var t = TieBreak();
            result.Elected.AddRange(tier.OrderBy(c => t[c]).Take(remaining));
        }
        return result;
    }

    static void Lock(bool[] reach, int w, int l, int[] active, int n)
    {
        foreach (var a in active)
        {
            if (a != w && !reach[a * n + w]) continue;
            reach[a * n + l] = true;
            foreach (var b in active)
                if (reach[l * n + b]) reach[a * n + b] = true;
        }
    }

    /// Whether every pair can be locked on top of <paramref name="reach"/> (which it overwrites).
    static bool LockAll(bool[] reach, List<(int Winner, int Loser)> pairs, int[] active, int n)
    {
        foreach (var (w, l) in pairs)
        {
            if (reach[l * n + w]) return false;
            Lock(reach, w, l, active, n);
        }
        return true;
    }
}
