using System.Collections.Concurrent;
using Groundwork.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Groundwork.Tests.Infrastructure;

/// The app on a database of its own: a SQLite file in a fresh temp directory, or — when GROUNDWORK_TEST_POSTGRES
/// holds a connection string — a fresh PostgreSQL database created here and dropped on dispose.
public class GroundworkFactory : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "GROUNDWORK_TEST_POSTGRES";
    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;
    public static bool OnPostgres => PostgresServer is not null;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gw-tests", Guid.NewGuid().ToString("N"));
    public string? PostgresDatabase { get; }
    public string ConnectionString { get; }
    public LogSink Logs { get; } = new();
    public int SignInPerMinute { get; init; } = 100_000;
    public int WritesPerMinute { get; init; } = 100_000;
    public string Environment_ { get; init; } = "Testing";
    /// A fixed clock for tests about time steps (TOTP); the system clock otherwise.
    public TimeProvider? Clock { get; init; }

    public GroundworkFactory()
    {
        Directory.CreateDirectory(DataDirectory);
        if (PostgresServer is { } server)
        {
            PostgresDatabase = "gw_test_" + Guid.NewGuid().ToString("N");
            using (var c = new NpgsqlConnection(server))
            {
                c.Open();
                using var cmd = c.CreateCommand();
#pragma warning disable CA2100 // the name is "gw_test_" and a GUID's hex digits, nothing from outside
                cmd.CommandText = $"CREATE DATABASE \"{PostgresDatabase}\"";
#pragma warning restore CA2100
                cmd.ExecuteNonQuery();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = PostgresDatabase, Pooling = true }.ConnectionString;
        }
        else
        {
            ConnectionString = $"Data Source={SqliteFile}";
        }
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    public string SqliteFile => Path.Combine(DataDirectory, "groundwork.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment_);
        builder.UseSetting("Groundwork:DataDirectory", DataDirectory);
        builder.UseSetting("Groundwork:PublicUrl", "https://localhost");
        builder.UseSetting("Groundwork:Database:Provider", OnPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("Groundwork:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Groundwork:PasswordIterations", "1000");
        builder.UseSetting("Groundwork:RateLimits:SignInPerMinute", SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Groundwork:RateLimits:WritesPerMinute", WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Clock is { } clock)
            builder.ConfigureServices(s => s.AddSingleton(clock));
        builder.ConfigureLogging(l => l.AddProvider(Logs).AddFilter<LogSink>(null, LogLevel.Information));
    }

    /// Builds the host (which migrates at start, as Program does) and makes sure the database is current.
    public async Task<GroundworkFactory> StartAsync()
    {
        _ = Server;
        await Database.MigrateAsync(Services);
        return this;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresDatabase is not null && PostgresServer is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(server);
            c.Open();
            using var cmd = c.CreateCommand();
#pragma warning disable CA2100 // see the constructor
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)";
#pragma warning restore CA2100
            cmd.ExecuteNonQuery();
        }
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* a file still open on a slow shutdown; the temp directory is cleaned by the OS */ }
    }
}

/// Records every log message with its arguments, so tests can look for personal data in what the app logs.
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose() { }

    sealed class Recorder(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            sink.Lines.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} | {Describe(state)} | {exception}");

        static string Describe<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString() ?? "";
    }
}
