using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Groundwork.Tally.Formats;

/// Debian's published tally sheets (www.debian.org/vote/…/vote_NNN_tally.txt): a header naming the options
/// ("Option 1--->: Name"), then one line per voter, "V: 3-12----  hash", one character per option giving
/// the rank the voter put on it ('-' = unranked). Equal digits are equal rankings. Each line is one voter
/// of weight 1; identical lines are merged later by the counting methods.
/// Debian's constitution also drops options that fail the quorum or the majority against the default option
/// before the Schulze count; that is a rule of the vote, not of the sheet, and is not applied here.
public static partial class DebianTally
{
    // Sheets are a few hundred lines; anything this large is not one, and reading it whole would be the problem.
    const long MaxBytes = 64L * 1024 * 1024;

    [GeneratedRegex(@"Option\s+(\d+)-*>:\s*(.*?)\s*$")]
    private static partial Regex OptionLine();

    [GeneratedRegex(@"^V:\s+(\S+)(\s+\S+)?\s*$")]
    private static partial Regex VoteLine();

    /// Errors as values, for the command: the file and line of the first problem.
    public static BallotReadResult Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
                return new(null, new BallotFormatException(path, 0, $"{info.Length:N0} bytes is far too large for a Debian tally sheet."));
            return Parse(Decode(File.ReadAllBytes(path)), path, Path.GetFileNameWithoutExtension(path));
        }
        catch (IOException e)
        {
            return new(null, new BallotFormatException(path, 0, e.Message));
        }
        catch (UnauthorizedAccessException e)
        {
            return new(null, new BallotFormatException(path, 0, e.Message));
        }
    }

    /// Throws <see cref="FormatException"/> ("file:line: problem") on a malformed sheet.
    public static Election Parse(string path)
    {
        var result = Read(path);
        return result.Election ?? throw new FormatException(result.Error!.Message);
    }

    /// Throws <see cref="FormatException"/> ("file:line: problem") on a malformed sheet.
    public static Election Parse(string text, string fileName)
    {
        var result = Parse(text, fileName, Path.GetFileNameWithoutExtension(fileName));
        return result.Election ?? throw new FormatException(result.Error!.Message);
    }

    /// Older sheets are Latin-1 (2007 has "Raphaël" in it as one byte), newer ones UTF-8: try UTF-8 strictly
    /// and fall back, rather than turning names into replacement characters.
    static string Decode(byte[] bytes)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.Latin1.GetString(bytes); }
    }

    static BallotReadResult Parse(string text, string file, string title)
    {
        var options = new List<string>();
        var ballots = new List<RankedBallot>();
        var lineNumber = 0;
        BallotReadResult Fail(string problem) => new(null, new BallotFormatException(file, lineNumber, problem));
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            var vote = VoteLine().Match(line);
            if (vote.Success)
            {
                if (options.Count == 0) return Fail("a vote before any 'Option N--->: name' line.");
                var ballot = ParseVote(vote.Groups[1].Value, options.Count, out var problem);
                if (ballot is null) return Fail(problem!);
                ballots.Add(ballot);
                continue;
            }
            if (line.StartsWith("V:", StringComparison.Ordinal)) return Fail("a vote line must be 'V: <ranks> <hash>'.");
            var option = OptionLine().Match(line);
            if (!option.Success) continue;
            if (ballots.Count > 0) return Fail("an option after the votes have started.");
            if (!int.TryParse(option.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number != options.Count + 1)
                return Fail($"option {option.Groups[1].Value} out of order (expected {options.Count + 1}).");
            options.Add(option.Groups[2].Value);
        }
        lineNumber = 0;
        if (options.Count == 0) return Fail("no 'Option N--->: name' lines; is this a Debian tally sheet?");
        return new(new Election(options, 1, ballots) { Title = title }, null);
    }

    static RankedBallot? ParseVote(string ranks, int options, out string? problem)
    {
        problem = null;
        if (ranks.Length != options)
        {
            problem = $"the vote '{ranks}' has {ranks.Length} marks for {options} options.";
            return null;
        }
        var byRank = new SortedDictionary<int, List<int>>();
        for (var c = 0; c < ranks.Length; c++)
        {
            var ch = ranks[c];
            if (ch == '-') continue;
            // Digits first; devotee writes ranks above 9 as letters.
            var upper = char.ToUpperInvariant(ch);
            int rank;
            if (ch is >= '0' and <= '9') rank = ch - '0';
            else if (upper is >= 'A' and <= 'Z') rank = 10 + upper - 'A';
            else
            {
                problem = $"'{ch}' is not a rank (a digit, a letter or '-').";
                return null;
            }
            if (!byRank.TryGetValue(rank, out var tier)) byRank[rank] = tier = [];
            tier.Add(c);
        }
        return new RankedBallot(1, [.. byRank.Values.Select(t => t.ToArray())]);
    }
}
