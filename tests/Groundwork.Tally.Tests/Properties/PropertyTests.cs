using CsCheck;
using Groundwork.Tally.Condorcet;
using Groundwork.Tally.Questions;
using Groundwork.Tally.Simple;

namespace Groundwork.Tally.Tests.Properties;

public sealed class PropertyTests
{
    const long Iterations = 400;

    static int? CondorcetWinner(long[] d, int n) =>
        Enumerable.Range(0, n).Cast<int?>().FirstOrDefault(i => Enumerable.Range(0, n).All(j => j == i || d[i!.Value * n + j] > d[j * n + i.Value]));

    [Fact]
    public void A_Condorcet_winner_always_wins_Schulze_and_ranked_pairs()
    {
        var withWinner = 0;
        Profiles.Any(maxCandidates: 7, maxBallots: 40).Sample(p =>
        {
            var e = p.Election with { Seats = 1 };
            var winner = CondorcetWinner(Pairwise.Count(e), p.Candidates);
            if (winner is null) return;
            Interlocked.Increment(ref withWinner);
            foreach (var result in new[]
            {
                Schulze.Count(e, Strength.WinningVotes, p.Seed), Schulze.Count(e, Strength.Margins, p.Seed),
                RankedPairs.Count(e, Strength.WinningVotes, p.Seed), RankedPairs.Count(e, Strength.Margins, p.Seed),
            })
            {
                Assert.Equal(winner, Assert.Single(result.Elected));
                Assert.Equal([winner.Value], result.Ranking![0]);
                // Ranked pairs may still draw its tie-breaking ranking to order the others; never for the winner.
                Assert.DoesNotContain(result.Lots, l => l.Chosen == winner && l.Reason.StartsWith("tie for", StringComparison.Ordinal));
                if (result.Method.StartsWith("schulze", StringComparison.Ordinal)) Assert.Empty(result.Lots);
            }
        }, iter: Iterations);
        // Not vacuous: random profiles this small have a Condorcet winner most of the time.
        Assert.True(withWinner > Iterations / 4, $"only {withWinner} of {Iterations} profiles had a Condorcet winner");
    }

    [Fact]
    public void Ballot_order_never_changes_a_result()
    {
        Profiles.Any().Sample(p =>
        {
            var shuffled = Profiles.CountAll(Profiles.Shuffled(p)).ToList();
            foreach (var ((method, original), (_, again)) in Profiles.CountAll(p).Zip(shuffled))
                Assert.True(Profiles.Describe(original) == Profiles.Describe(again), $"{method}: {Profiles.Describe(original)} vs {Profiles.Describe(again)}");
        }, iter: Iterations);
    }

    [Fact]
    public void A_ballot_of_weight_k_equals_k_copies()
    {
        Profiles.Any().Sample(p =>
        {
            var copies = Profiles.CountAll(Profiles.AsCopies(p)).ToList();
            foreach (var ((method, weighted), (_, copied)) in Profiles.CountAll(p).Zip(copies))
                Assert.True(Profiles.Describe(weighted) == Profiles.Describe(copied), $"{method}: {Profiles.Describe(weighted)} vs {Profiles.Describe(copied)}");
        }, iter: Iterations);
    }

    /// A delegate carrying 45 members splits 30 one way and 15 another: their two ballots must add exactly
    /// what the two parts add when counted alone, and the question totals likewise.
    [Fact]
    public void A_split_ballot_counts_exactly_as_its_parts()
    {
        var gen = Gen.Select(Profiles.Any(), Gen.Int[1, 44], Gen.Int[0, 3], Gen.Int[0, 3]);
        gen.Sample((p, thirty, yesNo1, yesNo2) =>
        {
            if (p.Ranked.Length < 2) return;
            var n = p.Candidates;
            RankedBallot partA = p.Ranked[0] with { Weight = thirty }, partB = p.Ranked[1] with { Weight = 45 - thirty };
            RankedBallot[] rest = p.Ranked[2..];
            var whole = Pairwise.Count(new Election(p.Names, 1, [partA, .. rest, partB]));
            var alone = Pairwise.Count(new Election(p.Names, 1, rest));
            var a = Pairwise.Count(new Election(p.Names, 1, [partA]));
            var b = Pairwise.Count(new Election(p.Names, 1, [partB]));
            for (var k = 0; k < n * n; k++) Assert.Equal(whole[k], alone[k] + a[k] + b[k]);

            var plurality = Plurality.Count(new Election(p.Names, 1, [partA, .. rest, partB]));
            var pluralityParts = new[] { Plurality.Count(new Election(p.Names, 1, rest)), Plurality.Count(new Election(p.Names, 1, [partA])), Plurality.Count(new Election(p.Names, 1, [partB])) };
            for (var c = 0; c < n; c++) Assert.Equal(plurality.Counts![c], pluralityParts.Sum(r => r.Counts![c]));
            Assert.Equal(plurality.Invalid, pluralityParts.Sum(r => r.Invalid));

            var question = Question.Decide([new(thirty, (Answer)yesNo1), new(45 - thirty, (Answer)yesNo2)], Threshold.SimpleMajority);
            Assert.Equal(45, question.Yes + question.No + question.Abstain + question.Invalid);
            Assert.Equal((yesNo1 == 0 ? thirty : 0) + (yesNo2 == 0 ? 45 - thirty : 0), question.Yes);
        }, iter: Iterations);
    }

    [Fact]
    public void Approval_and_score_counts_add_up()
    {
        Profiles.Any().Sample(p =>
        {
            var approval = Approval.Count(p.Names, p.Marks, p.Seats);
            Assert.Equal(p.Marks.Sum(b => b.Weight * b.Marks.Distinct().Count()), approval.Counts!.Values.Sum());
            Assert.Equal(p.Marks.Where(b => b.Marks.Length == 0).Sum(b => b.Weight), approval.Blank);

            var score = Score.Count(p.Names, p.Scores, Profile.MinScore, Profile.MaxScore, p.Seats);
            var valid = p.Scores.Where(b => b.Scores.All(s => s is null or >= Profile.MinScore and <= Profile.MaxScore) && b.Scores.Any(s => s is not null)).ToList();
            Assert.Equal(valid.Sum(b => b.Weight * b.Scores.Sum(s => s ?? Profile.MinScore)), score.Counts!.Values.Sum());
            Assert.Equal(p.Scores.Sum(b => b.Weight), valid.Sum(b => b.Weight) + score.Blank + score.Invalid);

            var cumulative = Cumulative.Count(p.Names, p.Points, Profile.PointsPerVoter, p.Seats);
            Assert.Equal(p.Points.Where(b => b.Points.Sum() <= Profile.PointsPerVoter).Sum(b => b.Weight * b.Points.Sum()), cumulative.Counts!.Values.Sum());
        }, iter: Iterations);
    }

    [Fact]
    public void Plurality_totals_equal_the_number_of_non_empty_valid_ballots()
    {
        Profiles.Any().Sample(p =>
        {
            var e = p.Election with { Seats = 1 };
            var result = Plurality.Count(e);
            var nonEmpty = p.Ranked.Where(b => b.Ranking.Any(t => t.Length > 0)).ToList();
            Assert.Equal(nonEmpty.Where(b => b.Ranking.First(t => t.Length > 0).Length == 1).Sum(b => b.Weight), result.Counts!.Values.Sum());
            Assert.Equal(nonEmpty.Sum(b => b.Weight), result.Counts.Values.Sum() + result.Invalid);
            Assert.Equal(p.Ranked.Sum(b => b.Weight), result.Counts.Values.Sum() + result.Invalid + result.Blank);
            Assert.Equal(result.Elected.Count, result.Seats);
        }, iter: Iterations);
    }

    [Fact]
    public void Elected_candidates_are_distinct_and_every_tie_at_the_cut_is_a_recorded_lot()
    {
        Profiles.Any().Sample(p =>
        {
            foreach (var (method, r) in Profiles.CountAll(p))
            {
                Assert.True(r.Elected.Distinct().Count() == r.Seats, $"{method}: {Profiles.Describe(r)}");
                foreach (var lot in r.Lots)
                {
                    Assert.Contains(lot.Chosen, lot.Among);
                    Assert.Equal(p.Seed, lot.Seed);
                }
                // Whenever the order had to be cut inside a tier, a lot was drawn.
                var cut = 0;
                foreach (var tier in r.Ranking!)
                {
                    if (cut < r.Seats && cut + tier.Length > r.Seats) Assert.True(r.Lots.Count > 0, $"{method}: tie at the cut without a lot: {Profiles.Describe(r)}");
                    cut += tier.Length;
                }
            }
        }, iter: Iterations);
    }
}
