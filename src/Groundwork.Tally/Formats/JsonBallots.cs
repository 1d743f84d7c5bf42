using System.Text;
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
    /// A JSON file is streamed, but a non-seekable source (a pipe) is held in memory to be read twice when
    /// "ballots" comes before "candidates" or "scale"; and beyond this size BLT or CSV are the formats.
    public const long MaxBytes = 256L << 20;

    public static BallotReadResult Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
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
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                new BoundedStream(stream, MaxBytes, file).CopyTo(copy);
                copy.Position = 0;
                stream = copy;
            }
            return new(new Parser(stream, file).Parse(), null);
        }
        catch (JsonException e)
        {
            return new(null, new BallotFormatException(file, (e.LineNumber ?? -1) + 1, "not valid JSON: " + e.Message.Split(" LineNumber:")[0].Split(" Path:")[0]));
        }
        catch (BallotFormatException e)
        {
            return new(null, e);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            // The tokenizer accepts any bytes inside a string; reading the name is where bad UTF-8 shows.
            return new(null, new BallotFormatException(file, 0, "a name is not valid UTF-8 text"));
        }
    }

    /// One pass over the tokens (Utf8JsonReader over a refilled byte buffer), no document in memory. The ballots
    /// are read as they stream when "candidates" (and "scale", if any) came before them, as every writer puts
    /// them; otherwise the file is read a second time for the ballots alone.
    sealed class Parser(Stream stream, string file)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        int length;
        bool final;
        long read;

        List<string>? names;
        Dictionary<string, int>? index;
        int? seats;
        string? title;
        List<string>? withdrawnNames;
        (int Min, int Max)? scale;
        bool ballotsSeen, ballotsRead, rereadBallots, atStart;
        string? deferred;                // an error that a later "scale" would make no error
        BallotAccumulator acc = new();
        List<ScoreBallot>? scoreBallots;
        readonly List<int> tier = [];
        char[] chars = new char[256];

        BallotFormatException Error(string problem) => new(file, 0, problem);

        public Election Parse()
        {
            try
            {
                ReadTopLevel(ballotsOnly: false);
                if (names is null) throw Error("\"candidates\" must be a list of names");
                if (!ballotsSeen) throw Error("\"ballots\" must be a list");
                if (rereadBallots || !ballotsRead)
                {
                    stream.Position = 0;
                    length = 0;
                    final = false;
                    read = 0;
                    deferred = null;
                    acc = new BallotAccumulator();
                    scoreBallots = null;
                    ReadTopLevel(ballotsOnly: true);
                }
                if (deferred is not null) throw Error(deferred);
                if (seats is int s && (s < 1 || s > names.Count))
                    throw Error($"\"seats\" must be a whole number from 1 to {names.Count}");
                var withdrawn = new HashSet<int>();
                foreach (var w in withdrawnNames ?? [])
                    withdrawn.Add(index!.TryGetValue(w, out int wi) ? wi : throw Error($"withdrawn \"{w}\": not a listed candidate"));
                return new Election(names, seats ?? 1, acc.ToBallots())
                {
                    Title = title,
                    Withdrawn = withdrawn,
                    ScoreBallots = scoreBallots,
                    ScoreScale = scale,
                };
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                buffer = [];
            }
        }

        void ReadTopLevel(bool ballotsOnly)
        {
            var r = new Utf8JsonReader(ReadOnlySpan<byte>.Empty, false, default);
            atStart = true;
            Refill(ref r);
            if (!Next(ref r)) throw new BallotFormatException(file, 1, "not valid JSON: the file is empty");
            if (r.TokenType != JsonTokenType.StartObject) throw Error("expected an object with \"candidates\" and \"ballots\"");
            while (Next(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                string property = r.GetString()!;
                if (!Next(ref r)) break;
                if (ballotsOnly)
                {
                    if (property == "ballots" && r.TokenType == JsonTokenType.StartArray) ReadBallots(ref r);
                    else Skip(ref r);
                    continue;
                }
                switch (property)
                {
                    case "candidates":
                        if (ballotsSeen) rereadBallots = true;
                        ReadCandidates(ref r);
                        break;
                    case "seats":
                        seats = r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int st) ? st : -1;
                        Skip(ref r);
                        break;
                    case "title":
                        title = r.TokenType == JsonTokenType.String ? r.GetString() : null;
                        Skip(ref r);
                        break;
                    case "withdrawn":
                        ReadWithdrawn(ref r);
                        break;
                    case "scale":
                        if (ballotsSeen) rereadBallots = true;
                        ReadScale(ref r);
                        break;
                    case "ballots":
                        ballotsSeen = true;
                        if (r.TokenType != JsonTokenType.StartArray) throw Error("\"ballots\" must be a list");
                        if (names is null) { Skip(ref r); break; }
                        ReadBallots(ref r);
                        ballotsRead = true;
                        break;
                    default:
                        Skip(ref r);
                        break;
                }
            }
            // The rest must still be well-formed JSON.
            while (Next(ref r)) { }
        }

        void ReadCandidates(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartArray) throw Error("\"candidates\" must be a list of names");
            names = [];
            index = new Dictionary<string, int>(StringComparer.Ordinal);
            while (Next(ref r) && r.TokenType != JsonTokenType.EndArray)
            {
                string? name = r.TokenType == JsonTokenType.String ? r.GetString() : null;
                if (string.IsNullOrWhiteSpace(name)) throw Error($"candidates[{names.Count}] must be a non-empty name");
                if (!index.TryAdd(name, names.Count)) throw Error($"candidate \"{name}\" is listed twice");
                names.Add(name);
            }
            if (names.Count == 0) throw Error("\"candidates\" is empty");
        }

        void ReadWithdrawn(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartArray) throw Error("\"withdrawn\" must be a list of names");
            withdrawnNames = [];
            while (Next(ref r) && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.String) throw Error($"withdrawn {Describe(ref r)}: not a listed candidate");
                withdrawnNames.Add(r.GetString()!);
            }
        }

        void ReadScale(ref Utf8JsonReader r)
        {
            const string problem = "\"scale\" must be {\"min\": m, \"max\": n} with whole numbers m ≤ n";
            if (r.TokenType != JsonTokenType.StartObject) throw Error(problem);
            int? min = null, max = null;
            while (Next(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                string p = r.GetString()!;
                Next(ref r);
                int? v = r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int x) ? x : null;
                if (p == "min") min = v ?? throw Error(problem);
                else if (p == "max") max = v ?? throw Error(problem);
                Skip(ref r);
            }
            if (min is not int mn || max is not int mx || mn > mx) throw Error(problem);
            scale = (mn, mx);
        }

        void ReadBallots(ref Utf8JsonReader r)
        {
            scoreBallots = scale is null ? null : [];
            int i = 0;
            while (Next(ref r) && r.TokenType != JsonTokenType.EndArray)
            {
                string at = $"ballots[{i++}]";
                if (r.TokenType != JsonTokenType.StartObject) throw Error($"{at} must be an object with \"ranking\" or \"scores\"");
                long count = 1;
                bool hasScores = false, hasRanking = false;
                int?[]? given = null;
                while (Next(ref r) && r.TokenType == JsonTokenType.PropertyName)
                {
                    string p = r.GetString()!;
                    Next(ref r);
                    switch (p)
                    {
                        case "count":
                            if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out count) || count < 0)
                                throw Error($"{at}.count must be a whole number, zero or more");
                            break;
                        case "scores":
                            hasScores = true;
                            if (scale is not { } range)
                            {
                                deferred ??= $"{at}.scores needs a top-level \"scale\" ({{\"min\": m, \"max\": n}})";
                                Skip(ref r);
                                break;
                            }
                            given = ReadScores(ref r, at, range);
                            break;
                        case "ranking":
                            hasRanking = true;
                            ReadRanking(ref r, at);
                            break;
                        default:
                            Skip(ref r);
                            break;
                    }
                }
                if (scale is not null)
                {
                    if (!hasScores || given is null) throw Error($"{at}.scores must be an object of scores by candidate name");
                    scoreBallots!.Add(new ScoreBallot(count, given));
                }
                else if (!hasRanking)
                {
                    deferred ??= $"{at}.ranking must be a list";
                }
                if (!acc.Commit(count)) throw Error($"more than {BallotAccumulator.MaxTotalWeight:N0} ballots in one file");
            }
        }

        int?[] ReadScores(ref Utf8JsonReader r, string at, (int Min, int Max) range)
        {
            if (r.TokenType != JsonTokenType.StartObject) throw Error($"{at}.scores must be an object of scores by candidate name");
            var given = new int?[names!.Count];
            while (Next(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                string name = r.GetString()!;
                if (!index!.TryGetValue(name, out int c))
                    throw Error($"{at}.scores names \"{name}\", which is not a listed candidate");
                if (given[c] is not null) throw Error($"{at}.scores gives \"{name}\" twice");
                Next(ref r);
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out int v))
                    throw Error($"{at}.scores[\"{name}\"] must be a whole number");
                if (v < range.Min || v > range.Max)
                    throw Error($"{at}.scores[\"{name}\"] is {v}, outside the scale {range.Min} to {range.Max}");
                given[c] = v;
            }
            return given;
        }

        void ReadRanking(ref Utf8JsonReader r, string at)
        {
            if (r.TokenType != JsonTokenType.StartArray) throw Error($"{at}.ranking must be a list");
            while (Next(ref r) && r.TokenType != JsonTokenType.EndArray)
            {
                tier.Clear();
                switch (r.TokenType)
                {
                    case JsonTokenType.Null: break;
                    case JsonTokenType.String: tier.Add(Lookup(ref r, at)); break;
                    case JsonTokenType.StartArray:
                        while (Next(ref r) && r.TokenType != JsonTokenType.EndArray) tier.Add(Lookup(ref r, at));
                        if (tier.Count == 0) throw Error($"{at}.ranking has an empty equal-ranking list");
                        break;
                    default: throw Error($"{at}.ranking entries must be names, lists of names, or null");
                }
                acc.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tier));
            }
        }

        // A name is looked up by its characters, decoded into a reused buffer: no string per name.
        int Lookup(ref Utf8JsonReader r, string at)
        {
            if (r.TokenType == JsonTokenType.String)
            {
                int most = r.HasValueSequence ? (int)r.ValueSequence.Length : r.ValueSpan.Length;
                if (chars.Length < most) chars = new char[most * 2];
                int n = r.CopyString(chars);
                if (index!.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars.AsSpan(0, n), out int c)) return c;
            }
            throw Error($"{at}.ranking names {Describe(ref r)}, which is not a listed candidate");
        }

        static string Describe(ref Utf8JsonReader r) => r.TokenType switch
        {
            JsonTokenType.String => JsonSerializerQuote(r.GetString()!),
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "a list",
            _ => Encoding.UTF8.GetString(r.ValueSpan),
        };

        static string JsonSerializerQuote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        void Skip(ref Utf8JsonReader r)
        {
            if (r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
            int depth = r.CurrentDepth;
            while (Next(ref r) && r.CurrentDepth > depth) { }
        }

        /// The next token, refilling the buffer as the reader reaches its end; false at the end of the input.
        bool Next(ref Utf8JsonReader r)
        {
            while (!r.Read())
            {
                if (final) return false;
                Refill(ref r);
            }
            return true;
        }

        void Refill(ref Utf8JsonReader r)
        {
            int consumed = (int)r.BytesConsumed;
            var state = r.CurrentState;
            int rest = length - consumed;
            if (consumed > 0) Buffer.BlockCopy(buffer, consumed, buffer, 0, rest);
            length = rest;
            if (length == buffer.Length)
            {
                // One token larger than the buffer (a very long name): grow, within the file limit.
                var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                Buffer.BlockCopy(buffer, 0, bigger, 0, length);
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }
            while (length < buffer.Length)
            {
                int n = stream.Read(buffer, length, buffer.Length - length);
                if (n == 0) { final = true; break; }
                length += n;
                read += n;
                if (read > MaxBytes) throw new BallotFormatException(file, 0, $"JSON ballot files are limited to {MaxBytes >> 20} MB; use BLT or CSV for larger counts");
            }
            if (atStart)
            {
                atStart = false;
                if (length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    length -= 3;
                    Buffer.BlockCopy(buffer, 3, buffer, 0, length);
                }
            }
            r = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
        }
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
