namespace Groundwork.Tally.Condorcet;

/// How strong a pairwise defeat is. Winning votes: the number who prefer the winner (Debian's rule).
/// Margins: winner's votes minus loser's votes.
public enum Strength { WinningVotes, Margins }

/// The Schulze method (Schulze 2011, "A new monotonic, clone-independent, reversal symmetric, and
/// Condorcet-consistent single-winner election method"), with strongest paths by Floyd–Warshall.
public static class Schulze
{
    /// <c>election.Seats</c> > 1 takes the top of the Schulze order; that is not proportional (not Schulze STV).
    /// Withdrawn candidates are left out of the order; ballots ranking them still count for the others.
    public static TallyResult Count(Election election, Strength strength = Strength.WinningVotes, int seed = 0)
    {
        var d = Pairwise.Count(election);
        return FromPairwise(election.Candidates, d, election.Seats, strength, seed, election.Withdrawn);
    }

    /// From a pairwise matrix already counted: d[i·n + j] = weight preferring i over j.
    public static TallyResult FromPairwise(IReadOnlyList<string> candidates, long[] d, int seats = 1,
        Strength strength = Strength.WinningVotes, int seed = 0, IReadOnlySet<int>? withdrawn = null)
    {
        var n = candidates.Count;
        if (d.Length != n * n) throw new ArgumentException($"A pairwise matrix for {n} candidates has {n * n} entries, not {d.Length}.", nameof(d));
        int[] active = [.. Enumerable.Range(0, n).Where(c => withdrawn?.Contains(c) != true)];
        Simple.Standings.CheckSeats(seats, active.Length);

        var p = new long[n * n];
        foreach (var i in active)
            foreach (var j in active)
            {
                if (i == j) continue;
                long forI = d[i * n + j], forJ = d[j * n + i];
                p[i * n + j] = forI <= forJ ? 0 : strength == Strength.WinningVotes ? forI : forI - forJ;
            }
        foreach (var i in active)
            foreach (var j in active)
            {
                if (j == i) continue;
                var ji = p[j * n + i];
                if (ji == 0) continue;
                foreach (var k in active)
                {
                    if (k == i || k == j) continue;
                    var through = Math.Min(ji, p[i * n + k]);
                    if (through > p[j * n + k]) p[j * n + k] = through;
                }
            }

        // The relation "p[i][j] > p[j][i]" is transitive (Schulze's theorem), so peeling off the unbeaten
        // candidates again and again gives the full Schulze order.
        var tiers = new List<int[]>();
        var left = active.ToList();
        while (left.Count > 0)
        {
            int[] top = [.. left.Where(i => left.All(j => p[i * n + j] >= p[j * n + i]))];
            tiers.Add(top);
            left.RemoveAll(top.Contains);
        }

        var result = new TallyResult
        {
            Method = strength == Strength.WinningVotes ? "schulze" : "schulze-margins",
            Candidates = candidates,
            Seats = seats,
            Pairwise = Pairwise.ToMatrix(d, n),
            StrongestPaths = Pairwise.ToMatrix(p, n),
            Ranking = tiers,
        };
        result.Counts = active.ToDictionary(i => i, i => (decimal)active.Count(j => p[i * n + j] > p[j * n + i]));
        result.Notes.Add("Counts: how many candidates each beats by strongest path.");
        // Schulze's own tie-breaking ranking is itself drawn at random, so a recorded lot is that rule.
        Simple.Standings.Elect(result, tiers, seats, new Lot(seed));
        return result;
    }
}
