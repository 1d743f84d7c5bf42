using CsCheck;
using Groundwork.Tally.Irv;

namespace Groundwork.Tally.Tests;

/// Textbook IRV written naively (recount every ballot every round) against the engine's plain rules, round by
/// round, on random elections without ties.
public sealed class IrvIndependentCheckTests
{
    static List<Dictionary<int, long>>? NaiveIrv(int n, List<(int[] Prefs, int Weight)> ballots, out int winner)
    {
        winner = -1;
        var out_ = new HashSet<int>();
        var rounds = new List<Dictionary<int, long>>();
        while (true)
        {
            var tally = Enumerable.Range(0, n).Where(c => !out_.Contains(c)).ToDictionary(c => c, _ => 0L);
            foreach (var (prefs, weight) in ballots)
            {
                int first = prefs.FirstOrDefault(c => !out_.Contains(c), -1);
                if (first >= 0) tally[first] += weight;
            }
            rounds.Add(tally);
            long active = tally.Values.Sum();
            var top = tally.MaxBy(kv => kv.Value);
            if (top.Value * 2 > active || tally.Count == 1)
            {
                if (tally.Count(kv => kv.Value == top.Value) > 1) return null;
                winner = top.Key;
                return rounds;
            }
            long low = tally.Values.Min();
            if (tally.Count(kv => kv.Value == low) > 1) return null;
            out_.Add(tally.First(kv => kv.Value == low).Key);
        }
    }

    [Fact]
    public void Random_elections_match_a_naive_count_round_by_round()
    {
        int compared = 0;
        Gen.Int[2, 7].SelectMany(n =>
                Gen.Select(Gen.Int[1, 6], Gen.Double.Array[n], Gen.Int[1, n])
                    .Select(t => (Prefs: Enumerable.Range(0, n).OrderBy(i => t.Item2[i]).Take(t.Item3).ToArray(), Weight: t.Item1))
                    .List[3, 40]
                    .Select(b => (N: n, Ballots: b)))
            .Sample(e =>
            {
                var naive = NaiveIrv(e.N, e.Ballots, out int winner);
                if (naive is null) return;
                compared++;
                var election = new Election([.. Enumerable.Range(0, e.N).Select(i => $"C{i}")], 1,
                    [.. e.Ballots.Select(b => RankedBallot.Strict(b.Weight, b.Prefs))]);
                var ours = InstantRunoff.Count(election, IrvRules.Plain);
                Assert.Equal([winner], ours.Elected);
                Assert.Equal(naive.Count, ours.Stages.Count);
                for (int r = 0; r < naive.Count; r++)
                {
                    Assert.Equal(naive[r].OrderBy(kv => kv.Key).Select(kv => (kv.Key, (decimal)kv.Value)),
                                 ours.Stages[r].Totals.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)));
                    Assert.Equal(e.Ballots.Sum(b => b.Weight) - naive[r].Values.Sum(), ours.Stages[r].Exhausted);
                }
            }, iter: 1000);
        Assert.True(compared > 300, $"only {compared} elections without ties");
    }
}
