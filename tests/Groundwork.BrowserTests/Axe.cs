using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Groundwork.BrowserTests;

/// axe-core (installed by test.sh with npm from this folder's package-lock.json) run on the page as it is.
public static class Axe
{
    static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static readonly Lazy<string> ScriptPath = new(() =>
    {
        var path = Path.Combine(RepoRoot.Find(), "tests", "Groundwork.BrowserTests", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"{path} is missing: run `npm ci` in tests/Groundwork.BrowserTests (test.sh does).");
    });

    const string Run = """
        async (tags) => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return JSON.stringify(result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary }))
          })));
        }
        """;

    /// Fails on any violation of impact serious or critical, listing each with the elements it was found on.
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        // Site adds axe-core to every document as an init script, through the DevTools protocol, which the
        // page's CSP does not govern: the pages are checked under the CSP they really have.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            throw new InvalidOperationException($"axe-core is not loaded on {page.Url}.");
        var json = await page.EvaluateAsync<string>(Run, Tags);
        var violations = JsonSerializer.Deserialize<List<Violation>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count == 0) return;

        var text = new StringBuilder($"axe-core: {serious.Count} serious or critical violation(s) on {page.Url}\n");
        foreach (var v in serious)
        {
            text.Append($"- [{v.Impact}] {v.Id}: {v.Help}\n");
            foreach (var n in v.Nodes)
                text.Append($"    at {n.Target}\n      {n.Html}\n      {n.Summary?.Replace("\n", "\n      ", StringComparison.Ordinal)}\n");
        }
        Assert.Fail(text.ToString());
    }

    sealed record Violation(string Id, string? Impact, string Help, List<Node> Nodes);

    sealed record Node(string Target, string Html, string? Summary);
}
