using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Groundwork.Tally.Formats;

/// A count as one line of JSON (for machines) or as a stage report (for people).
public static class ResultWriter
{
    static readonly JsonWriterOptions options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// {"file","method","seats","quota","elected":[names],"excluded":[names],"stages":[{"action","subjects",
    /// "elected","totals":{name:number},"exhausted","nonTransferable","quota"?}], "counts"?, "lots", "notes"}.
    /// Numbers are the method's exact decimals (Scottish STV: 5 places), never binary floating point.
    /// <paramref name="method"/> is the name the caller asked for; when the count names itself differently
    /// (plurality with several seats is block voting) that name follows as "variant".
    public static void WriteJsonLine(TallyResult r, string file, IBufferWriter<byte> output, string? method = null)
    {
        using var w = new Utf8JsonWriter(output, options);
        var names = r.Candidates;
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("method", method ?? r.Method);
        if (method is not null && method != r.Method) w.WriteString("variant", r.Method);
        w.WriteNumber("seats", r.Seats);
        if (r.Quota is decimal q) w.WriteNumber("quota", q); else w.WriteNull("quota");
        Names(w, "elected", r.Elected, names);
        Names(w, "excluded", r.Excluded, names);
        w.WriteStartArray("stages");
        foreach (var s in r.Stages)
        {
            w.WriteStartObject();
            w.WriteString("action", s.Action);
            Names(w, "subjects", s.Subjects, names);
            Names(w, "elected", s.Elected, names);
            w.WriteStartObject("totals");
            foreach (var (c, v) in s.Totals.OrderBy(kv => kv.Key)) w.WriteNumber(names[c], v);
            w.WriteEndObject();
            w.WriteNumber("exhausted", s.Exhausted);
            w.WriteNumber("nonTransferable", s.NonTransferable);
            if (s.Quota is decimal sq) w.WriteNumber("quota", sq);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.Counts is { } counts)
        {
            w.WriteStartObject("counts");
            foreach (var (c, v) in counts.OrderBy(kv => kv.Key)) w.WriteNumber(names[c], v);
            w.WriteEndObject();
        }
        if (r.Pairwise is { } pairwise)
        {
            w.WriteStartArray("pairwise");
            foreach (var row in pairwise)
            {
                w.WriteStartArray();
                foreach (var v in row) w.WriteNumberValue(v);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteStartArray("lots");
        foreach (var lot in r.Lots)
        {
            w.WriteStartObject();
            w.WriteString("reason", lot.Reason);
            Names(w, "among", lot.Among, names);
            w.WriteString("chosen", names[lot.Chosen]);
            w.WriteNumber("seed", lot.Seed);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var note in r.Notes) w.WriteStringValue(note);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void Names(Utf8JsonWriter w, string property, IEnumerable<int> list, IReadOnlyList<string> names)
    {
        w.WriteStartArray(property);
        foreach (int c in list) w.WriteStringValue(names[c]);
        w.WriteEndArray();
    }

    public static void WriteReport(TallyResult r, string file, TextWriter o)
    {
        var names = r.Candidates;
        int width = Math.Min(48, names.Count == 0 ? 10 : names.Max(n => n.Length)) + 2;
        o.WriteLine($"{file}: {r.Method}, {r.Seats} seat{(r.Seats == 1 ? "" : "s")}{(r.Quota is decimal q ? $", quota {Num(q)}" : "")}");
        int k = 1;
        foreach (var s in r.Stages)
        {
            string about = s.Subjects.Count == 0 ? "" : " " + string.Join(", ", s.Subjects.Select(c => names[c]));
            o.WriteLine($"  Stage {k++}: {s.Action}{about}{(s.Quota is decimal sq && r.Quota != sq ? $" (quota {Num(sq)})" : "")}");
            foreach (var (c, v) in s.Totals.OrderBy(kv => kv.Key))
                o.WriteLine($"    {names[c].PadRight(width)}{Num(v),16}");
            // IRV has no transfers to lose value in: what leaves the count is exhausted (inactive) ballots.
            if (r.Method == "irv") o.WriteLine($"    {"exhausted".PadRight(width)}{Num(s.Exhausted),16}");
            else o.WriteLine($"    {"non-transferable".PadRight(width)}{Num(s.NonTransferable),16}");
            if (s.Elected.Count > 0) o.WriteLine($"    elected: {string.Join(", ", s.Elected.Select(c => names[c]))}");
        }
        if (r.Counts is { } counts)
            foreach (var (c, v) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key))
                o.WriteLine($"    {names[c].PadRight(width)}{Num(v),16}");
        foreach (var lot in r.Lots)
            o.WriteLine($"  By lot ({lot.Reason}, seed {lot.Seed}): {names[lot.Chosen]} from {string.Join(", ", lot.Among.Select(c => names[c]))}");
        foreach (var note in r.Notes) o.WriteLine($"  Note: {note}");
        o.WriteLine($"  Elected: {string.Join(", ", r.Elected.Select(c => names[c]))}");
        if (r.Excluded.Count > 0) o.WriteLine($"  Excluded: {string.Join(", ", r.Excluded.Select(c => names[c]))}");
        o.WriteLine();
    }

    static string Num(decimal v) => v.ToString("0.#########", CultureInfo.InvariantCulture);

    internal static string Utf8(ArrayBufferWriter<byte> buffer) => Encoding.UTF8.GetString(buffer.WrittenSpan);
}
