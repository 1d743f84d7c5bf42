namespace Groundwork.Tally.Condorcet;

/// Grades[c] is the grade given to candidate c, 0 the worst ("Reject") to grades − 1 the best; null where
/// the voter left the candidate ungraded, which counts as the worst grade, as Balinski and Laraki prescribe.
public sealed record GradeBallot(long Weight, int?[] Grades);

/// Majority Judgment (Balinski and Laraki 2011): each candidate's majority grade is the lower median of
/// its grades; ties are broken by removing one median grade from each tied candidate and comparing again,
/// until the majority grades differ. Candidates whose grades are identical throughout tie, and a lot decides.
public static class MajorityJudgment
{
    public static TallyResult Count(IReadOnlyList<string> candidates, IEnumerable<GradeBallot> ballots, int grades,
        int seats = 1, int seed = 0)
    {
        Simple.Standings.CheckSeats(seats, candidates.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(grades, 2);
        var n = candidates.Count;
        var counts = new long[n][];
        for (var c = 0; c < n; c++) counts[c] = new long[grades];
        foreach (var ballot in ballots)
        {
            if (ballot.Weight < 0) throw new ArgumentOutOfRangeException(nameof(ballots), ballot.Weight, "A ballot's weight cannot be negative.");
            if (ballot.Grades.Length != n)
                throw new ArgumentException($"A grade ballot has {ballot.Grades.Length} entries for {n} candidates.", nameof(ballots));
            for (var c = 0; c < n; c++)
            {
                var g = ballot.Grades[c] ?? 0;
                if (g < 0 || g >= grades) throw new ArgumentOutOfRangeException(nameof(ballots), g, $"Grades run from 0 to {grades - 1}.");
                counts[c][g] = checked(counts[c][g] + ballot.Weight);
            }
        }
        var result = new TallyResult { Method = "majority-judgment", Candidates = candidates, Seats = seats };
        result.Counts = Enumerable.Range(0, n).ToDictionary(c => c, c => (decimal)(Median(counts[c], counts[c].Sum()) ?? 0));
        result.Notes.Add($"Counts: each candidate's majority grade (lower median), 0 = worst, {grades - 1} = best.");
        var tiers = Simple.Standings.Tiers(Enumerable.Range(0, n), (a, b) => Compare(counts[b], counts[a]));
        result.Ranking = tiers;
        Simple.Standings.Elect(result, tiers, seats, new Lot(seed));
        return result;
    }

    /// Ranked input, for the command only: the first tier gets the best grade, each later tier one grade
    /// less (never below the second-worst), and unranked candidates the worst. A real Majority Judgment
    /// ballot asks for grades; this is a stand-in for files that carry only rankings.
    public static TallyResult Count(Election election, int grades = 6, int seed = 0)
    {
        var n = election.Candidates.Count;
        var ballots = election.Ballots.Select(b =>
        {
            var g = new int?[n];
            var t = 0;
            foreach (var tier in Simple.RankedInput.Tiers(b))
            {
                foreach (var c in tier) g[c] ??= Math.Max(1, grades - 1 - t);
                t++;
            }
            return new GradeBallot(b.Weight, g);
        });
        return Count(election.Candidates, ballots, grades, election.Seats, seed);
    }

    /// The lower median: with the grades sorted from worst, the one at position ⌊(n − 1) / 2⌋.
    static int? Median(long[] counts, long total)
    {
        if (total == 0) return null;
        var position = (total - 1) / 2;
        long below = 0;
        for (var g = 0; g < counts.Length; g++)
        {
            if (below + counts[g] > position) return g;
            below += counts[g];
        }
        throw new InvalidOperationException("Unreachable: the counts sum to the total.");
    }

    /// Positive when a ranks above b. Instead of removing median grades one at a time (a million steps on a
    /// million ballots), remove at once as many as keep both medians where they are, plus one.
    internal static int Compare(long[] a, long[] b)
    {
        a = (long[])a.Clone();
        b = (long[])b.Clone();
        var total = a.Sum();
        if (total != b.Sum()) throw new ArgumentException("Both candidates must have been graded by the same ballots.", nameof(b));
        while (total > 0)
        {
            var ma = Median(a, total)!.Value;
            var mb = Median(b, total)!.Value;
            if (ma != mb) return ma.CompareTo(mb);
            // With `below` grades under the median m and `at` grades equal to it, removing k of the m grades
            // keeps m the lower median while k ≤ n − 1 − 2·below and k ≤ 2·below + 2·at − n.
            var k = Math.Min(Stable(a, ma, total), Stable(b, mb, total)) + 1;
            a[ma] -= k;
            b[mb] -= k;
            total -= k;
        }
        return 0;
    }

    static long Stable(long[] counts, int m, long total)
    {
        long below = 0;
        for (var g = 0; g < m; g++) below += counts[g];
        return Math.Min(total - 1 - 2 * below, 2 * below + 2 * counts[m] - total);
    }
}
