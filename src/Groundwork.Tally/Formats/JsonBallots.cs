using System.Text.Json;
using Groundwork.Tally.Simple;

namespace Groundwork.Tally.Formats;

/// Ballots as JSON:
/// <code>
/// {
///   "title": "Board 2026",                       optional
///   "seats": 2,                                  optional, default 1
///   "candidates": ["Alice", "Bob", "Carol"],
///   "withdrawn": ["Carol"],                      optional
///   "ballots": [
///     { "count": 3, "ranking": ["Alice", "Bob"] },
///     { "count": 1, "ranking": [["Alice", "Bob"], "Carol"] },   an inner list ranks equally
///     { "ranking": ["Bob", null, "Alice"] }                       null skips a rank; count defaults to 1
///   ]
/// }
/// </code>
/// A file may carry scores instead of (or as well as) rankings, for the score method:
/// <code>
/// {
///   "candidates": ["Alice", "Bob", "Carol"],
///   "scale": { "min": 0, "max": 5 },             whole numbers, min ≤ max
///   "ballots": [
///     { "count": 2, "scores": { "Alice": 5, "Bob": 2 } },         a candidate left out is unscored
///     { "scores": { "Bob": 4, "Carol": 1 }, "ranking": ["Bob"] }  "ranking" is optional once "scale" is given
///   ]
/// }
/// </code>
/// With "scale", every ballot needs "scores" (an object of whole-number scores within the scale, by listed
/// candidate name); without it, "scores" is an error. A ballot without "ranking" is blank to ranked methods.
/// Candidates are named, never numbered, so a file cannot silently point at the wrong person.
public static class JsonBallots
{
    /// JSON is parsed whole; beyond this size use BLT or CSV, which stream.
    public const long MaxBytes = 256L << 20;

    public static BallotReadResult Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 14, FileOptions.SequentialScan);
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
        if (stream.CanSeek && stream.Length > MaxBytes)
            return new(null, new BallotFormatException(file, 0, $"JSON ballot files are limited to {MaxBytes >> 20} MB; use BLT or CSV for larger counts"));
        try
        {
            using var doc = JsonDocument.Parse(new BoundedStream(stream, MaxBytes, file));
            return new(Parse(doc.RootElement, file), null);
        }
        catch (JsonException e)
        {
            return new(null, new BallotFormatException(file, (e.LineNumber ?? -1) + 1, "not valid JSON: " + e.Message.Split(" Path:")[0]));
        }
        catch (BallotFormatException e)
        {
            return new(null, e);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            // The parser accepts any bytes inside a string; reading the name is where bad UTF-8 shows.
            return new(null, new BallotFormatException(file, 0, "a name is not valid UTF-8 text"));
        }
    }

    static Election Parse(JsonElement root, string file)
    {
        BallotFormatException Error(string problem) => new(file, 0, problem);
        if (root.ValueKind != JsonValueKind.Object) throw Error("expected an object with \"candidates\" and \"ballots\"");
        if (!root.TryGetProperty("candidates", out var cands) || cands.ValueKind != JsonValueKind.Array)
            throw Error("\"candidates\" must be a list of names");
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in cands.EnumerateArray())
        {
            if (c.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(c.GetString())) throw Error($"candidates[{names.Count}] must be a non-empty name");
            var name = c.GetString()!;
            if (!index.TryAdd(name, names.Count)) throw Error($"candidate \"{name}\" is listed twice");
            names.Add(name);
        }
        if (names.Count == 0) throw Error("\"candidates\" is empty");
        int seats = 1;
        if (root.TryGetProperty("seats", out var s))
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out seats) || seats < 1 || seats > names.Count)
                throw Error($"\"seats\" must be a whole number from 1 to {names.Count}");
        }
        string? title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var withdrawn = new HashSet<int>();
        if (root.TryGetProperty("withdrawn", out var wd))
        {
            if (wd.ValueKind != JsonValueKind.Array) throw Error("\"withdrawn\" must be a list of names");
            foreach (var w in wd.EnumerateArray())
                withdrawn.Add(w.ValueKind == JsonValueKind.String && index.TryGetValue(w.GetString()!, out int wi) ? wi
                    : throw Error($"withdrawn {w.GetRawText()}: not a listed candidate"));
        }
        if (!root.TryGetProperty("ballots", out var ballots) || ballots.ValueKind != JsonValueKind.Array)
            throw Error("\"ballots\" must be a list");
        (int Min, int Max)? scale = null;
        if (root.TryGetProperty("scale", out var sc))
        {
            if (sc.ValueKind != JsonValueKind.Object
                || !sc.TryGetProperty("min", out var mn) || mn.ValueKind != JsonValueKind.Number || !mn.TryGetInt32(out int min)
                || !sc.TryGetProperty("max", out var mx) || mx.ValueKind != JsonValueKind.Number || !mx.TryGetInt32(out int max)
                || min > max)
                throw Error("\"scale\" must be {\"min\": m, \"max\": n} with whole numbers m ≤ n");
            scale = (min, max);
        }
        var scoreBallots = scale is null ? null : new List<ScoreBallot>();
        var acc = new BallotAccumulator();
        var tier = new List<int>();
        int i = 0;
        foreach (var b in ballots.EnumerateArray())
        {
            string at = $"ballots[{i++}]";
            if (b.ValueKind != JsonValueKind.Object) throw Error($"{at} must be an object with \"ranking\" or \"scores\"");
            long count = 1;
            if (b.TryGetProperty("count", out var cnt) && (cnt.ValueKind != JsonValueKind.Number || !cnt.TryGetInt64(out count) || count < 0))
                throw Error($"{at}.count must be a whole number, zero or more");
            bool hasScores = b.TryGetProperty("scores", out var scores);
            if (scale is not { } range)
            {
                if (hasScores) throw Error($"{at}.scores needs a top-level \"scale\" ({{\"min\": m, \"max\": n}})");
            }
            else
            {
                if (!hasScores || scores.ValueKind != JsonValueKind.Object)
                    throw Error($"{at}.scores must be an object of scores by candidate name");
                var given = new int?[names.Count];
                foreach (var p in scores.EnumerateObject())
                {
                    if (!index.TryGetValue(p.Name, out int c))
                        throw Error($"{at}.scores names \"{p.Name}\", which is not a listed candidate");
                    if (given[c] is not null) throw Error($"{at}.scores gives \"{p.Name}\" twice");
                    if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out int v))
                        throw Error($"{at}.scores[\"{p.Name}\"] must be a whole number");
                    if (v < range.Min || v > range.Max)
                        throw Error($"{at}.scores[\"{p.Name}\"] is {v}, outside the scale {range.Min} to {range.Max}");
                    given[c] = v;
                }
                scoreBallots!.Add(new ScoreBallot(count, given));
            }
            bool hasRanking = b.TryGetProperty("ranking", out var ranking);
            if (scale is null && !hasRanking || hasRanking && ranking.ValueKind != JsonValueKind.Array)
                throw Error($"{at}.ranking must be a list");
            if (hasRanking) foreach (var r in ranking.EnumerateArray())
            {
                tier.Clear();
                switch (r.ValueKind)
                {
                    case JsonValueKind.Null: break;
                    case JsonValueKind.String: tier.Add(Lookup(r, at)); break;
                    case JsonValueKind.Array:
                        foreach (var e in r.EnumerateArray()) tier.Add(Lookup(e, at));
                        if (tier.Count == 0) throw Error($"{at}.ranking has an empty equal-ranking list");
                        break;
                    default: throw Error($"{at}.ranking entries must be names, lists of names, or null");
                }
                acc.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tier));
            }
            if (!acc.Commit(count)) throw Error($"more than {BallotAccumulator.MaxTotalWeight:N0} ballots in one file");
        }
        return new Election(names, seats, acc.ToBallots()) { Title = title, Withdrawn = withdrawn, ScoreBallots = scoreBallots, ScoreScale = scale };

        int Lookup(JsonElement e, string at) =>
            e.ValueKind == JsonValueKind.String && index.TryGetValue(e.GetString()!, out int c) ? c
                : throw Error($"{at}.ranking names {e.GetRawText()}, which is not a listed candidate");
    }

    // Stops a non-seekable source (a pipe) from feeding the parser more than the limit.
    sealed class BoundedStream(Stream inner, long limit, string file) : Stream
    {
        long read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            read += n;
            if (read > limit) throw new BallotFormatException(file, 0, $"JSON ballot files are limited to {limit >> 20} MB; use BLT or CSV for larger counts");
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
