using System.Text.Json;

namespace Groundwork.Tally.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("tally-score-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string Write(string name, string json)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = TallyCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Score_json_file_is_counted_by_total_score()
    {
        // Alice: 2×5 + 0 (unscored = min) + 1×1 = 11; Bob: 2×2 + 3×4 + 1×3 = 19; Carol: 0 + 3×1 + 1×5 = 8.
        var file = Write("score.json", """
            {
              "title": "Score test",
              "candidates": ["Alice", "Bob", "Carol"],
              "scale": { "min": 0, "max": 5 },
              "ballots": [
                { "count": 2, "scores": { "Alice": 5, "Bob": 2 } },
                { "count": 3, "scores": { "Bob": 4, "Carol": 1 }, "ranking": ["Bob", "Carol"] },
                { "scores": { "Alice": 1, "Bob": 3, "Carol": 5 } }
              ]
            }
            """);

        var (exit, output, errors) = Run("tally", "--method", "score", "--json", file);

        Assert.Equal("", errors);
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output.Trim());
        var root = doc.RootElement;
        Assert.Equal("score", root.GetProperty("method").GetString());
        Assert.Equal(["Bob"], root.GetProperty("elected").EnumerateArray().Select(e => e.GetString()!));
        var counts = root.GetProperty("counts");
        Assert.Equal(11m, counts.GetProperty("Alice").GetDecimal());
        Assert.Equal(19m, counts.GetProperty("Bob").GetDecimal());
        Assert.Equal(8m, counts.GetProperty("Carol").GetDecimal());
    }

    [Fact]
    public void Score_json_file_honours_seats()
    {
        var file = Write("score2.json", """
            {
              "candidates": ["Alice", "Bob", "Carol"],
              "scale": { "min": 0, "max": 5 },
              "ballots": [ { "scores": { "Alice": 1, "Bob": 3, "Carol": 5 } } ]
            }
            """);

        var (exit, output, errors) = Run("tally", "--method", "score", "--seats", "2", "--json", file);

        Assert.Equal("", errors);
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output.Trim());
        Assert.Equal(["Carol", "Bob"], doc.RootElement.GetProperty("elected").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void Score_outside_the_scale_is_an_error_naming_the_file_and_ballot()
    {
        var file = Write("bad.json", """
            {
              "candidates": ["Alice", "Bob"],
              "scale": { "min": 0, "max": 5 },
              "ballots": [
                { "scores": { "Alice": 5 } },
                { "scores": { "Alice": 1, "Bob": 7 } }
              ]
            }
            """);

        var (exit, output, errors) = Run("tally", "--method", "score", "--json", file);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains(file, errors);
        Assert.Contains("ballots[1]", errors);
        Assert.Contains("outside the scale 0 to 5", errors);
    }

    [Theory]
    [InlineData("""{ "candidates": ["A", "B"], "scale": { "min": 0, "max": 5 }, "ballots": [ { "scores": { "Zed": 1 } } ] }""", "not a listed candidate")]
    [InlineData("""{ "candidates": ["A", "B"], "scale": { "min": 0, "max": 5 }, "ballots": [ { "scores": { "A": 2.5 } } ] }""", "whole number")]
    [InlineData("""{ "candidates": ["A", "B"], "scale": { "min": 0, "max": 5 }, "ballots": [ { "ranking": ["A"] } ] }""", "ballots[0].scores")]
    [InlineData("""{ "candidates": ["A", "B"], "ballots": [ { "ranking": ["A"], "scores": { "A": 1 } } ] }""", "\"scale\"")]
    [InlineData("""{ "candidates": ["A", "B"], "scale": { "min": 5, "max": 0 }, "ballots": [] }""", "\"scale\"")]
    public void Malformed_score_files_are_errors_naming_the_file(string json, string expected)
    {
        var file = Write("malformed.json", json);

        var (exit, _, errors) = Run("tally", "--method", "score", file);

        Assert.Equal(1, exit);
        Assert.Contains(file, errors);
        Assert.Contains(expected, errors);
    }

    [Fact]
    public void Ranked_only_file_cannot_be_counted_by_score()
    {
        var file = Write("ranked.json", """
            { "candidates": ["Alice", "Bob"], "ballots": [ { "count": 2, "ranking": ["Alice", "Bob"] } ] }
            """);

        var (exit, output, errors) = Run("tally", "--method", "score", file);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains(file, errors);
        Assert.Contains("carries rankings, not scores", errors);
    }

    [Fact]
    public void Score_file_still_counts_by_ranked_methods()
    {
        var file = Write("both.json", """
            {
              "candidates": ["Alice", "Bob"],
              "scale": { "min": 0, "max": 5 },
              "ballots": [
                { "count": 2, "scores": { "Alice": 5 }, "ranking": ["Alice"] },
                { "scores": { "Bob": 5 } }
              ]
            }
            """);

        var (exit, output, errors) = Run("tally", "--method", "plurality", "--json", file);

        Assert.Equal("", errors);
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output.Trim());
        Assert.Equal(["Alice"], doc.RootElement.GetProperty("elected").EnumerateArray().Select(e => e.GetString()!));
    }
}
