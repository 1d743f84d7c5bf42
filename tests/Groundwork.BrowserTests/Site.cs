using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Groundwork.BrowserTests;

/// One running app and one Debian chromium per test class. Playwright drives the system browser through
/// the driver its NuGet package puts in the build output; nothing is downloaded.
public class Site : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AdminEmail = "admin@example.org";
    public const string Password = "violet tram anchor meadow";

    AppProcess? app;
    IPlaywright? playwright;
    IBrowser? browser;

    public AppProcess App => app ?? throw new InvalidOperationException("The site is not started.");

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (test.sh does).");
        app = await AppProcess.StartAsync(SeedAsync);
        playwright = await Playwright.CreateAsync();
        // Playwright's expectations retry until their deadline; its own default (5 s) is too short on a busy machine.
        Assertions.SetDefaultExpectTimeout(Milliseconds(Wait.ForStep));
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Timeout = Milliseconds(Wait.ForStart),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// Runs before the app starts, against its empty data directory.
    protected virtual Task SeedAsync(AppProcess app) => Task.CompletedTask;

    /// A person at a browser: a context of their own (cookies, language), desktop or phone-sized.
    public async Task<Visitor> VisitorAsync(ITestOutputHelper output, bool phone = false)
    {
        var context = await browser!.NewContextAsync(new()
        {
            BaseURL = App.Url.ToString(),
            // No BypassCSP: axe-core comes in as an init script (see Axe), so the app's real CSP stays in force
            // and a page it breaks (a refused <base>, stylesheet or script) fails the walk.
            Locale = "en-US",
            ViewportSize = phone ? new() { Width = 360, Height = 740 } : new() { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(Milliseconds(Wait.ForStep));
        await context.AddInitScriptAsync(scriptPath: Axe.ScriptPath.Value);
        return new Visitor(context, await context.NewPageAsync(), App, output);
    }

    static float Milliseconds(TimeSpan t) => (float)t.TotalMilliseconds;

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
    }
}

/// A fresh instance: nobody has an account yet.
public sealed class EmptySite : Site;

/// An instance whose administrator was created with the admin command, as an operator would.
public sealed class SetUpSite : Site
{
    protected override async Task SeedAsync(AppProcess app)
    {
        var (code, output) = await app.RunCommandAsync("admin", "create-user", "--email", AdminEmail, "--password", Password,
            "--name", "Admin", "--instance-admin");
        Assert.True(code == 0, $"admin create-user failed ({code}):\n{output}");
    }
}

/// Runs a step and names it in the failure, so a broken walk says where it broke.
static class Step
{
    public static async Task RunAsync(ITestOutputHelper output, string name, Func<Task> step)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await step();
        }
        catch (Exception e)
        {
            throw new StepFailedException($"Step \"{name}\" failed: {e.Message}", e);
        }
        output.WriteLine($"step ok ({clock.ElapsedMilliseconds} ms): {name}");
    }
}

public sealed class StepFailedException(string message, Exception inner) : Exception(message, inner);
