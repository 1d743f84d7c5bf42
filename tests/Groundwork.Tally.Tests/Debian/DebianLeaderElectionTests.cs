using System.Text.Json;
using Groundwork.Tally.Condorcet;
using Groundwork.Tally.Formats;

namespace Groundwork.Tally.Tests.Debian;

public sealed class DebianLeaderElectionTests
{
    static readonly JsonElement Expected = JsonDocument.Parse(System.IO.File.ReadAllText(SharedElections.File("debian", "expected.json"))).RootElement;

    static Election Sheet(string file) => DebianTally.Parse(SharedElections.File("debian", file));

    static string Winner(TallyResult r) => r.Candidates[Assert.Single(r.Elected)];

    [Theory]
    [InlineData("leader2006_tally.txt", 421, "Anthony Towns")]
    [InlineData("leader2007_tally.txt", 482, "Sam Hocevar")]
    [InlineData("leader2020_tally.txt", 339, "Jonathan Carter")]
    public void Schulze_winning_votes_elects_the_official_winner(string file, int ballots, string winner)
    {
        var election = Sheet(file);
        Assert.Equal(ballots, election.Ballots.Sum(b => b.Weight));
        var result = Schulze.Count(election);
        Assert.Equal(winner, Winner(result));
        Assert.Empty(result.Lots);
    }

    [Theory]
    [InlineData("leader2006_tally.txt")]
    [InlineData("leader2007_tally.txt")]
    [InlineData("leader2020_tally.txt")]
    public void Pairwise_matrix_equals_the_independent_count(string file)
    {
        var expected = Expected.GetProperty("independently_computed_pairwise_matrices").GetProperty(file);
        var matrix = expected.GetProperty("d[i][j]=voters preferring i over j");
        var election = Sheet(file);
        var n = election.Candidates.Count;
        Assert.Equal(matrix.GetArrayLength(), n);
        var d = Pairwise.Count(election);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                Assert.True(matrix[i][j].GetInt64() == d[i * n + j], $"{file}: d[{i}][{j}] = {d[i * n + j]}, expected {matrix[i][j].GetInt64()}");
        // Names too, except where the reference file itself lost the Latin-1 'ë'.
        var names = expected.GetProperty("options").EnumerateArray().Select(e => e.GetString()!).ToArray();
        for (var i = 0; i < n; i++)
            if (!names[i].Contains('\uFFFD', StringComparison.Ordinal)) Assert.Equal(names[i], election.Candidates[i]);
    }

    [Fact]
    public void The_2007_sheet_is_read_as_Latin1()
    {
        Assert.Contains("Raphaël Hertzog", Sheet("leader2007_tally.txt").Candidates);
    }

    [Fact]
    public void The_2020_Schulze_order_is_Carter_Chandran_Gupta_then_none_of_the_above()
    {
        var result = Schulze.Count(Sheet("leader2020_tally.txt"));
        Assert.Equal(["Jonathan Carter", "Sruthi Chandran", "Brian Gupta", "None Of The Above"],
            result.Ranking!.Select(t => result.Candidates[Assert.Single(t)]));
    }

    /// The pitfall the README warns of: comparing only candidates the voter ranked both of (explicit
    /// ranking) hands 2006 to Steve McIntyre. Our pairwise count must not be that one.
    [Fact]
    public void Reading_unranked_as_not_compared_would_elect_the_wrong_2006_winner()
    {
        var election = Sheet("leader2006_tally.txt");
        var n = election.Candidates.Count;
        var explicitOnly = new long[n * n];
        foreach (var ballot in election.Ballots)
            for (var a = 0; a < ballot.Ranking.Length; a++)
                for (var b = a + 1; b < ballot.Ranking.Length; b++)
                    foreach (var i in ballot.Ranking[a])
                        foreach (var j in ballot.Ranking[b])
                            explicitOnly[i * n + j] += ballot.Weight;
        Assert.Equal("Steve McIntyre", Winner(Schulze.FromPairwise(election.Candidates, explicitOnly)));
        Assert.Equal("Anthony Towns", Winner(Schulze.Count(election)));
    }

    [Theory]
    [InlineData("00002-00000001.soi", 475, "Bdale Garbee")]
    [InlineData("00002-00000006.soi", 436, "Stefano Zacchiroli")]
    [InlineData("00002-00000007.soi", 403, "Stefano Zacchiroli")]
    public void PrefLib_conversions_still_give_the_official_winner(string file, int ballots, string winner)
    {
        var election = PrefLibSoi.Parse(SharedElections.File("debian", "preflib_lossy", file));
        Assert.Equal(ballots, election.Ballots.Sum(b => b.Weight));
        Assert.Equal(winner, Winner(Schulze.Count(election)));
    }

    /// 2003 is a data trap: PrefLib's conversion broke equal rankings, and the lossy file elects Bdale
    /// Garbee. The official pairwise counts from the secretary's announcement elect Martin Michlmayr with the
    /// same engine, so it is the data that is wrong, not the count.
    [Fact]
    public void The_lossy_2003_file_elects_Garbee_but_the_official_pairwise_counts_elect_Michlmayr()
    {
        var election = PrefLibSoi.Parse(SharedElections.File("debian", "preflib_lossy", "00002-00000002.soi"));
        Assert.Equal(488, election.Ballots.Sum(b => b.Weight));
        Assert.Equal("Bdale Garbee", Winner(Schulze.Count(election)));

        var official = Expected.GetProperty("files").GetProperty("preflib_lossy/00002-00000002.soi").GetProperty("official_pairwise_from_announcement");
        var n = election.Candidates.Count;
        var d = new long[n * n];
        foreach (var defeat in official.GetProperty("defeats").EnumerateArray())
        {
            // "4 beats 2: 228 224"
            var parts = defeat.GetString()!.Replace(":", "", StringComparison.Ordinal).Split(' ');
            int w = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) - 1, l = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) - 1;
            d[w * n + l] = long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture);
            d[l * n + w] = long.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Equal("Martin Michlmayr", Winner(Schulze.FromPairwise(election.Candidates, d)));
    }

    [Fact]
    public void A_vote_line_with_the_wrong_number_of_marks_names_the_file_and_line()
    {
        var text = "     Option 1--->: A\n   /  Option 2-->: B\n V: 1 hash\nV: 12- hash\n";
        var error = Assert.Throws<FormatException>(() => DebianTally.Parse(text, "bad.txt"));
        Assert.StartsWith("bad.txt:4:", error.Message, StringComparison.Ordinal);
    }
}

public sealed class DebianTallyFormatTests
{
    [Theory]
    [InlineData("V: 1- hash\n", 1, "before any")]
    [InlineData("  Option 1-->: A\n  Option 2->: B\nV: 1* hash\n", 3, "'*' is not a rank")]
    [InlineData("  Option 1-->: A\n  Option 3->: B\n", 2, "out of order")]
    [InlineData("  Option 1-->: A\nV: 1 hash\n  Option 2->: B\n", 3, "after the votes")]
    [InlineData("nothing here\n", 0, "no 'Option")]
    public void Malformed_sheets_are_errors_naming_the_file_and_line(string text, int line, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"debian-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        try
        {
            var result = Groundwork.Tally.Formats.DebianTally.Read(path);
            Assert.False(result.Ok);
            Assert.Equal(line, result.Error!.Line);
            Assert.Contains(problem, result.Error.Problem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ranks_above_nine_are_letters_and_equal_marks_are_equal_rankings()
    {
        var names = string.Concat(Enumerable.Range(1, 11).Select(k => $"  Option {k}->: O{k}\n"));
        var e = Groundwork.Tally.Formats.DebianTally.Parse(names + "V: 1122------A hash\n", "x.txt");
        Assert.Equal([[0, 1], [2, 3], [10]], e.Ballots[0].Ranking);
    }
}
