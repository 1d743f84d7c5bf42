using System.Text;
using System.Text.RegularExpressions;

namespace Groundwork.Tally.Formats;

/// Debian's published tally sheets (www.debian.org/vote/…/vote_NNN_tally.txt): a header naming the options
/// ("Option 1--->: Name"), then one line per voter, "V: 3-12----  hash", one character per option giving
/// the rank the voter put on it ('-' = unranked). Equal digits are equal rankings. Each line is one voter
/// of weight 1; identical lines are merged later by the counting methods.
public static partial class DebianTally
{
    [GeneratedRegex(@"Option\s+(\d+)-*>:\s*(.*?)\s*$")]
    private static partial Regex OptionLine();

    [GeneratedRegex(@"^V:\s+(\S+)(\s+\S+)?\s*$")]
    private static partial Regex VoteLine();

    public static Election Parse(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Parse(Decode(bytes), Path.GetFileName(path));
    }

    /// Older sheets are Latin-1 (2007 has "Raphaël" in it as one byte), newer ones UTF-8: try UTF-8 strictly
    /// and fall back, rather than turning names into replacement characters.
    static string Decode(byte[] bytes)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.Latin1.GetString(bytes); }
    }

    public static Election Parse(string text, string fileName)
    {
        var options = new SortedDictionary<int, string>();
        var ballots = new List<RankedBallot>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var vote = VoteLine().Match(line.TrimEnd('\r'));
            if (vote.Success)
            {
                ballots.Add(ParseVote(vote.Groups[1].Value, options.Count, fileName, lineNumber));
                continue;
            }
            if (line.StartsWith("V:", StringComparison.Ordinal))
                throw new FormatException($"{fileName}:{lineNumber}: a vote line must be 'V: <ranks> <hash>'.");
            var option = OptionLine().Match(line);
            if (!option.Success) continue;
            if (ballots.Count > 0)
                throw new FormatException($"{fileName}:{lineNumber}: an option after the votes have started.");
            var number = int.Parse(option.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (number != options.Count + 1)
                throw new FormatException($"{fileName}:{lineNumber}: option {number} out of order (expected {options.Count + 1}).");
            options[number] = option.Groups[2].Value;
        }
        if (options.Count == 0) throw new FormatException($"{fileName}: no 'Option N--->: name' lines; is this a Debian tally sheet?");
        return new Election([.. options.Values], 1, ballots) { Title = Path.GetFileNameWithoutExtension(fileName) };
    }

    static RankedBallot ParseVote(string ranks, int options, string fileName, int lineNumber)
    {
        if (ranks.Length != options)
            throw new FormatException($"{fileName}:{lineNumber}: the vote '{ranks}' has {ranks.Length} marks for {options} options.");
        var byRank = new SortedDictionary<int, List<int>>();
        for (var c = 0; c < ranks.Length; c++)
        {
            var ch = ranks[c];
            if (ch == '-') continue;
            // Digits first; devotee writes ranks above 9 as letters.
            var rank = ch is >= '0' and <= '9' ? ch - '0'
                : char.ToUpperInvariant(ch) is var u and >= 'A' and <= 'Z' ? 10 + u - 'A'
                : throw new FormatException($"{fileName}:{lineNumber}: '{ch}' is not a rank (a digit, a letter or '-').");
            if (!byRank.TryGetValue(rank, out var tier)) byRank[rank] = tier = [];
            tier.Add(c);
        }
        return new RankedBallot(1, [.. byRank.Values.Select(t => t.ToArray())]);
    }
}
