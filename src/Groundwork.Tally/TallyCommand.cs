using System.Buffers;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Irv;

namespace Groundwork.Tally;

/// `tally --method <method> [--seats N] [--seed N] [--json] [IRV options] FILE…`: counts each file and prints a
/// stage report, or one JSON object per file per line. Every file is attempted; the exit code is 0 when all
/// were counted, 1 when any file could not be read or counted, 2 for a usage error.
public static class TallyCommand
{
    public const string Usage = """
        usage: tally --method <method> [--seats N] [--seed N] [--json] FILE…
          methods: plurality approval score irv scottish-stv meek-stv wigm-stv schulze schulze-margins
                   ranked-pairs majority-judgment
          files:   .blt (BLT), .csv (count,choice1,… as RCTab), .json (see Formats/JsonBallots.cs),
                   .txt (Debian tally sheet)
          irv:     textbook by default (one elimination per round, an overvote ends the ballot, skips allowed);
                   --rules minneapolis|maine (RCTab's), or --overvote exhaust|skip, --max-skipped N|unlimited,
                   --batch-elimination
          --seats defaults to the file's (BLT, JSON) or 1; --seed seeds any drawing of lots (recorded).
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        // Accept being called with or without the command word, so Program.Main can pass its args through.
        int i = args.Length > 0 && args[0] == "tally" ? 1 : 0;
        string? method = null;
        int? seats = null;
        int seed = 0;
        bool json = false;
        var irv = IrvRules.Plain;
        var files = new List<string>();
        for (; i < args.Length; i++)
        {
            string a = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (a)
            {
                case "--method" or "-m":
                    method = Value();
                    break;
                case "--seats":
                    if (!int.TryParse(Value(), out int s) || s < 1) return UsageError(stderr, "--seats needs a whole number of at least 1");
                    seats = s;
                    break;
                case "--seed":
                    if (!int.TryParse(Value(), out seed)) return UsageError(stderr, "--seed needs a whole number");
                    break;
                case "--json":
                    json = true;
                    break;
                case "--overvote":
                    OvervoteRule? rule = Value() switch
                    {
                        "exhaust" => OvervoteRule.ExhaustImmediately,
                        "skip" => OvervoteRule.AlwaysSkipToNextRank,
                        _ => null,
                    };
                    if (rule is null) return UsageError(stderr, "--overvote is exhaust or skip");
                    irv = irv with { Overvote = rule.Value };
                    break;
                case "--max-skipped":
                    var ms = Value();
                    if (ms == "unlimited") irv = irv with { MaxSkippedRanks = null };
                    else if (int.TryParse(ms, out int m) && m >= 0) irv = irv with { MaxSkippedRanks = m };
                    else return UsageError(stderr, "--max-skipped is a whole number or unlimited");
                    break;
                case "--rules":
                    IrvRules? preset = Value() switch
                    {
                        "plain" => IrvRules.Plain,
                        "minneapolis" => IrvRules.Minneapolis,
                        "maine" => IrvRules.Maine,
                        _ => null,
                    };
                    if (preset is null) return UsageError(stderr, "--rules is plain, minneapolis or maine");
                    irv = preset;
                    break;
                case "--batch-elimination":
                    irv = irv with { BatchElimination = true };
                    break;
                case "--help" or "-h":
                    stdout.WriteLine(Usage);
                    return 0;
                default:
                    if (a.StartsWith("--", StringComparison.Ordinal)) return UsageError(stderr, $"unknown option {a}");
                    files.Add(a);
                    break;
            }
        }
        if (method is null) return UsageError(stderr, "--method is required");
        if (!Methods.IsKnown(method)) return UsageError(stderr, $"unknown method \"{method}\"");
        var count = Methods.Find(method);
        if (count is null)
        {
            stderr.WriteLine($"tally: the method \"{method}\" is not available in this build");
            return 2;
        }
        if (files.Count == 0) return UsageError(stderr, "no ballot files given");

        var options = new MethodOptions { Seats = seats, LotSeed = seed, Irv = irv };
        // Files are independent: read and count them in parallel, then print in the order given.
        var outputs = new string[files.Count];
        var errors = new string?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            (outputs[f], errors[f]) = CountFile(files[f], method, count, options, json);
        });
        int failed = 0;
        for (int f = 0; f < files.Count; f++)
        {
            if (errors[f] is string e) { stderr.WriteLine(e); failed++; }
            else stdout.Write(outputs[f]);
        }
        if (failed > 0) stderr.WriteLine($"tally: {failed} of {files.Count} file{(files.Count == 1 ? "" : "s")} could not be counted");
        return failed > 0 ? 1 : 0;
    }

    static (string Output, string? Error) CountFile(string file, string method, Func<Election, MethodOptions, TallyResult> count, MethodOptions options, bool json)
    {
        TallyResult result;
        try
        {
            // STV and the pairwise methods over a BLT file: read straight into merged preference lists or
            // rank vectors (no object per ballot).
            if (Methods.FindForPreferences(method) is { } countPreferences && IsBlt(file) && File.Exists(file))
            {
                var stv = Blt.ReadForStv(file, splitEqual: method == Stv.MeekStv.Name);
                if (stv.Error is { } stvError) return ("", "tally: " + stvError.Message);
                var b = stv.Ballots!;
                if (options.Seats is int s1 && s1 > b.Table.Candidates.Count)
                    return ("", $"tally: {file}: {s1} seats but only {b.Table.Candidates.Count} candidates");
                result = countPreferences(b.Table, b.Seats, options);
            }
            else if (Methods.FindForPairwise(method) is { } countPairwise && IsBlt(file) && File.Exists(file))
            {
                var read = Blt.ReadForPairwise(file);
                if (read.Error is { } pairwiseError) return ("", "tally: " + pairwiseError.Message);
                var p = read.Ballots!;
                if (options.Seats is int s2 && s2 > p.Candidates.Count)
                    return ("", $"tally: {file}: {s2} seats but only {p.Candidates.Count} candidates");
                result = countPairwise(p, options);
            }
            else
            {
                var read = Read(file);
                if (read.Error is { } error) return ("", "tally: " + error.Message);
                var election = read.Election!;
                if (options.Seats is int s && s > election.Candidates.Count)
                    return ("", $"tally: {file}: {s} seats but only {election.Candidates.Count} candidates");
                result = count(election, options);
            }
        }
        catch (ArgumentException e)
        {
            // The methods reject elections they cannot count (no seats, an impossible option) this way.
            return ("", $"tally: {file}: cannot count by {method}: {e.Message}");
        }
        catch (OverflowException)
        {
            return ("", $"tally: {file}: the ballot weights are too large for {method}'s arithmetic");
        }
        if (json)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            ResultWriter.WriteJsonLine(result, file, buffer, method);
            return (ResultWriter.Utf8(buffer) + "\n", null);
        }
        var text = new StringWriter();
        ResultWriter.WriteReport(result, file, text);
        return (text.ToString(), null);
    }

    static bool IsBlt(string file) => Path.GetExtension(file).ToLowerInvariant() is not (".csv" or ".json" or ".txt");

    public static BallotReadResult Read(string file)
    {
        string ext = Path.GetExtension(file).ToLowerInvariant();
        if (!File.Exists(file)) return new(null, new BallotFormatException(file, 0, "no such file"));
        switch (ext)
        {
            case ".csv": return RankedCsv.Read(file);
            case ".json": return JsonBallots.Read(file);
            case ".txt":
                try
                {
                    return new(DebianTally.Parse(file), null);
                }
                catch (FormatException e)
                {
                    return new(null, new BallotFormatException(file, 0, e.Message));
                }
                catch (IOException e)
                {
                    return new(null, new BallotFormatException(file, 0, e.Message));
                }
            default: return Blt.Read(file);
        }
    }

    static int UsageError(TextWriter stderr, string problem)
    {
        stderr.WriteLine($"tally: {problem}");
        stderr.WriteLine(Usage);
        return 2;
    }
}
