using Groundwork.Tally.Condorcet;

namespace Groundwork.Tally.Tests.Condorcet;

public sealed class MajorityJudgmentTests
{
    static GradeBallot G(long weight, params int[] grades) => new(weight, [.. grades.Select(g => (int?)g)]);

    [Fact]
    public void The_highest_lower_median_wins()
    {
        // A: 1,2,2,3 → lower median 2; B: 0,0,3,3 → 0; C: 1,1,1,1 → 1.
        var result = MajorityJudgment.Count(["A", "B", "C"], [G(1, 1, 0, 1), G(1, 2, 0, 1), G(1, 2, 3, 1), G(1, 3, 3, 1)], grades: 4);
        Assert.Equal([0, 2, 1], result.Ranking!.Select(t => Assert.Single(t)));
        Assert.Equal(2m, result.Counts![0]);
        Assert.Equal(0m, result.Counts[1]);
    }

    [Fact]
    public void Equal_medians_are_separated_by_removing_median_grades()
    {
        // Both have median 2 of 5. Remove one 2 each: A {1,2,2,3} → 2; B {0,2,3,3} → 2. Again:
        // A {1,2,3} → 2; B {0,3,3} → 3. B wins, though A looked "more consistently" good.
        var result = MajorityJudgment.Count(["A", "B"],
            [G(1, 1, 0), G(1, 2, 2), G(1, 2, 2), G(1, 2, 3), G(1, 3, 3)], grades: 4);
        Assert.Equal(1, Assert.Single(result.Elected));
        Assert.Empty(result.Lots);
    }

    [Fact]
    public void Weights_count_like_copies_even_when_the_median_moves_inside_a_big_block()
    {
        var weighted = MajorityJudgment.Count(["A", "B"], [G(1_000_000, 2, 2), G(999_999, 0, 1), G(3, 3, 0)], grades: 4);
        var copies = MajorityJudgment.Count(["A", "B"],
            [.. Enumerable.Repeat(G(1, 2, 2), 1000), .. Enumerable.Repeat(G(1, 0, 1), 999), .. Enumerable.Repeat(G(1, 3, 0), 3)], grades: 4);
        Assert.Equal(copies.Ranking!.Select(t => t.ToArray()), weighted.Ranking!.Select(t => t.ToArray()));
        Assert.Equal(0, Assert.Single(weighted.Elected));
    }

    [Fact]
    public void Identical_grade_profiles_tie_and_a_lot_decides()
    {
        var result = MajorityJudgment.Count(["A", "B"], [G(2, 1, 1), G(1, 3, 3)], grades: 4, seed: 3);
        Assert.Equal([0, 1], Assert.Single(result.Ranking!));
        Assert.Equal(Assert.Single(result.Lots).Chosen, Assert.Single(result.Elected));
    }

    [Fact]
    public void Ungraded_counts_as_the_worst_grade()
    {
        var result = MajorityJudgment.Count(["A", "B"], [new GradeBallot(3, [2, null]), new GradeBallot(1, [null, 3])], grades: 4);
        Assert.Equal(0m, result.Counts![1]);
        Assert.Equal(0, Assert.Single(result.Elected));
    }
}

public sealed class MajorityJudgmentFromRankingsTests
{
    [Fact]
    public void Ranked_ballots_become_grades_by_tier_and_unranked_get_the_worst()
    {
        // 3 voters: A first (grade 5), B second (4), C unranked (0); 2 voters: C first, B second.
        var election = new Election(["A", "B", "C"], 1, [RankedBallot.Strict(3, 0, 1), RankedBallot.Strict(2, 2, 1)]);
        var result = MajorityJudgment.Count(election, grades: 6);
        Assert.Equal(5m, result.Counts![0]);
        Assert.Equal(4m, result.Counts[1]);
        Assert.Equal(0m, result.Counts[2]);
        Assert.Equal(0, Assert.Single(result.Elected));
    }
}
