using System.Diagnostics;
using System.Globalization;

namespace Groundwork.BrowserTests;

/// Every wait of the browser tests: one attempt after another with a short back-off until an overall deadline, never
/// one fixed timeout, because the machine running them may be busy building something else. Deadlines are generous
/// and can be raised (or lowered) by environment variables, in seconds.
public static class Wait
{
    public const string StartVariable = "GROUNDWORK_TEST_START_SECONDS";
    public const string StepVariable = "GROUNDWORK_TEST_WAIT_SECONDS";

    /// For the app and the browser to start.
    public static TimeSpan ForStart => Seconds(StartVariable, 120);

    /// For one step of a walk: a page to load, a mail to be written, an expectation to come true.
    public static TimeSpan ForStep => Seconds(StepVariable, 30);

    /// Longest a single attempt may take before it is abandoned and tried again.
    static readonly TimeSpan AttemptLimit = TimeSpan.FromSeconds(5);

    static TimeSpan Seconds(string variable, int fallback) =>
        TimeSpan.FromSeconds(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } s
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback);

    /// Runs <paramref name="attempt"/> until it returns a value, backing off from 50 ms to 1 s between attempts. An
    /// attempt that times out (its token fires after at most 5 s), fails to connect or reads a half-written file is
    /// tried again; any other exception ends the wait at once. At the deadline it throws a TimeoutException that says
    /// what it was waiting for, how long, the last transient error and <paramref name="detail"/> (the app's log).
    public static async Task<T> UntilAsync<T>(string what, TimeSpan limit, Func<CancellationToken, Task<T?>> attempt,
        Func<string>? detail = null) where T : class
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(50);
        Exception? last = null;
        var attempts = 0;
        while (true)
        {
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero) break;
            attempts++;
            using var timeout = new CancellationTokenSource(left < AttemptLimit ? left : AttemptLimit);
            try
            {
                if (await attempt(timeout.Token) is { } value) return value;
            }
            catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
            {
                last = e;
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            catch (IOException e)
            {
                last = e;
            }
            left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero) break;
            await Task.Delay(pause < left ? pause : left);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 1000));
        }
        var because = last is null ? "" : $" (last attempt: {last.GetType().Name}: {last.Message})";
        var more = detail?.Invoke() is { Length: > 0 } d ? ":\n" + d : "";
        throw new TimeoutException(
            $"Gave up waiting for {what} after {limit.TotalSeconds:0.#} s and {attempts} attempts{because}; {StartVariable} and {StepVariable} set the deadlines{more}");
    }
}
