using Groundwork.Tally.Condorcet;

namespace Groundwork.Tally.Tests.Condorcet;

public sealed class CondorcetMethodTests
{
    static readonly string[] Tennessee = ["Memphis", "Nashville", "Chattanooga", "Knoxville"];

    // The textbook example: Memphis has a plurality, Nashville is the Condorcet winner.
    static Election TennesseeCapital() => new(Tennessee, 1,
    [
        RankedBallot.Strict(42, 0, 1, 2, 3),
        RankedBallot.Strict(26, 1, 2, 3, 0),
        RankedBallot.Strict(15, 2, 3, 1, 0),
        RankedBallot.Strict(17, 3, 2, 1, 0),
    ]);

    [Fact]
    public void Schulze_and_ranked_pairs_order_the_Tennessee_example()
    {
        string[] order = ["Nashville", "Chattanooga", "Knoxville", "Memphis"];
        foreach (var result in new[] { Schulze.Count(TennesseeCapital()), Schulze.Count(TennesseeCapital(), Strength.Margins), RankedPairs.Count(TennesseeCapital()) })
        {
            Assert.Equal(order, result.Ranking!.Select(t => Tennessee[Assert.Single(t)]));
            Assert.Equal("Nashville", Tennessee[Assert.Single(result.Elected)]);
        }
    }

    [Fact]
    public void Pairwise_counts_unranked_candidates_as_tied_below_the_ranked()
    {
        var d = Pairwise.Count(new Election(["A", "B", "C"], 1, [RankedBallot.Strict(5, 0)]));
        Assert.Equal([0, 5, 5, 0, 0, 0, 0, 0, 0], d);
    }

    [Fact]
    public void Equal_rankings_merge_whatever_order_the_tier_lists_them_in()
    {
        var merged = Pairwise.Merge<sbyte>([new RankedBallot(2, [[0, 1], [2]]), new RankedBallot(3, [[1, 0], [2]]), RankedBallot.Strict(1, 2)], 3);
        Assert.Equal(2, merged.Count);
        Assert.Equal([5L, 1L], merged.Weights[..merged.Count]);
    }

    [Fact]
    public void Skipped_ranks_are_passed_over_and_an_overvote_ends_the_ballot()
    {
        var d = Pairwise.Count(new Election(["A", "B", "C"], 1,
            [new RankedBallot(1, [[], [0], [RankedBallot.Overvote], [1]])]));
        // A over B and C; B is after the overvote, so B and C stay tied.
        Assert.Equal([0, 1, 1, 0, 0, 0, 0, 0, 0], d);
    }

    [Fact]
    public void Margins_and_winning_votes_can_disagree()
    {
        // A cycle A>B 5:1, B>C 6:5, C>A 7:3. The weakest defeat by winning votes is A>B (5), so B wins;
        // by margins it is B>C (1), so C wins.
        string[] abc = ["A", "B", "C"];
        long[] d = [0, 5, 3, 1, 0, 6, 7, 5, 0];
        Assert.Equal("B", abc[Assert.Single(Schulze.FromPairwise(abc, d).Elected)]);
        Assert.Equal("C", abc[Assert.Single(Schulze.FromPairwise(abc, d, strength: Strength.Margins).Elected)]);
        Assert.Equal("B", abc[Assert.Single(RankedPairs.FromPairwise(abc, d).Elected)]);
        Assert.Equal("C", abc[Assert.Single(RankedPairs.FromPairwise(abc, d, strength: Strength.Margins).Elected)]);
    }

    [Fact]
    public void Ranked_pairs_skips_the_pair_that_would_close_a_cycle()
    {
        // A>B 7:2, B>C 6:3, C>A 5:4: lock A>B, B>C, skip C>A.
        var election = new Election(["A", "B", "C"], 1,
        [
            RankedBallot.Strict(4, 0, 1, 2),
            RankedBallot.Strict(2, 1, 2, 0),
            RankedBallot.Strict(3, 2, 0, 1),
        ]);
        var result = RankedPairs.Count(election);
        Assert.Equal([0, 1, 2], result.Ranking!.Select(t => Assert.Single(t)));
        Assert.Contains(result.Notes, n => n.Contains("Skipped C over A", StringComparison.Ordinal));
        Assert.Empty(result.Lots);
    }

    [Fact]
    public void A_perfect_tie_is_decided_by_a_recorded_lot_that_replays()
    {
        var election = new Election(["A", "B"], 1, [RankedBallot.Strict(1, 0, 1), RankedBallot.Strict(1, 1, 0)]);
        var first = Schulze.Count(election, seed: 42);
        var again = Schulze.Count(election, seed: 42);
        var draw = Assert.Single(first.Lots);
        Assert.Equal([0, 1], draw.Among);
        Assert.Equal(42, draw.Seed);
        Assert.Equal(draw.Chosen, Assert.Single(first.Elected));
        Assert.Equal(first.Elected, again.Elected);
        // Over many seeds both candidates win sometimes: the lot is not rigged to the first index.
        var winners = Enumerable.Range(0, 64).Select(s => Schulze.Count(election, seed: s).Elected[0]).ToHashSet();
        Assert.Equal(2, winners.Count);
        var rp = RankedPairs.Count(election, seed: 7);
        Assert.NotEmpty(rp.Lots);
        Assert.Contains(Assert.Single(rp.Elected), new[] { 0, 1 });
    }

    [Fact]
    public void Schulze_strongest_paths_are_reported()
    {
        var result = Schulze.Count(TennesseeCapital());
        // Nashville beats Memphis 58:42; the strongest path Nashville→Memphis is the direct 58.
        Assert.Equal(58m, result.StrongestPaths![1][0]);
        Assert.Equal(42m, result.Pairwise![0][1]);
        Assert.Equal(0m, result.StrongestPaths[0][1]);
    }

    [Fact]
    public void Withdrawn_candidates_are_never_ranked_or_elected()
    {
        var election = TennesseeCapital() with { Withdrawn = new HashSet<int> { 1 } };
        var result = Schulze.Count(election);
        Assert.DoesNotContain(1, result.Ranking!.SelectMany(t => t));
        Assert.Equal("Chattanooga", Tennessee[Assert.Single(result.Elected)]);
    }
}
