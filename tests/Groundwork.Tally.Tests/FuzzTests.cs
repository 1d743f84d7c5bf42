using System.Text;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Irv;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Tests;

/// Generated inputs at volume: the real files, mutated thousands of times by a seeded generator (so a failure
/// reproduces), must each give either an election that every method counts, or a clean error naming the file
/// and a line. Crashes found this way are kept below as regression tests.
public sealed class FuzzTests
{
    static readonly string[] Corpus =
    [
        "stv_method_cases_droop/blt/SC.blt",
        "stv_method_cases_droop/blt/42.blt",
        "stv_method_cases_droop/blt/meek/eq2.blt",
        "stv_method_cases_droop/blt/SC-Vm-12.blt",
        "loomio_published_counts/ers97.blt",
        "scotland2017/blt/shetland_2017_ward7.blt",
        "scotland2017/blt/orkney_2017_ward1.blt",
    ];

    static readonly string[] Replacements = ["-5", "99", "0", "x", "99999999999999999999", "1.5", "", "1=2", "-", "0 0", "\"", "[nick a]", "#", "2147483648", "-1 -2"];
    static readonly byte[] Interesting = "0123456789 -=\n\r\"#[]x,".Select(c => (byte)c).Concat(new byte[] { 0, 0xFF, 0xC3 }).ToArray();

    static byte[] Mutate(byte[] source, Lot rng)
    {
        var data = new List<byte>(source);
        int rounds = 1 + rng.Below(3);
        for (int r = 0; r < rounds && data.Count > 0; r++)
        {
            int at = rng.Below(data.Count);
            switch (rng.Below(7))
            {
                case 0:
                    data[at] = Interesting[rng.Below(Interesting.Length)];
                    break;
                case 1:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + rng.Below(40)));
                    break;
                case 2:
                    int len = Math.Min(data.Count - at, 1 + rng.Below(200));
                    data.InsertRange(rng.Below(data.Count), data.GetRange(at, len));
                    break;
                case 3:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 4:
                    // Replace one whitespace-delimited token.
                    int start = at, end = at;
                    while (start > 0 && data[start - 1] is not (byte)' ' and not (byte)'\n') start--;
                    while (end < data.Count && data[end] is not (byte)' ' and not (byte)'\n') end++;
                    data.RemoveRange(start, end - start);
                    data.InsertRange(start, Encoding.UTF8.GetBytes(Replacements[rng.Below(Replacements.Length)]));
                    break;
                case 5:
                    data.Insert(at, Interesting[rng.Below(Interesting.Length)]);
                    break;
                default:
                    // Swap this line with the next.
                    int ls = at;
                    while (ls > 0 && data[ls - 1] != '\n') ls--;
                    int le = data.IndexOf((byte)'\n', at);
                    if (le < 0 || le + 1 >= data.Count) break;
                    int ne = data.IndexOf((byte)'\n', le + 1);
                    if (ne < 0) ne = data.Count - 1;
                    var first = data.GetRange(ls, le - ls + 1);
                    var second = data.GetRange(le + 1, ne - le);
                    data.RemoveRange(ls, ne - ls + 1);
                    data.InsertRange(ls, second.Concat(first));
                    break;
            }
        }
        return [.. data];
    }

    static void CountEverything(Election e)
    {
        // Methods may refuse an election they cannot count (ArgumentException, as documented); nothing else.
        foreach (var count in new Func<Election, TallyResult>[]
                 {
                     x => ScottishStv.Count(x), x => WigmStv.Count(x), x => MeekStv.Count(x),
                     x => InstantRunoff.Count(x), x => InstantRunoff.Count(x, IrvRules.Maine with { Seats = x.Seats }),
                 })
        {
            try
            {
                var r = count(e);
                Assert.True(r.Elected.Count <= e.Seats);
                Assert.Equal(r.Elected.Count, r.Elected.Distinct().Count());
            }
            catch (ArgumentException)
            {
                // A refusal, with a message, is a clean outcome.
            }
        }
    }

    [Fact]
    public void Mutated_blt_files_read_cleanly_or_fail_with_file_and_line()
    {
        var rng = new Lot(20261125);
        int ok = 0, errors = 0;
        var sources = Corpus.Select(c => File.ReadAllBytes(StvTestData.Path_(c.Split('/')))).ToList();
        for (int k = 0; k < 4000; k++)
        {
            var bytes = Mutate(sources[rng.Below(sources.Count)], rng);
            int lines = bytes.Count(b => b == '\n') + 1;
            var read = Blt.Read(new MemoryStream(bytes), "fuzz.blt");
            if (read.Error is { } error)
            {
                errors++;
                Assert.StartsWith("fuzz.blt", error.Message, StringComparison.Ordinal);
                Assert.InRange(error.Line, 0, lines);
                Assert.False(string.IsNullOrWhiteSpace(error.Problem));
            }
            else
            {
                ok++;
                Assert.Equal(read.Election!.Candidates.Count, read.Election.Candidates.Count);
                if (k % 4 == 0) CountEverything(read.Election);
            }
        }
        // Both outcomes must actually occur, or the mutations are not exercising the reader.
        Assert.True(ok > 400 && errors > 400, $"{ok} read, {errors} rejected");
    }

    [Fact]
    public void Mutated_csv_and_json_files_read_cleanly_or_fail_with_file_and_line()
    {
        var rng = new Lot(7);
        var csv = File.ReadAllBytes(StvTestData.Path_("minneapolis", "2013_park_atlarge_ballots_aggregated.csv"))[..6000];
        var json = Encoding.UTF8.GetBytes("""
            {"title":"Board","seats":2,"candidates":["Alice","Bob","Carol","Dan"],"withdrawn":["Dan"],
             "ballots":[{"count":3,"ranking":["Alice","Bob"]},{"ranking":[["Alice","Bob"],"Carol"]},
                        {"count":2,"ranking":["Bob",null,"Alice"]},{"count":5,"ranking":["Carol"]}]}
            """);
        for (int k = 0; k < 3000; k++)
        {
            bool isCsv = k % 2 == 0;
            var bytes = Mutate(isCsv ? csv : json, rng);
            var read = isCsv
                ? RankedCsv.Read(new StringReader(Encoding.UTF8.GetString(bytes)), "fuzz.csv")
                : JsonBallots.Read(new MemoryStream(bytes), "fuzz.json");
            if (read.Error is { } error)
            {
                Assert.StartsWith(isCsv ? "fuzz.csv" : "fuzz.json", error.Message, StringComparison.Ordinal);
                Assert.InRange(error.Line, 0, bytes.Count(b => b == '\n') + 1);
            }
            else if (k % 8 < 2)
            {
                CountEverything(read.Election!);
            }
        }
    }

    [Fact]
    public void The_command_never_throws_on_mutated_files()
    {
        var rng = new Lot(99);
        string dir = Directory.CreateTempSubdirectory("tally-fuzz").FullName;
        var source = File.ReadAllBytes(StvTestData.Path_("stv_method_cases_droop", "blt", "SC.blt"));
        var files = new List<string>();
        for (int k = 0; k < 60; k++)
        {
            string f = Path.Combine(dir, $"m{k}.blt");
            File.WriteAllBytes(f, Mutate(source, rng));
            files.Add(f);
        }
        foreach (var method in Methods.Names.Where(m => Methods.Find(m) is not null))
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exit = TallyCommand.Run(["--method", method, "--json", .. files], stdout, stderr);
            Assert.InRange(exit, 0, 1);
            int printed = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            int failed = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("tally: " + dir, StringComparison.Ordinal));
            Assert.Equal(files.Count, printed + failed);
        }
    }
}

/// Crashes the fuzzing found, kept as plain regression tests.
public sealed class FuzzRegressionTests
{
    [Fact]
    public void Irv_with_more_seats_than_candidates_left_stops_instead_of_crashing()
    {
        var e = new Election(["A", "B"], 2, [RankedBallot.Strict(1, 0), RankedBallot.Strict(1, 1, 0)]) { Withdrawn = new HashSet<int> { 1 } };
        var result = InstantRunoff.Count(e);
        Assert.Equal([0], result.Elected);
        Assert.Contains(result.Notes, n => n.Contains("1 of 2 seats", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_with_invalid_utf8_in_a_name_is_a_format_error()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"candidates\":[\"A\"],\"ballots\":[{\"ranking\":[\"#\"]}]}");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;
        var read = JsonBallots.Read(new MemoryStream(bytes), "bad.json");
        Assert.NotNull(read.Error);
        Assert.Contains("not valid UTF-8", read.Error.Message, StringComparison.Ordinal);
    }
}
