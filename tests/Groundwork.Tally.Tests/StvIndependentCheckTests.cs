using CsCheck;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Tests;

/// A second, deliberately naive Scottish STV (one object per paper, written straight from rules 46–52 without
/// sharing any code with the engine) counts random elections; every stage must agree. Elections that need a
/// tie-break are left out: the tie policy is tested on its own.
public sealed class StvIndependentCheckTests
{
    sealed class Paper(int[] prefs)
    {
        public int[] Prefs = prefs;
        public int Pos;
        public long Value = 100_000;
    }

    sealed record NaiveResult(List<int> Elected, List<int> Excluded, List<long[]> Stages, List<long> NonTransferable);

    static NaiveResult? NaiveScottish(int n, int seats, List<(int[] Prefs, int Weight)> ballots)
    {
        var papers = ballots.SelectMany(b => Enumerable.Range(0, b.Weight).Select(_ => new Paper(b.Prefs))).ToList();
        long quota = (papers.Count / (seats + 1) + 1) * 100_000L;
        var piles = Enumerable.Range(0, n).Select(_ => new List<Paper>()).ToArray();
        var elected = new List<int>();
        var excluded = new List<int>();
        var done = new HashSet<int>();              // elected candidates whose surplus has been dealt with
        long nonTransferable = 0;
        var stages = new List<long[]>();
        var nts = new List<long>();
        bool Continuing(int c) => !elected.Contains(c) && !excluded.Contains(c);
        long Total(int c) => done.Contains(c) ? quota : piles[c].Sum(p => p.Value);

        void Place(Paper p, long value)
        {
            p.Value = value;
            while (++p.Pos < p.Prefs.Length)
                if (Continuing(p.Prefs[p.Pos])) { piles[p.Prefs[p.Pos]].Add(p); return; }
            nonTransferable += value;
        }

        bool ElectAtQuota()
        {
            var reached = Enumerable.Range(0, n).Where(c => Continuing(c) && Total(c) >= quota).ToList();
            if (reached.Select(Total).Distinct().Count() < reached.Count) return false;
            foreach (var c in reached.OrderByDescending(Total).Take(seats - elected.Count)) elected.Add(c);
            return true;
        }

        void Snapshot()
        {
            stages.Add([.. Enumerable.Range(0, n).Select(c => excluded.Contains(c) ? 0 : Total(c))]);
            nts.Add(nonTransferable);
        }

        foreach (var p in papers) { p.Pos = -1; Place(p, 100_000); }
        if (!ElectAtQuota()) return null;
        Snapshot();
        while (elected.Count < seats)
        {
            var continuing = Enumerable.Range(0, n).Where(Continuing).ToList();
            if (continuing.Count <= seats - elected.Count)
            {
                if (continuing.Select(Total).Distinct().Count() < continuing.Count) return null;
                elected.AddRange(continuing.OrderByDescending(Total));
                break;
            }
            var surpluses = elected.Where(c => !done.Contains(c) && Total(c) > quota).ToList();
            if (surpluses.Count > 0)
            {
                long top = surpluses.Max(Total);
                if (surpluses.Count(c => Total(c) == top) > 1) return null;
                int c = surpluses.First(x => Total(x) == top);
                long surplus = top - quota;
                var pile = piles[c].ToList();
                piles[c].Clear();
                done.Add(c);
                long moved = 0;
                foreach (var p in pile)
                {
                    long tv = surplus * p.Value / top;       // to five places, remainder ignored
                    moved += tv;
                    Place(p, tv);
                }
                nonTransferable += surplus - moved;
            }
            else
            {
                long low = continuing.Min(Total);
                if (continuing.Count(c => Total(c) == low) > 1) return null;
                int c = continuing.First(x => Total(x) == low);
                excluded.Add(c);
                var pile = piles[c].ToList();
                piles[c].Clear();
                foreach (var p in pile) Place(p, p.Value);
            }
            if (!ElectAtQuota()) return null;
            Snapshot();
        }
        return new NaiveResult(elected, excluded, stages, nts);
    }

    static readonly Gen<(int N, int Seats, List<(int[] Prefs, int Weight)> Ballots)> Elections =
        Gen.Int[3, 7].SelectMany(n =>
            Gen.Int[1, 3].SelectMany(seats =>
                Gen.Select(Gen.Int[1, 6], Gen.Double.Array[n], Gen.Int[1, n])
                    .Select(t => (Prefs: Enumerable.Range(0, n).OrderBy(i => t.Item2[i]).Take(t.Item3).ToArray(), Weight: t.Item1))
                    .List[5, 40]
                    .Select(b => (n, Math.Min(seats, n - 1), b))));

    [Fact]
    public void Random_elections_match_a_naive_paper_by_paper_count_stage_by_stage()
    {
        int compared = 0;
        Elections.Sample(e =>
        {
            var naive = NaiveScottish(e.N, e.Seats, e.Ballots);
            if (naive is null) return;
            compared++;
            var election = new Election([.. Enumerable.Range(0, e.N).Select(i => $"C{i}")], e.Seats,
                [.. e.Ballots.Select(b => RankedBallot.Strict(b.Weight, b.Prefs))]);
            var ours = ScottishStv.Count(election);
            Assert.Equal(naive.Elected, ours.Elected);
            Assert.Equal(naive.Excluded, ours.Excluded);
            Assert.Equal(naive.Stages.Count, ours.Stages.Count);
            for (int s = 0; s < naive.Stages.Count; s++)
            {
                Assert.Equal(naive.Stages[s].Select(v => v / 100_000m), Enumerable.Range(0, e.N).Select(c => ours.Stages[s].Totals[c]));
                Assert.Equal(naive.NonTransferable[s] / 100_000m, ours.Stages[s].NonTransferable);
            }
        }, iter: 1000);
        Assert.True(compared > 300, $"only {compared} elections without ties");
    }
}
