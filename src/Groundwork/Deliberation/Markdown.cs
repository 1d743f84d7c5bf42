using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;

namespace Groundwork.Deliberation;

/// Members write Markdown; what is shown is Markdig's HTML with raw HTML disabled, then cleaned by HtmlSanitizer
/// against a short allow-list (no scripts, handlers, styles, images or non-web links), links marked nofollow.
public static partial class Markdown
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml().UseAutoLinks().UseEmphasisExtras().UsePipeTables().UseSoftlineBreakAsHardlineBreak().Build();

    static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "strong", "em", "del", "ins", "mark", "sub", "sup", "code", "pre", "blockquote",
                "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        s.KeepChildNodes = true;
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a)
                a.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return s;
    }

    /// Safe HTML for a member's Markdown.
    public static string ToSafeHtml(string markdown)
    {
        var html = Markdig.Markdown.ToHtml(markdown, Pipeline);
        return Sanitizer.Sanitize(html);
    }

    /// The members a text names: @[Display Name], or @Name for a one-word name.
    public static HashSet<string> Mentions(string markdown)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Bracketed().Matches(markdown)) names.Add(m.Groups[1].Value.Trim());
        foreach (Match m in Bare().Matches(markdown)) names.Add(m.Groups[1].Value.TrimEnd('.', '-'));
        return names;
    }

    [GeneratedRegex(@"@\[([^\]\r\n]{1,100})\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"(?<![\w@])@([\p{L}\p{N}_.\-]{2,50})")]
    private static partial Regex Bare();
}
