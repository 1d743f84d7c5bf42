using System.Globalization;
using System.Text;

namespace Groundwork.Tally.Formats;

/// Ranked ballots as CSV, in the shape of RCTab's aggregated cast-vote records:
/// <code>
/// count,choice1,choice2,choice3
/// 3864,MARK ANDREW,undervote,undervote
/// </code>
/// `undervote` (or an empty cell) is a skipped rank, `overvote` a rank with several marks, `UWI` an undeclared
/// write-in (the pseudo-candidate "Undeclared Write-ins"). Names are compared exactly; a field may be quoted
/// ("STROUD, JR."). Identical rows are merged.
public static class RankedCsv
{
    public const string UndeclaredWriteIns = "Undeclared Write-ins";

    public static BallotReadResult Read(string path, IReadOnlyList<string>? knownCandidates = null, int seats = 1)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 14, FileOptions.SequentialScan);
            using var text = new StreamReader(stream, new UTF8Encoding(false, false), true, 1 << 14);
            return Read(text, path, knownCandidates, seats);
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

    public static BallotReadResult Read(TextReader text, string file, IReadOnlyList<string>? knownCandidates = null, int seats = 1)
    {
        try
        {
            using var lines = new LineReader(text, file);
            return new(Parse(lines, knownCandidates, seats), null);
        }
        catch (BallotFormatException e)
        {
            return new(null, e);
        }
    }

    static Election Parse(LineReader reader, IReadOnlyList<string>? known, int seats)
    {
        var names = new List<string>(known ?? []);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) index[names[i]] = i;
        int? uwi = index.TryGetValue(UndeclaredWriteIns, out int k) ? k : null;
        var acc = new BallotAccumulator();
        var fields = new List<string>();
        int[] one = new int[1];
        bool firstLine = true;
        while (reader.TryReadLine(out var line))
        {
            if (line.Trim().IsEmpty) continue;
            Split(line, fields, reader);
            if (firstLine)
            {
                firstLine = false;
                if (!long.TryParse(fields[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    if (!fields[0].Trim().Equals("count", StringComparison.OrdinalIgnoreCase))
                        throw reader.Error($"expected a header starting \"count\" or a ballot row, found \"{Clip(fields[0])}\"");
                    continue;
                }
            }
            if (!long.TryParse(fields[0].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
                throw reader.Error($"ballot count \"{Clip(fields[0])}\" is not a whole number");
            if (count < 0) throw reader.Error($"ballot count {count} is negative");
            for (int f = 1; f < fields.Count; f++)
            {
                var cell = fields[f].Trim();
                if (cell.Length == 0 || cell.Equals("undervote", StringComparison.OrdinalIgnoreCase)) { acc.Add([]); continue; }
                if (cell.Equals("overvote", StringComparison.OrdinalIgnoreCase)) { one[0] = RankedBallot.Overvote; acc.Add(one); continue; }
                if (cell == "UWI") cell = UndeclaredWriteIns;
                if (!index.TryGetValue(cell, out int c))
                {
                    if (names.Count >= 100_000) throw reader.Error("more than 100,000 distinct candidate names");
                    c = names.Count;
                    names.Add(cell);
                    index[cell] = c;
                    if (cell == UndeclaredWriteIns) uwi = c;
                }
                one[0] = c;
                acc.Add(one);
            }
            if (!acc.Commit(count)) throw reader.Error($"more than {BallotAccumulator.MaxTotalWeight:N0} ballots in one file");
        }
        if (firstLine) throw new BallotFormatException(reader.File, 0, "file is empty");
        if (names.Count == 0) throw new BallotFormatException(reader.File, reader.LineNumber, "no candidate is named on any ballot");
        return new Election(names, Math.Min(seats, names.Count), acc.ToBallots()) { UndeclaredWriteIn = uwi };
    }

    static void Split(ReadOnlySpan<char> line, List<string> fields, LineReader reader)
    {
        fields.Clear();
        var sb = new StringBuilder();
        int i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw reader.Error("a quoted field is not closed");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',') throw reader.Error("text after a closing quote");
            }
            else
            {
                int end = line[i..].IndexOf(',');
                end = end < 0 ? line.Length : i + end;
                sb.Append(line[i..end]);
                i = end;
            }
            fields.Add(sb.ToString());
            if (i >= line.Length) return;
            i++; // the comma
        }
    }

    static string Clip(string t) => t.Length <= 40 ? t : string.Concat(t.AsSpan(0, 40), "…");
}
