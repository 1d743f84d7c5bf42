using System.Globalization;
using System.Text.Json;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Irv;

namespace Groundwork.Tally.Tests;

public sealed class IrvMinneapolisTests
{
    // RCTab's expected round-by-round reports, with the rules read from the same configuration RCTab ran.
    [Theory]
    [InlineData("2013_mayor_ballots_aggregated.csv", "rctab_2013_minneapolis_mayor", "BETSY HODGES", 33)]
    [InlineData("2017_mayor_ballots_aggregated.csv", "rctab_2017_minneapolis_mayor", "Jacob Frey", 6)]
    [InlineData("2013_park_atlarge_ballots_aggregated.csv", "rctab_2013_minneapolis_park", "JOHN ERWIN,ANNIE YOUNG,MEG FORNEY", 11)]
    [InlineData("2013_park_atlarge_ballots_aggregated.csv", "rctab_2013_minneapolis_park_hare", null, null)]
    [InlineData("2013_park_atlarge_ballots_aggregated.csv", "rctab_2013_minneapolis_park_bottoms_up", null, null)]
    public void Round_by_round_as_RCTab_reports(string ballots, string run, string? winners, int? rounds)
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(StvTestData.Path_("minneapolis", run + "_config.json")));
        using var report = JsonDocument.Parse(File.ReadAllBytes(StvTestData.Path_("minneapolis", run + "_expected_detailed_report.json")));
        var r = config.RootElement.GetProperty("rules");
        var candidates = config.RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        var rules = new IrvRules
        {
            Overvote = r.GetProperty("overvoteRule").GetString() == "exhaustImmediately" ? OvervoteRule.ExhaustImmediately : OvervoteRule.AlwaysSkipToNextRank,
            MaxSkippedRanks = int.Parse(r.GetProperty("maxSkippedRanksAllowed").GetString()!, CultureInfo.InvariantCulture),
            BatchElimination = r.GetProperty("batchElimination").GetBoolean(),
            Seats = int.Parse(r.GetProperty("numberOfWinners").GetString()!, CultureInfo.InvariantCulture),
            HareQuota = r.GetProperty("hareQuota").GetBoolean(),
            MultiSeat = r.GetProperty("winnerElectionMode").GetString() == "bottomsUp" ? MultiSeatMode.BottomsUp : MultiSeatMode.FractionalSurplus,
        };
        var read = RankedCsv.Read(StvTestData.Path_("minneapolis", ballots), candidates);
        Assert.Null(read.Error);
        var election = read.Election!;
        var result = InstantRunoff.Count(election, rules);

        var expectedRounds = report.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(expectedRounds.Count, result.Stages.Count);
        if (rounds is int n) Assert.Equal(n, result.Stages.Count);
        for (int i = 0; i < expectedRounds.Count; i++)
        {
            var expected = expectedRounds[i];
            var stage = result.Stages[i];
            Assert.Equal(Dec(expected.GetProperty("threshold")), stage.Quota);
            var tally = expected.GetProperty("tally").EnumerateObject().ToList();
            foreach (var entry in tally)
            {
                int c = election.Candidates.ToList().IndexOf(entry.Name);
                Assert.True(c >= 0, $"round {i + 1}: {entry.Name} unknown");
                Assert.True(stage.Totals.TryGetValue(c, out var ours) && ours == Dec(entry.Value),
                    $"round {i + 1} {entry.Name}: RCTab {Dec(entry.Value)}, counted {(stage.Totals.TryGetValue(c, out var o) ? o : null)}");
            }
            Assert.Equal(tally.Count, stage.Totals.Count(kv => kv.Value != 0 || tally.Any(t => t.Name == election.Candidates[kv.Key])));
            var eliminated = expected.GetProperty("tallyResults").EnumerateArray()
                .Where(t => t.TryGetProperty("eliminated", out _)).Select(t => t.GetProperty("eliminated").GetString()!).Order(StringComparer.Ordinal);
            Assert.Equal(eliminated, stage.Subjects.Select(c => election.Candidates[c]).Order(StringComparer.Ordinal));
        }
        var declared = report.RootElement.GetProperty("results").EnumerateArray()
            .SelectMany(x => x.GetProperty("tallyResults").EnumerateArray())
            .Where(t => t.TryGetProperty("elected", out _)).Select(t => t.GetProperty("elected").GetString()!).ToList();
        Assert.Equal(declared.Order(StringComparer.Ordinal), result.Elected.Select(c => election.Candidates[c]).Order(StringComparer.Ordinal));
        if (winners is not null)
            Assert.Equal(winners.Split(',').Order(StringComparer.Ordinal), result.Elected.Select(c => election.Candidates[c]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Park_Board_multi_pass_IRV_reproduces_each_pass()
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(StvTestData.Path_("minneapolis", "rctab_2013_minneapolis_park_sequential_config.json")));
        var candidates = config.RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        var election = RankedCsv.Read(StvTestData.Path_("minneapolis", "2013_park_atlarge_ballots_aggregated.csv"), candidates).Election!;
        var rules = IrvRules.Minneapolis with { MaxSkippedRanks = 2, BatchElimination = false, Seats = 3, MultiSeat = MultiSeatMode.Sequential };
        var result = InstantRunoff.Count(election, rules);
        Assert.Equal(["JOHN ERWIN", "ANNIE YOUNG", "MEG FORNEY"], result.Elected.Select(c => election.Candidates[c]));
        int stage = 0;
        for (int pass = 1; pass <= 3; pass++)
        {
            using var report = JsonDocument.Parse(File.ReadAllBytes(StvTestData.Path_("minneapolis", $"rctab_2013_minneapolis_park_sequential_{pass}_expected_detailed_report.json")));
            foreach (var round in report.RootElement.GetProperty("results").EnumerateArray())
            {
                var ours = result.Stages[stage++];
                Assert.Equal($"pass {pass}", ours.Note);
                Assert.Equal(Dec(round.GetProperty("threshold")), ours.Quota);
                foreach (var entry in round.GetProperty("tally").EnumerateObject())
                    Assert.Equal(Dec(entry.Value), ours.Totals[election.Candidates.ToList().IndexOf(entry.Name)]);
            }
        }
        Assert.Equal(stage, result.Stages.Count);
    }

    static decimal Dec(JsonElement e) => decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture);
}
