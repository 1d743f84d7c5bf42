using Groundwork.Tally.Condorcet;

namespace Groundwork.Tally.Tests.Condorcet;

public sealed class PairwiseTests
{
    /// The definition, one ballot and one pair at a time, to check the vectorised count against.
    static long[] Naive(Election e)
    {
        var n = e.Candidates.Count;
        var d = new long[n * n];
        foreach (var b in e.Ballots)
        {
            var rank = Enumerable.Repeat(int.MaxValue, n).ToArray();
            for (var t = 0; t < b.Ranking.Length; t++)
                foreach (var c in b.Ranking[t]) rank[c] = Math.Min(rank[c], t);
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    if (rank[i] < rank[j]) d[i * n + j] += b.Weight;
        }
        return d;
    }

    static Election Random(int candidates, int ballots, int seed, Func<Lot, long> weight)
    {
        var lot = new Lot(seed);
        var list = new List<RankedBallot>();
        for (var b = 0; b < ballots; b++)
        {
            int[] order = [.. Enumerable.Range(0, candidates).OrderBy(_ => lot.Below(1 << 20))];
            var length = lot.Below(candidates + 1);
            // A few equal rankings: join each position to the previous tier one time in five.
            var tiers = new List<List<int>>();
            for (var k = 0; k < length; k++)
            {
                if (k > 0 && lot.Below(5) == 0) tiers[^1].Add(order[k]);
                else tiers.Add([order[k]]);
            }
            list.Add(new RankedBallot(weight(lot), [.. tiers.Select(t => t.ToArray())]));
        }
        return new Election([.. Enumerable.Range(0, candidates).Select(c => $"C{c}")], 1, list);
    }

    [Theory]
    [InlineData(3, 2000, 1)]          // byte counters flushed many times over
    [InlineData(40, 3000, 2)]         // rows of two vectors and a ragged end
    [InlineData(126, 300, 3)]         // the largest count on byte ranks
    [InlineData(127, 300, 4)]         // the first on 32-bit ranks
    [InlineData(200, 100, 5)]
    public void The_fast_count_equals_the_definition(int candidates, int ballots, int seed)
    {
        // Weights from 1 to 300, so some ballots are heavier than a byte counter holds.
        var e = Random(candidates, ballots, seed, lot => 1 + lot.Below(300));
        Assert.Equal(Naive(e), Pairwise.Count(e));
    }

    [Fact]
    public void Counting_in_parallel_shares_gives_the_same_matrix()
    {
        // Above the size where each core takes a share of the ballots; many repeats, so merging matters too.
        var e = Random(8, 150_000, 6, lot => lot.Below(4) == 0 ? 1000 : 1);
        Assert.Equal(Naive(e), Pairwise.Count(e));
    }

    [Fact]
    public void Weights_too_large_to_count_are_an_error_not_a_wrong_count()
    {
        var e = new Election(["A", "B"], 1, [RankedBallot.Strict(long.MaxValue, 0, 1), RankedBallot.Strict(1, 0, 1)]);
        Assert.Throws<OverflowException>(() => Pairwise.Count(e));
    }

    [Fact]
    public void Merging_beyond_the_up_front_budget_grows_and_loses_nothing()
    {
        var e = Random(6, 5000, 7, lot => 1 + lot.Below(3));
        // A budget of one byte starts from the smallest tables, so they grow and rehash many times.
        var grown = Pairwise.Merge<sbyte>(e.Ballots, 6, budgetBytes: 1);
        var roomy = Pairwise.Merge<sbyte>(e.Ballots, 6);
        Assert.True(grown.Count > 16);
        Assert.Equal(roomy.Count, grown.Count);
        Assert.Equal(e.Ballots.Sum(b => b.Ranking.Length == 0 ? 0 : b.Weight), grown.Weights[..grown.Count].Sum());
        Assert.Equal(Naive(e), Pairwise.AccumulateBytes(grown, 6));
    }

    [Fact]
    public void An_election_without_candidates_is_an_error_only_where_a_winner_is_asked_for()
    {
        var empty = new Election([], 1, [new RankedBallot(3, [])]);
        Assert.Empty(Pairwise.Count(empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schulze.Count(empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankedPairs.Count(empty));
    }
}
