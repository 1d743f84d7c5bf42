using System.Globalization;

namespace Groundwork.Tally.Formats;

/// The BLT format of STV counters (ERS, OpenSTV, Droop, scot-elex):
/// <code>
/// ncandidates nseats
/// -2 -5                      optional: withdrawn candidates
/// count pref pref … 0        one line per ballot (or group of identical ballots); "2=3" ranks equally, "-" skips
/// 0                          end of ballots
/// "Name" …                   one per candidate, quoted or not; ""Party"" inside quotes is a literal quote
/// "Title"
/// </code>
/// Lines starting with '#' are comments. Real files vary: unquoted names, a missing final newline,
/// mis-decoded UTF-8, and names given only as "# ALTERNATIVE NAME n: …" comments are all accepted.
public static class Blt
{
    public static BallotReadResult Read(string path)
    {
        try
        {
            using var stream = Open(path);
            return Read(stream, path);
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

    public static BallotReadResult Read(Stream stream, string file)
    {
        try
        {
            using var lines = new LineReader(stream, file);
            return new(Parse(lines), null);
        }
        catch (BallotFormatException e)
        {
            return new(null, e);
        }
    }

    public static BallotReadResult Read(TextReader text, string file)
    {
        try
        {
            using var lines = LineReader.FromText(text, file);
            return new(Parse(lines), null);
        }
        catch (BallotFormatException e)
        {
            return new(null, e);
        }
    }

    static Election Parse(LineReader reader)
    {
        var (names, seats, title, withdrawn, acc) = Parse(reader, static (_, _) => new BallotAccumulator());
        return new Election(names, seats, acc.ToBallots()) { Title = title, Withdrawn = withdrawn };
    }

    /// Reads a BLT file straight into the merged strict preference lists the STV counts use, without
    /// building a ballot object per line: the fast path for counting many or large files. With
    /// <paramref name="splitEqual"/> (Meek) a ballot that ranks candidates equally is kept whole, to be split.
    public static StvReadResult ReadForStv(string path, bool splitEqual = false)
    {
        try
        {
            using var stream = Open(path);
            using var lines = new LineReader(stream, path);
            // A BLT ballot line is rarely shorter than 16 bytes: size the merge table once from the file length.
            int expected = (int)Math.Min(stream.Length / 16, 1 << 22);
            var (names, seats, title, withdrawn, sink) = Parse(lines, (n, w) => new StrictBallotSink(n, w, expected, splitEqual));
            return new(new StvBallots(sink.Build(names, withdrawn), seats, title), null);
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

    /// Reads a BLT file straight into merged rank vectors and their pairwise matrix (Schulze, ranked pairs):
    /// no ballot object per line, memory bounded by the distinct ballots. A large file is read by two cores,
    /// each counting half of the ballot lines.
    public static PairwiseReadResult ReadForPairwise(string path)
    {
        try
        {
            if (Environment.ProcessorCount > 1 && new FileInfo(path).Length >= TwoCoreMinBytes)
            {
                try
                {
                    return ReadForPairwise(path, inTwo: true);
                }
                catch (SecondHalf.Unusual)
                {
                    // Something only the careful reader handles (or words as an error): read it on one core.
                }
            }
            return ReadForPairwise(path, inTwo: false);
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

    static PairwiseReadResult ReadForPairwise(string path, bool inTwo)
    {
        using var stream = Open(path);
        using var lines = new LineReader(stream, path);
        long bytes = stream.Length;
        // A line ranking all n candidates is at least 2n + 2 bytes: sized for that many distinct ballots (it
        // grows if they rank fewer), within 256 MB of rank vectors.
        int Expected(int n) => (int)Math.Min(bytes / (2 * n + 2) / (inTwo ? 2 : 1), (256L << 20) / n);
        using var half = inTwo ? new SecondHalf(path, bytes / 2, n => new Condorcet.RankSink(n, Expected(n))) : null;
        var (names, seats, title, withdrawn, sink) = Parse(lines, (n, _) => new Condorcet.RankSink(n, Expected(n)), half);
        var d = sink.Finish();
        if (half?.Sink is { } other)
        {
            if (sink.Total + other.Total > BallotAccumulator.MaxTotalWeight) throw new SecondHalf.Unusual();
            var d2 = other.Finish();
            for (int k = 0; k < d.Length; k++) d[k] += d2[k];
        }
        return new(new PairwiseBallots(names, seats, withdrawn, d) { Title = title }, null);
    }

    /// The ballot lines of a file's second half, read on another core while the first half is read: only the
    /// plain lines the fast path reads; anything else (and any error) sends the whole file to the careful
    /// one-core reader, so messages and line numbers are the same either way.
    sealed class SecondHalf(string path, long middle, Func<int, Condorcet.RankSink> makeSink) : IDisposable
    {
        public sealed class Unusual : Exception;

        Task<bool>? work;
        long endOffset, lines;
        bool terminated;
        public Condorcet.RankSink? Sink { get; private set; }
        /// Where the second half starts: the first line start after the middle.
        public long Offset { get; } = LineStartAfter(path, middle);

        static long LineStartAfter(string path, long middle)
        {
            using var s = Open(path);
            s.Position = middle;
            var buffer = new byte[1 << 16];
            long at = middle;
            while (true)
            {
                int n = s.Read(buffer);
                if (n == 0) return long.MaxValue;
                int nl = buffer.AsSpan(0, n).IndexOf((byte)'\n');
                if (nl >= 0) return at + nl + 1;
                at += n;
            }
        }

        public void Start(int candidates)
        {
            if (Offset == long.MaxValue) return;
            work = Task.Run(() => Read(candidates));
        }

        bool Read(int candidates)
        {
            using var s = Open(path);
            using var reader = LineReader.At(s, path, Offset);
            var sink = makeSink(candidates);
            var order = new int[2 * candidates + 8];
            bool? style = null;
            while (true)
            {
                long lineStart = reader.Offset;
                if (!reader.TryReadLine(out var line)) return false;
                var t = Utf8Text.Trim(line);
                if (t.IsEmpty || t[0] == '#') continue;
                if (t.SequenceEqual("0"u8))
                {
                    endOffset = lineStart;
                    lines = reader.LineNumber - 1;
                    terminated = style ?? true;
                    Sink = sink;
                    return true;
                }
                if (!TryFastBallot(t, sink, ref order, candidates, out long count, out bool lineTerminated)) return false;
                style ??= lineTerminated;
                if (lineTerminated != style || !sink.Commit(count)) return false;
            }
        }

        /// Waits for the second half; false when it met something unusual.
        public bool Join(out long end, out long lineCount, out bool lineStyle)
        {
            bool ok = work is not null && work.GetAwaiter().GetResult();
            end = endOffset;
            lineCount = lines;
            lineStyle = terminated;
            return ok;
        }

        public void Dispose()
        {
            // An early error in the first half leaves the second to finish on its own; wait so its file closes.
            try { work?.Wait(); }
            catch (AggregateException) { }
        }
    }

    /// Files from this size are read by two cores (a setting only so that tests can read small files so).
    internal static long TwoCoreMinBytes { get; set; } = 16L << 20;

    static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    static (List<string> Names, int Seats, string? Title, HashSet<int> Withdrawn, TSink Sink) Parse<TSink>(
        LineReader reader, Func<int, HashSet<int>, TSink> makeSink, SecondHalf? secondHalf = null) where TSink : IBallotSink
    {
        var altNames = new SortedDictionary<int, string>();
        ReadOnlySpan<byte> line;

        // Header.
        int candidates = 0, seats = 0;
        while (true)
        {
            if (!reader.TryReadLine(out line)) throw reader.Error("file is empty: expected \"candidates seats\" on the first line");
            var t = Utf8Text.Trim(line);
            if (t.IsEmpty) continue;
            if (t[0] == '#') { NoteAltName(t, altNames); continue; }
            var tokens = new Utf8Text.Tokens(t);
            if (!tokens.Next(out var a) || !tokens.Next(out var b) || tokens.Next(out _))
                throw reader.Error($"expected \"candidates seats\" (two whole numbers), found \"{Clip(t)}\"");
            candidates = ParseInt(a, reader, "number of candidates");
            seats = ParseInt(b, reader, "number of seats");
            if (candidates < 1) throw reader.Error("the number of candidates must be at least 1");
            if (candidates > 100_000) throw reader.Error($"{candidates:N0} candidates is more than this counter accepts (100,000)");
            if (seats < 1) throw reader.Error("the number of seats must be at least 1");
            break;
        }

        var withdrawn = new HashSet<int>();
        var acc = makeSink(candidates, withdrawn);
        secondHalf?.Start(candidates);
        Dictionary<string, int>? nicknames = null;
        bool? terminatedStyle = null;
        var tier = new List<int>();
        var order = new int[2 * candidates + 8];
        bool ended = false, first = true;
        while (true)
        {
            if (secondHalf is not null && reader.Offset >= secondHalf.Offset)
            {
                // The other core has read the ballots from here on: go on after them.
                if (!secondHalf.Join(out long endOffset, out long lines, out bool halfTerminated) || halfTerminated != (terminatedStyle ?? halfTerminated))
                    throw new SecondHalf.Unusual();
                reader.SkipTo(endOffset, lines);
                secondHalf = null;
            }
            if (!reader.TryReadLine(out line)) break;
            var t = Utf8Text.Trim(line);
            if (t.IsEmpty) continue;
            if (t[0] == '#') { NoteAltName(t, altNames); continue; }
            // Droop's option lines, e.g. "[tie 3 2 1]" or "[nick a b c]" (ballots then name candidates by
            // nickname). Only nicknames change how the ballots read.
            if (first && t[0] == '[')
            {
                var opt = new Utf8Text.Tokens(t.Trim("[]"u8));
                if (opt.Next(out var kind) && kind.SequenceEqual("nick"u8))
                {
                    nicknames = [];
                    while (opt.Next(out var nick)) nicknames[Utf8Text.Decode(nick)] = nicknames.Count + 1;
                }
                continue;
            }
            if (first && t[0] == '-')
            {
                first = false;
                var wt = new Utf8Text.Tokens(t);
                while (wt.Next(out var tok))
                {
                    int w = ParseInt(tok, reader, "withdrawn candidate");
                    if (w >= 0 || -w > candidates) throw reader.Error($"withdrawn candidate \"{Clip(tok)}\" must be -1 … -{candidates}");
                    withdrawn.Add(-w - 1);
                }
                continue;
            }
            first = false;
            if (nicknames is null && TryFastBallot(t, acc, ref order, candidates, out long fastCount, out bool fastTerminated))
            {
                terminatedStyle ??= fastTerminated;
                if (fastTerminated == terminatedStyle)
                {
                    if (!acc.Commit(fastCount)) throw reader.Error($"more than {BallotAccumulator.MaxTotalWeight:N0} ballots in one file");
                    continue;
                }
                acc.Discard();
            }
            var tokens = new Utf8Text.Tokens(t);
            tokens.Next(out var countTok);
            if (countTok.Length > 0 && countTok[0] == '(')
            {
                // Some writers prefix a ballot identifier in parentheses.
                if (!tokens.Next(out countTok)) throw reader.Error("ballot line has an identifier but no count");
            }
            if (countTok.SequenceEqual("0"u8) && !tokens.Next(out _)) { ended = true; break; }
            long count = ParseLong(countTok, reader, "ballot count");
            if (count < 0) throw reader.Error($"ballot count {count} is negative");
            bool terminated = false;
            while (tokens.Next(out var tok))
            {
                if (terminated) throw reader.Error($"\"{Clip(tok)}\" after the 0 that ends the ballot");
                if (tok.SequenceEqual("0"u8)) { terminated = true; continue; }
                if (tok.SequenceEqual("-"u8)) { acc.Add([]); continue; }
                tier.Clear();
                var rest = tok;
                while (true)
                {
                    int eq = rest.IndexOf((byte)'=');
                    var p = eq < 0 ? rest : rest[..eq];
                    int c = nicknames is not null && nicknames.TryGetValue(Utf8Text.Decode(p), out int nc)
                        ? nc : ParseInt(p, reader, "preference");
                    if (c < 1 || c > candidates)
                        throw reader.Error($"ballot names candidate {c}, but candidates are numbered 1 … {candidates}");
                    tier.Add(c - 1);
                    if (eq < 0) break;
                    rest = rest[(eq + 1)..];
                }
                acc.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tier));
            }
            // The first ballot sets the file's style: most writers end every ballot with 0, and then a line
            // without it is damage; a few (OpenTally's ERS97 conversion) omit it throughout.
            terminatedStyle ??= terminated;
            if (!terminated && terminatedStyle == true)
            {
                acc.Discard();
                throw reader.Error("ballot line does not end with 0 (the lines before it do)");
            }
            if (!acc.Commit(count)) throw reader.Error($"more than {BallotAccumulator.MaxTotalWeight:N0} ballots in one file");
        }
        if (!ended) throw new BallotFormatException(reader.File, reader.LineNumber, "file ends before the line \"0\" that closes the ballots (truncated?)");

        // Names, then the title.
        var names = new List<string>(candidates);
        string? title = null;
        while (reader.TryReadLine(out line))
        {
            var t = Utf8Text.Trim(line);
            if (t.IsEmpty) continue;
            if (t[0] == '#') { NoteAltName(t, altNames); continue; }
            if (names.Count < candidates) names.Add(Unquote(t));
            else if (title is null) title = Unquote(t);
            // Anything after the title (Droop puts source notes there) is commentary.
        }
        if (names.Count < candidates)
        {
            if (altNames.Count == candidates && names.Count <= 1)
            {
                title ??= names.Count == 1 ? names[0] : null;
                names = [.. altNames.Values];
            }
            else
            {
                throw new BallotFormatException(reader.File, reader.LineNumber,
                    $"expected {candidates} candidate names after the ballots, found {names.Count} (truncated?)");
            }
        }
        if (seats > candidates) throw new BallotFormatException(reader.File, 1, $"{seats} seats but only {candidates} candidates");
        return (names, seats, title, withdrawn, acc);
    }

    // The common case, a well-formed line of digits with one candidate per rank, read in one pass without
    // tokenizing and handed over whole. Anything unusual (a sign, a letter, a number out of range, "=" or "-",
    // an identifier, the end line) returns false and the careful path below reads the line again and words
    // the error.
    static bool TryFastBallot<TSink>(ReadOnlySpan<byte> t, TSink acc, ref int[] order, int candidates, out long count, out bool terminated)
        where TSink : IBallotSink
    {
        count = 0;
        terminated = false;
        int i = 0;
        int digits = 0;
        while (i < t.Length && (uint)(t[i] - '0') <= 9)
        {
            if (++digits > 12) return false;
            count = count * 10 + (t[i++] - '0');
        }
        if (digits == 0 || count == 0 && t.Length == 1) return false;
        if (order.Length < t.Length / 2 + 1) order = new int[t.Length];
        int length = 0;
        while (true)
        {
            int spaces = i;
            while (i < t.Length && (t[i] == ' ' || t[i] == '\t')) i++;
            if (i == t.Length) break;
            if (i == spaces || terminated) return false;
            int c = 0, d = i;
            while (i < t.Length && (uint)(t[i] - '0') <= 9) c = c * 10 + (t[i++] - '0');
            if (i == d || i - d > 9 || c > candidates) return false;
            if (i < t.Length && t[i] != ' ' && t[i] != '\t') return false;
            if (c == 0) terminated = true;
            else order[length++] = c - 1;
        }
        acc.AddStrict(order.AsSpan(0, length));
        return true;
    }

    static void NoteAltName(ReadOnlySpan<byte> t, SortedDictionary<int, string> altNames)
    {
        var prefix = "# ALTERNATIVE NAME "u8;
        if (t.Length < prefix.Length || !System.Text.Ascii.EqualsIgnoreCase(t[..prefix.Length], prefix)) return;
        var rest = t[prefix.Length..];
        int colon = rest.IndexOf((byte)':');
        if (colon > 0 && int.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int i))
            altNames[i] = Utf8Text.Decode(Utf8Text.Trim(rest[(colon + 1)..]));
    }

    static string Unquote(ReadOnlySpan<byte> t)
    {
        if (t.Length >= 2 && t[0] == '"' && t[^1] == '"') return Utf8Text.Decode(t[1..^1]).Replace("\"\"", "\"", StringComparison.Ordinal);
        return Utf8Text.Decode(t);
    }

    static string Clip(ReadOnlySpan<byte> t) => Utf8Text.Clip(t);

    static int ParseInt(ReadOnlySpan<byte> tok, LineReader reader, string what) =>
        int.TryParse(tok, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
            ? v : throw reader.Error($"{what} \"{Clip(tok)}\" is not a whole number");

    static long ParseLong(ReadOnlySpan<byte> tok, LineReader reader, string what) =>
        long.TryParse(tok, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v : throw reader.Error($"{what} \"{Clip(tok)}\" is not a whole number");

    public static void Write(Election election, TextWriter w)
    {
        w.Write(election.Candidates.Count.ToString(CultureInfo.InvariantCulture));
        w.Write(' ');
        w.WriteLine(election.Seats.ToString(CultureInfo.InvariantCulture));
        if (election.Withdrawn.Count > 0)
            w.WriteLine(string.Join(' ', election.Withdrawn.Order().Select(c => (-(c + 1)).ToString(CultureInfo.InvariantCulture))));
        foreach (var b in election.Ballots)
        {
            w.Write(b.Weight.ToString(CultureInfo.InvariantCulture));
            foreach (var tier in b.Ranking)
            {
                w.Write(' ');
                if (tier.Length == 0) { w.Write('-'); continue; }
                if (tier.Any(c => c < 0 || c >= election.Candidates.Count))
                    throw new ArgumentException("BLT cannot express an overvote or an unknown candidate.", nameof(election));
                w.Write(string.Join('=', tier.Select(c => (c + 1).ToString(CultureInfo.InvariantCulture))));
            }
            w.WriteLine(" 0");
        }
        w.WriteLine('0');
        foreach (var name in election.Candidates) w.WriteLine(Quote(name));
        w.WriteLine(Quote(election.Title ?? ""));
    }

    static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
