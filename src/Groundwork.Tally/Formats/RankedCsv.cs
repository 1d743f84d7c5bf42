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
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var lines = new LineReader(stream, path);
            return new(Parse(lines, knownCandidates, seats), null);
        }
        catch (BallotFormatException e)
        {
            return new(null, e);
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
            using var lines = LineReader.FromText(text, file);
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
        // Cells are looked up by their decoded characters, so a name costs a string only the first time.
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        int? uwi = index.TryGetValue(UndeclaredWriteIns, out int k) ? k : null;
        var acc = new BallotAccumulator();
        var fields = new List<(int Start, int Length)>();
        var cells = new byte[256];
        var chars = new char[256];
        int[] one = new int[1];
        bool firstLine = true;
        while (reader.TryReadLine(out var line))
        {
            if (Utf8Text.Trim(line).IsEmpty) continue;
            Split(line, fields, ref cells, reader);
            ReadOnlySpan<byte> Field(int f) => cells.AsSpan(fields[f].Start, fields[f].Length);
            if (firstLine)
            {
                firstLine = false;
                if (!long.TryParse(Utf8Text.Trim(Field(0)), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    if (!Ascii.EqualsIgnoreCase(Utf8Text.Trim(Field(0)), "count"u8))
                        throw reader.Error($"expected a header starting \"count\" or a ballot row, found \"{Utf8Text.Clip(Field(0))}\"");
                    continue;
                }
            }
            if (!long.TryParse(Utf8Text.Trim(Field(0)), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
                throw reader.Error($"ballot count \"{Utf8Text.Clip(Field(0))}\" is not a whole number");
            if (count < 0) throw reader.Error($"ballot count {count} is negative");
            for (int f = 1; f < fields.Count; f++)
            {
                var cell = Utf8Text.Trim(Field(f));
                if (cell.Length == 0 || Ascii.EqualsIgnoreCase(cell, "undervote"u8)) { acc.Add([]); continue; }
                if (Ascii.EqualsIgnoreCase(cell, "overvote"u8)) { one[0] = RankedBallot.Overvote; acc.Add(one); continue; }
                if (chars.Length < cell.Length) chars = new char[cell.Length * 2];
                int decoded = LineReader.Utf8.GetChars(cell, chars);
                ReadOnlySpan<char> name = cell.SequenceEqual("UWI"u8) ? UndeclaredWriteIns : chars.AsSpan(0, decoded).Trim();
                if (!lookup.TryGetValue(name, out int c))
                {
                    if (names.Count >= 100_000) throw reader.Error("more than 100,000 distinct candidate names");
                    var added = name.ToString();
                    c = names.Count;
                    names.Add(added);
                    index[added] = c;
                    if (added == UndeclaredWriteIns) uwi = c;
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

    // Fields as ranges of `cells`, which holds the line's fields with quotes removed ("" unescaped).
    static void Split(ReadOnlySpan<byte> line, List<(int Start, int Length)> fields, ref byte[] cells, LineReader reader)
    {
        fields.Clear();
        if (cells.Length < line.Length) cells = new byte[line.Length * 2];
        int i = 0, o = 0;
        while (true)
        {
            int start = o;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw reader.Error("a quoted field is not closed");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { cells[o++] = (byte)'"'; i += 2; continue; }
                        i++;
                        break;
                    }
                    cells[o++] = line[i++];
                }
                if (i < line.Length && line[i] != ',') throw reader.Error("text after a closing quote");
            }
            else
            {
                int end = line[i..].IndexOf((byte)',');
                end = end < 0 ? line.Length : i + end;
                line[i..end].CopyTo(cells.AsSpan(o));
                o += end - i;
                i = end;
            }
            fields.Add((start, o - start));
            if (i >= line.Length) return;
            i++; // the comma
        }
    }
}
