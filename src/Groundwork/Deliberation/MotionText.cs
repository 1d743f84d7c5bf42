using System.Text.Json;
using System.Text.RegularExpressions;
using Groundwork.Web;

namespace Groundwork.Deliberation;

/// A motion's text as paragraphs, and how an amendment changes it: pure functions, tested without a host.
public static partial class MotionText
{
    public const int MaxParagraphs = 200;
    public const int MaxParagraph = 10_000;
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// Paragraphs are separated by blank lines; line ends are normalized and surrounding space trimmed.
    public static List<string> Split(string text) =>
        [.. BlankLine().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
            .Select(p => p.Trim()).Where(p => p.Length > 0)];

    public static List<Paragraph> Number(IEnumerable<string> paragraphs) => [.. paragraphs.Select((t, i) => new Paragraph(i + 1, 1, t))];

    public static string Serialize(List<Paragraph> paragraphs) => JsonSerializer.Serialize(paragraphs, Json);

    public static List<Paragraph> Deserialize(string json) => JsonSerializer.Deserialize<List<Paragraph>>(json, Json) ?? [];

    public static string Join(IEnumerable<Paragraph> paragraphs) => string.Join("\n\n", paragraphs.Select(p => p.Text));

    /// The paragraph at a 1-based position, as members see it numbered.
    public static Paragraph? At(List<Paragraph> paragraphs, int position) =>
        position >= 1 && position <= paragraphs.Count ? paragraphs[position - 1] : null;

    /// The text after the amendment, or why it cannot apply (the paragraph is gone or was changed since it was drafted).
    public static Outcome<List<Paragraph>> Apply(List<Paragraph> paragraphs, Amendment a)
    {
        var list = paragraphs.ToList();
        if (a.Kind == AmendmentKind.InsertAfter)
        {
            var at = a.ParagraphKey == 0 ? 0 : list.FindIndex(p => p.Key == a.ParagraphKey) + 1;
            if (at == 0 && a.ParagraphKey != 0) return Failure.Conflict("The paragraph this amendment follows is no longer in the motion.");
            if (list.Count >= MaxParagraphs) return Failure.Conflict("A motion has at most 200 paragraphs.");
            var key = list.Count == 0 ? 1 : list.Max(p => p.Key) + 1;
            list.Insert(at, new Paragraph(key, 1, a.NewText));
            return list;
        }
        var i = list.FindIndex(p => p.Key == a.ParagraphKey);
        if (i < 0) return Failure.Conflict("The paragraph this amendment changes is no longer in the motion.");
        if (list[i].Revision != a.ParagraphRevision)
            return Failure.Conflict("The paragraph this amendment changes was amended since it was proposed.");
        if (a.Kind == AmendmentKind.Delete)
        {
            if (list.Count == 1) return Failure.Conflict("A motion cannot lose its last paragraph.");
            list.RemoveAt(i);
        }
        else list[i] = list[i] with { Revision = list[i].Revision + 1, Text = a.NewText };
        return list;
    }

    /// Would the amendment still apply to this text? (An adopted amendment to the same paragraph makes the others lapse.)
    public static bool Applies(List<Paragraph> paragraphs, Amendment a) => Apply(paragraphs, a).Ok;

    public enum Change { Same, Removed, Added }

    public sealed record Segment(Change Change, string Text);

    /// A word-level diff (longest common subsequence) of the old paragraph against the new one.
    public static List<Segment> Diff(string before, string after)
    {
        var a = Words().Matches(before).Select(m => m.Value).ToArray();
        var b = Words().Matches(after).Select(m => m.Value).ToArray();
        // Long paragraphs: fall back to whole-paragraph removal/addition rather than a quadratic table.
        if ((long)a.Length * b.Length > 4_000_000)
            return [.. new[] { new Segment(Change.Removed, before), new Segment(Change.Added, after) }.Where(s => s.Text.Length > 0)];
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<Segment>();
        void Add(Change c, string w)
        {
            if (result.Count > 0 && result[^1].Change == c) result[^1] = result[^1] with { Text = result[^1].Text + w };
            else result.Add(new Segment(c, w));
        }
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { Add(Change.Same, a[x]); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) Add(Change.Removed, a[x++]);
            else Add(Change.Added, b[y++]);
        }
        while (x < a.Length) Add(Change.Removed, a[x++]);
        while (y < b.Length) Add(Change.Added, b[y++]);
        return result;
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLine();

    // A word with the space after it, so joined segments read back as the text.
    [GeneratedRegex(@"\S+\s*|\s+")]
    private static partial Regex Words();
}
