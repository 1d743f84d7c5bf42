using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Groundwork.BrowserTests;

/// The real app, built by the same build as these tests, run as a child process on a free localhost port
/// with a throwaway data directory (SQLite, mail as .eml files), as a person would run it.
public sealed class AppProcess : IAsyncDisposable
{
    readonly string projectDir;
    readonly string dll;
    readonly StringBuilder log = new();
    Process? server;

    AppProcess(string projectDir, string dll, string dataDirectory, Uri url)
    {
        this.projectDir = projectDir;
        this.dll = dll;
        DataDirectory = dataDirectory;
        Url = url;
    }

    public Uri Url { get; }
    public string DataDirectory { get; }
    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public static async Task<AppProcess> StartAsync(Func<AppProcess, Task> seed)
    {
        var root = RepoRoot.Find();
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var projectDir = Path.Combine(root, "src", "Groundwork");
        var dll = Path.Combine(projectDir, "bin", configuration, "net10.0", "Groundwork.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"The app is not built: {dll} is missing. Build the solution ({configuration}) first.");

        var data = Directory.CreateTempSubdirectory("groundwork-browser-").FullName;
        // localhost, not 127.0.0.1: WebAuthn (the sign-in page's passkey script) refuses an IP address as its domain.
        var app = new AppProcess(projectDir, dll, data, new Uri($"http://localhost:{FreePort()}"));
        try
        {
            await seed(app);
            app.server = app.Launch(["--urls", app.Url.ToString().TrimEnd('/')]);
            app.server.OutputDataReceived += (_, e) => app.Append(e.Data);
            app.server.ErrorDataReceived += (_, e) => app.Append(e.Data);
            app.server.Start();
            app.server.BeginOutputReadLine();
            app.server.BeginErrorReadLine();
            await app.WaitHealthyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// One of the executable's commands (`admin create-user …`) against this app's data directory.
    public async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] args)
    {
        using var process = Launch(args);
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Wait.ForStart);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Gave up waiting for `{string.Join(' ', args)}` to exit after {Wait.ForStart.TotalSeconds:0.#} s ({Wait.StartVariable} sets the deadline).");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    Process Launch(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The project folder is the content root, so wwwroot (the stylesheet) is served as in `dotnet run`.
            WorkingDirectory = projectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        // Hermetic: nothing from the caller's Groundwork settings (test.sh exports the PostgreSQL one).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GROUNDWORK", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Groundwork__DataDirectory"] = DataDirectory;
        start.Environment["Groundwork__Database__Provider"] = "Sqlite";
        // Fast hashing and generous limits: the walk signs in several times from one address.
        start.Environment["Groundwork__PasswordIterations"] = "1000";
        start.Environment["Groundwork__RateLimits__SignInPerMinute"] = "1000";
        start.Environment["Groundwork__RateLimits__WritesPerMinute"] = "10000";
        return new Process { StartInfo = start };
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }

    /// What the app printed, for failure messages.
    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    /// Until /healthz answers 200: a refused connection, a request that takes too long (a busy machine) or another
    /// status is tried again until Wait.ForStart; an app that has exited ends the wait at once.
    async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = Timeout.InfiniteTimeSpan };
        await Wait.UntilAsync($"the app to answer {Url}healthz", Wait.ForStart, async ct =>
        {
            if (server!.HasExited)
                throw new InvalidOperationException($"The app exited with code {server.ExitCode} before answering /healthz:\n{Log}");
            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
            return response.StatusCode == HttpStatusCode.OK ? "healthy" : null;
        }, () => Log);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            try
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                    await server.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // never started
            }
            server.Dispose();
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by the exiting process; the temp folder is the OS's to clean
        }
    }
}

static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Groundwork.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"No Groundwork.slnx above {AppContext.BaseDirectory}.");
    }
}
