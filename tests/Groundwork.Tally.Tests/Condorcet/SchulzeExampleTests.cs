using System.Text.Json;
using Groundwork.Tally.Condorcet;
using Groundwork.Tally.Tests.Debian;

namespace Groundwork.Tally.Tests.Condorcet;

public sealed class SchulzeExampleTests
{
    static readonly JsonElement[] Examples =
        [.. JsonDocument.Parse(File.ReadAllText(SharedElections.File("condorcet_schulze_examples.json"))).RootElement.EnumerateArray()];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var e in Examples) data.Add(e.GetProperty("name").GetString()!);
        return data;
    }

    [Fact]
    public void There_are_eighteen_examples()
    {
        Assert.Equal(18, Examples.Length);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Example_gives_the_expected_winners(string name)
    {
        var example = Examples.Single(e => e.GetProperty("name").GetString() == name);
        var candidates = example.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()!).ToList();
        var ballots = example.GetProperty("ballots").EnumerateArray().Select(b => new RankedBallot(
            b.GetProperty("count").GetInt64(),
            [.. b.GetProperty("ranking").EnumerateArray().Select(tier => tier.EnumerateArray().Select(c => candidates.IndexOf(c.GetString()!)).ToArray())]))
            .ToList();
        var strength = example.GetProperty("method").GetString() switch
        {
            "Schulze Winning" => Strength.WinningVotes,
            "Schulze Margin" => Strength.Margins,
            var other => throw new InvalidDataException($"Unknown method {other}"),
        };
        var result = Schulze.Count(new Election(candidates, 1, ballots), strength);

        string[] expected = [.. example.GetProperty("expected_winners").EnumerateArray().Select(c => c.GetString()!).Order()];
        Assert.Equal(expected, result.Ranking![0].Select(c => candidates[c]).Order());
        // A tie for first is settled by a recorded lot among exactly the tied winners.
        Assert.Contains(result.Elected[0], result.Ranking[0]);
        if (expected.Length > 1) Assert.Equal(result.Ranking[0].Order(), Assert.Single(result.Lots).Among);
        else Assert.Empty(result.Lots);
    }
}
