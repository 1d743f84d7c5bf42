using Groundwork.Tally.Simple;

namespace Groundwork.Tally.Tests.Simple;

public sealed class SimpleMethodTests
{
    static readonly string[] Abc = ["A", "B", "C"];

    [Fact]
    public void Plurality_elects_the_most_marks_and_sets_aside_overvotes_and_blanks()
    {
        var result = Plurality.Count(Abc, [new(5, [0]), new(7, [1]), new(3, [2]), new(4, [0, 1]), new(2, [])]);
        Assert.Equal(1, Assert.Single(result.Elected));
        Assert.Equal(5m, result.Counts![0]);
        Assert.Equal(4m, result.Invalid);
        Assert.Equal(2m, result.Blank);
    }

    [Fact]
    public void Block_voting_fills_every_seat_and_allows_up_to_that_many_marks()
    {
        var result = Plurality.Count(["A", "B", "C", "D"], [new(5, [0, 1]), new(4, [2, 1]), new(3, [3]), new(9, [0, 1, 2])], seats: 2);
        Assert.Equal("block", result.Method);
        Assert.Equal([1, 0], result.Elected);
        Assert.Equal(9m, result.Invalid);
    }

    [Fact]
    public void Plurality_from_ranked_ballots_reads_first_preferences()
    {
        var election = new Election(Abc, 1,
        [
            RankedBallot.Strict(4, 2, 0),
            RankedBallot.Strict(3, 0, 2),
            new RankedBallot(2, [[0, 1]]),                   // equal first: overvote
            new RankedBallot(1, [[], [1]]),                  // skipped first rank: B
            new RankedBallot(6, [[RankedBallot.Overvote], [1]]),
        ]);
        var result = Plurality.Count(election);
        Assert.Equal(4m, result.Counts![2]);
        Assert.Equal(1m, result.Counts[1]);
        Assert.Equal(8m, result.Invalid);
        Assert.Equal(2, Assert.Single(result.Elected));
    }

    [Fact]
    public void A_tie_for_the_last_seat_is_drawn_by_lot_and_recorded()
    {
        var result = Plurality.Count(Abc, [new(3, [0]), new(2, [1]), new(2, [2])], seats: 2, seed: 11);
        Assert.Equal(0, result.Elected[0]);
        var draw = Assert.Single(result.Lots);
        Assert.Equal([1, 2], draw.Among);
        Assert.Equal(11, draw.Seed);
        Assert.Equal(draw.Chosen, result.Elected[1]);
        Assert.Equal(result.Elected, Plurality.Count(Abc, [new(2, [2]), new(3, [0]), new(2, [1])], seats: 2, seed: 11).Elected);
    }

    [Fact]
    public void Approval_counts_each_marked_candidate_once_per_ballot()
    {
        var result = Approval.Count(Abc, [new(2, [0, 1, 1]), new(3, [1, 2]), new(1, [])]);
        Assert.Equal(new Dictionary<int, decimal> { [0] = 2, [1] = 5, [2] = 3 }, result.Counts);
        Assert.Equal(1m, result.Blank);
        Assert.Equal(1, Assert.Single(result.Elected));
    }

    [Fact]
    public void Approval_from_ranked_ballots_approves_everyone_ranked()
    {
        var result = Approval.Count(new Election(Abc, 1, [RankedBallot.Strict(2, 0, 2), new RankedBallot(1, [[1, 2]])]));
        Assert.Equal(new Dictionary<int, decimal> { [0] = 2, [1] = 1, [2] = 3 }, result.Counts);
    }

    [Fact]
    public void Score_sums_with_blanks_as_the_minimum_and_spoils_out_of_range_ballots()
    {
        var result = Score.Count(Abc, [new(2, [5, 3, null]), new(1, [0, 5, 5]), new(4, [6, 0, 0])], min: 0, max: 5);
        Assert.Equal(new Dictionary<int, decimal> { [0] = 10, [1] = 11, [2] = 5 }, result.Counts);
        Assert.Equal(4m, result.Invalid);
        Assert.Equal(1, Assert.Single(result.Elected));
    }

    [Fact]
    public void Score_with_blanks_ignored_ranks_by_exact_average()
    {
        // A averages (1+0+0)/3, B averages (1+1+0+0+0+0)/6: both exactly 1/3, a tie decided by lot.
        var tie = Score.Count(["A", "B"],
            [new(1, [1, 1]), new(1, [0, 1]), new(1, [0, 0]), new(3, [null, 0])], min: 0, max: 1, blanks: BlankScore.Ignored);
        Assert.Equal([0, 1], Assert.Single(tie.Ranking!));
        Assert.Single(tie.Lots);
        // With min −1 a blank as minimum would sink A; ignored, A's one 1 beats B's average below 1.
        var result = Score.Count(["A", "B"], [new(1, [1, 1]), new(5, [null, 0])], min: -1, max: 1, blanks: BlankScore.Ignored);
        Assert.Equal(0, Assert.Single(result.Elected));
        Assert.Equal(1m, result.Counts![0]);
    }

    [Fact]
    public void Cumulative_voting_spreads_points_and_rejects_overspending()
    {
        var result = Cumulative.Count(Abc, [new(2, [3, 0, 0]), new(3, [1, 1, 1]), new(1, [2, 2, 0])], pointsPerVoter: 3);
        Assert.Equal(new Dictionary<int, decimal> { [0] = 9, [1] = 3, [2] = 3 }, result.Counts);
        Assert.Equal(1m, result.Invalid);
        Assert.Equal("cumulative", result.Method);
    }

    [Fact]
    public void Dot_voting_limits_dots_per_option()
    {
        var result = Cumulative.Count(Abc, [new(1, [2, 1, 0]), new(1, [3, 0, 0]), new(1, [0, 0, 0])], pointsPerVoter: 3, maxPerCandidate: 2);
        Assert.Equal("dot", result.Method);
        Assert.Equal(1m, result.Invalid);
        Assert.Equal(1m, result.Blank);
        Assert.Equal(2m, result.Counts![0]);
    }

    [Fact]
    public void A_candidate_index_out_of_range_is_an_error_not_a_silent_skip()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Plurality.Count(Abc, [new(1, [3])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Approval.Count(Abc, [new(-1, [0])]));
    }
}
