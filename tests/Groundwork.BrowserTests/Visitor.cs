using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Groundwork.BrowserTests;

/// A person at a browser. Every page they reach, by a link, an address or a form, is checked with axe-core,
/// and for what a browser reports: a resource that failed to load, a refusal by the CSP, a script error.
public sealed class Visitor : IAsyncDisposable
{
    readonly IBrowserContext context;
    readonly IPage page;
    readonly AppProcess app;
    readonly ITestOutputHelper output;
    readonly List<string> problems = [];

    public Visitor(IBrowserContext context, IPage page, AppProcess app, ITestOutputHelper output)
    {
        this.context = context;
        this.page = page;
        this.app = app;
        this.output = output;
        page.Console += (_, m) =>
        {
            if (m.Type == "error") Report($"console error on {Path}: {m.Text}");
        };
        page.PageError += (_, e) => Report($"script error on {Path}: {e}");
        page.Response += (_, r) =>
        {
            if (!r.Request.IsNavigationRequest && r.Status >= 400) Report($"{r.Request.Method} {r.Url} answered {r.Status} on {Path}");
        };
        page.RequestFailed += (_, r) => Report($"{r.Method} {r.Url} failed ({r.Failure}) on {Path}");
    }

    void Report(string problem)
    {
        lock (problems) problems.Add(problem);
    }

    public IPage Page => page;

    /// The main content, where a page's own forms and links are (the header has its own forms).
    public ILocator Main => page.Locator("main");

    public string Path => new Uri(page.Url).PathAndQuery;

    /// Opens an address (relative to the app, or absolute like a link from an email).
    public async Task GoAsync(string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Ok: true }, $"GET {url} answered {response?.Status}:\n{Tail()}");
        await CheckAsync();
    }

    /// Clicks something that loads a new page (a link, a form's button) and checks the page it leads to.
    public async Task FollowAsync(ILocator target)
    {
        // The page's load event marks the new document; the last main-frame navigation response before it is
        // the page's own (after any redirects).
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IResponse? response = null;
        void OnResponse(object? sender, IResponse r)
        {
            if (r.Request.IsNavigationRequest && r.Frame == page.MainFrame) response = r;
        }
        void OnLoad(object? sender, IPage p) => loaded.TrySetResult();
        page.Response += OnResponse;
        page.Load += OnLoad;
        try
        {
            await target.ClickAsync();
            try
            {
                await loaded.Task.WaitAsync(Wait.ForStep);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"Gave up waiting for the page after {target} (from {Path}) to load after {Wait.ForStep.TotalSeconds:0.#} s ({Wait.StepVariable} sets the deadline):\n{Tail()}", e);
            }
        }
        finally
        {
            page.Response -= OnResponse;
            page.Load -= OnLoad;
        }
        Assert.True(response is null || response.Status < 500, $"{response?.Request.Method} {response?.Url} answered {response?.Status}:\n{Tail()}");
        await CheckAsync();
    }

    /// Fills the labelled fields of the main content, by their label text.
    public async Task FillAsync(params (string Label, string Value)[] fields)
    {
        foreach (var (label, value) in fields)
            await Main.GetByLabel(label, new() { Exact = true }).FillAsync(value);
    }

    public ILocator Button(string name) => Main.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Link(string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public Task<string> HeadingAsync() => page.Locator("main h1").First.InnerTextAsync();

    public async Task CheckAsync()
    {
        string[] reported;
        lock (problems)
        {
            reported = [.. problems];
            problems.Clear();
        }
        Assert.True(reported.Length == 0, string.Join('\n', reported));
        await Axe.AssertNoSeriousViolationsAsync(page);
        output.WriteLine($"axe ok: {Path}");
    }

    string Tail()
    {
        var lines = app.Log.Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 40)));
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
