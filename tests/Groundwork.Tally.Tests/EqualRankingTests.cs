using Groundwork.Tally.Condorcet;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Tests;

/// Equal rankings (`b=c` in BLT): Meek splits the ballot among the tied candidates as Droop's Meek does, the
/// Condorcet methods count the tie as a tie, and the streaming readers agree with the general ballot model.
public sealed class EqualRankingTests
{
    static string Droop(string name) => StvTestData.Path_("stv_method_cases_droop", "blt", "meek", name);

    static Election Read(string path)
    {
        var read = Blt.Read(path);
        Assert.Null(read.Error);
        return read.Election!;
    }

    static void Near(decimal expected, decimal counted, string what) =>
        Assert.True(Math.Abs(expected - counted) <= 0.000001m, $"{what}: Droop {expected}, counted {counted}");

    // Droop's reference report (ref_reports/meek/eq1-meek-o9-guarded-p18-g9-d18.txt): the b=c voter gives B
    // and C half a vote each; A and C are elected.
    [Fact]
    public void Droop_eq1_splits_an_equal_ranking_between_the_tied_candidates()
    {
        var result = MeekStv.Count(Read(Droop("eq1.blt")));
        var first = result.Stages[0];
        Assert.Equal(5m, first.Totals[0]);
        Assert.Equal(0.5m, first.Totals[1]);
        Assert.Equal(3.5m, first.Totals[2]);
        Assert.Equal([0, 2], result.Elected.Order());
    }

    // ref_reports/meek/eq2-…: first preferences A 5, B 2.5, C 2, D 1.5; once A's keep value has converged
    // (surplus below omega) A 3.666…, B 3.166…, C 2.666…, D 1.5, and D is defeated; then C reaches the quota
    // with 4.166… and B is left out.
    [Fact]
    public void Droop_eq2_is_reproduced_stage_by_stage()
    {
        var result = MeekStv.Count(Read(Droop("eq2.blt")));
        var first = result.Stages[0];
        Assert.Equal([5m, 2.5m, 2m, 1.5m], Enumerable.Range(0, 4).Select(c => first.Totals[c]));

        int defeat = result.Stages.ToList().FindIndex(s => s.Action == "exclude");
        Assert.True(defeat > 0);
        Assert.Equal([3], result.Stages[defeat].Subjects);
        var before = result.Stages[defeat - 1];
        Near(3.666666666666666667m, before.Totals[0], "A before D's defeat");
        Near(3.166666666666666667m, before.Totals[1], "B before D's defeat");
        Near(2.666666666666666667m, before.Totals[2], "C before D's defeat");
        Near(1.5m, before.Totals[3], "D before D's defeat");
        var after = result.Stages[defeat];
        Near(4.166666666666666667m, after.Totals[2], "C after D's defeat");
        Near(3.166666666666666667m, after.Totals[1], "B after D's defeat");
        Assert.Equal([0, 2], result.Elected.Order());
        Assert.Equal([3, 1], result.Excluded.Concat(Enumerable.Range(0, 4).Except(result.Elected).Except(result.Excluded)));
    }

    [Theory]
    [InlineData("eq1.blt")]
    [InlineData("eq2.blt")]
    public void The_command_counts_equal_rankings_as_the_ballot_model_does(string file)
    {
        var path = Droop(file);
        var election = Read(path);
        var stv = Blt.ReadForStv(path, splitEqual: true).Ballots!;
        Assert.NotNull(stv.Table.Equal);
        var fast = MeekStv.Count(stv.Table, stv.Seats);
        var slow = MeekStv.Count(election);
        Assert.Equal(slow.Elected, fast.Elected);
        Assert.Equal(slow.Stages.Count, fast.Stages.Count);
        for (int s = 0; s < slow.Stages.Count; s++) Assert.Equal(slow.Stages[s].Totals, fast.Stages[s].Totals);
    }

    [Fact]
    public void Scottish_STV_still_ends_a_ballot_at_an_equal_ranking()
    {
        // SSI 2007/42: a paper whose next preference cannot be determined is non-transferable.
        var election = new Election(["A", "B", "C"], 1, [new RankedBallot(3, [[0, 1], [2]]), RankedBallot.Strict(2, 2)]);
        var table = PreferenceTable.From(election);
        Assert.Null(table.Equal);
        Assert.Equal(3, table.EmptyWeight);
        Assert.Equal([2], ScottishStv.Count(election).Elected);
    }

    [Fact]
    public void Meek_passes_over_a_rank_whose_tied_candidates_are_all_excluded()
    {
        // A=B then C: once A and B are both out, the whole vote reaches C.
        var election = new Election(["A", "B", "C", "D"], 1,
        [
            new RankedBallot(1, [[0, 1], [2]]),
            RankedBallot.Strict(4, 2),
            RankedBallot.Strict(4, 3),
            RankedBallot.Strict(2, 0),
            RankedBallot.Strict(2, 1),
        ]);
        var result = MeekStv.Count(election);
        Assert.Equal([2], result.Elected);
        Assert.Equal(5m, result.Stages[^1].Totals[2]);
        Assert.Equal(4m, result.Stages[^1].Totals[3]);
    }

    // The pairwise count streamed from a BLT file is the one the ballot model gives, ties included.
    [Theory]
    [InlineData("stv_method_cases_droop/blt/meek/eq1.blt")]
    [InlineData("stv_method_cases_droop/blt/meek/eq2.blt")]
    [InlineData("stv_method_cases_droop/blt/M135.blt")]
    [InlineData("stv_method_cases_droop/blt/SC.blt")]
    [InlineData("scotland2017/blt/edinburgh_2017_ward1.blt")]
    public void Streamed_pairwise_matrix_equals_the_ballot_models(string file)
    {
        var path = StvTestData.Path_(file.Split('/'));
        var streamed = Blt.ReadForPairwise(path);
        Assert.Null(streamed.Error);
        Assert.Equal(Pairwise.Count(Read(path)), streamed.Ballots!.Pairwise);
    }

    [Fact]
    public void A_tie_on_a_ballot_is_a_tie_in_the_pairwise_matrix()
    {
        var blt = "3 1\n2 1=2 3 0\n1 3 0\n0\nA\nB\nC\nt\n";
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "tie.blt");
            File.WriteAllText(path, blt);
            var d = Blt.ReadForPairwise(path).Ballots!.Pairwise;
            Assert.Equal([0, 0, 2, 0, 0, 2, 1, 1, 0], d);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}

/// The pairwise reader splits a large file between two cores; small files are read so here by lowering the
/// threshold. Either way the matrix, the messages and the line numbers are those of the one-core reader.
public sealed class TwoCoreReading
{
    static T WithTwoCores<T>(Func<T> read)
    {
        long before = Blt.TwoCoreMinBytes;
        Blt.TwoCoreMinBytes = 0;
        try { return read(); }
        finally { Blt.TwoCoreMinBytes = before; }
    }

    [Theory]
    [InlineData("stv_method_cases_droop/blt/meek/eq2.blt")]
    [InlineData("stv_method_cases_droop/blt/M135.blt")]
    [InlineData("stv_method_cases_droop/blt/SC.blt")]
    [InlineData("scotland2017/blt/edinburgh_2017_ward1.blt")]
    [InlineData("scotland2017/blt/glasgow_2017_ward1.blt")]
    public void Two_cores_count_the_same_matrix(string file)
    {
        var path = StvTestData.Path_(file.Split('/'));
        var split = WithTwoCores(() => Blt.ReadForPairwise(path));
        Assert.Null(split.Error);
        Assert.Equal(Pairwise.Count(Blt.Read(path).Election!), split.Ballots!.Pairwise);
    }

    [Theory]
    [InlineData("9 1 2 x 0", "preference \"x\" is not a whole number")]
    [InlineData("9 1 7 0", "ballot names candidate 7")]
    [InlineData("9 1 2", "does not end with 0")]
    public void A_bad_line_in_the_second_half_is_reported_as_on_one_core(string bad, string problem)
    {
        var lines = Enumerable.Repeat("3 1 2 3 0", 400).ToList();
        lines.Insert(300, bad);
        var blt = "3 1\n" + string.Join("\n", lines) + "\n0\nA\nB\nC\nt\n";
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "bad.blt");
            File.WriteAllText(path, blt);
            var one = Blt.ReadForPairwise(path);
            var two = WithTwoCores(() => Blt.ReadForPairwise(path));
            Assert.NotNull(one.Error);
            Assert.Contains(problem, one.Error.Message, StringComparison.Ordinal);
            Assert.Equal(302, one.Error.Line);
            Assert.Equal(one.Error.Message, two.Error?.Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Comments_and_blank_lines_in_the_second_half_keep_the_line_numbers()
    {
        var lines = Enumerable.Repeat("2 2 1 0", 300).Concat(["", "# a comment"]).Concat(Enumerable.Repeat("1 1 0", 300)).ToList();
        var blt = "2 1\n" + string.Join("\n", lines) + "\n0\nA\nB\n";
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "c.blt");
            File.WriteAllText(path, blt);
            var two = WithTwoCores(() => Blt.ReadForPairwise(path));
            Assert.Null(two.Error);
            Assert.Equal([0, 300, 600, 0], two.Ballots!.Pairwise);
            // The names after the ballots are read by the first reader after it skips the second half.
            Assert.Equal(["A", "B"], two.Ballots.Candidates);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
