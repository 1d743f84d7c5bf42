using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Groundwork.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// Where the instance keeps its state, read once from configuration (appsettings, then GROUNDWORK_* and
/// Groundwork__* environment variables).
public sealed record InstanceOptions(
    DatabaseProvider Provider, string ConnectionString, string DataDirectory, string? PublicUrl, string? SealedKeyDirectoryOverride = null)
{
    public static InstanceOptions From(IConfiguration config)
    {
        var dataDir = Path.GetFullPath(config["Groundwork:DataDirectory"] ?? "data");
        var provider = Enum.TryParse<DatabaseProvider>(config["Groundwork:Database:Provider"], ignoreCase: true, out var p)
            ? p : DatabaseProvider.Sqlite;
        var cs = config["Groundwork:Database:ConnectionString"];
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Groundwork:Database:ConnectionString is required for PostgreSQL.");
            cs = $"Data Source={Path.Combine(dataDir, "groundwork.db")}";
        }
        var sealedDir = config["Groundwork:SealedKeyDirectory"] is { Length: > 0 } d ? Path.GetFullPath(d) : null;
        return new(provider, cs, dataDir, config["Groundwork:PublicUrl"], sealedDir);
    }

    /// The root of links that leave the app (invitations, signing links, email confirmations): the configured public URL;
    /// without one (a first run on localhost) the address the request came to. In production set the public URL: a
    /// request's Host header is the sender's to choose (docs/security.md).
    public string LinkRoot(HttpRequest request) =>
        (PublicUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}").TrimEnd('/');

    public string MailDirectory => Path.Combine(DataDirectory, "mail");
    public string KeyFile => Path.Combine(DataDirectory, "keys", "field-keys.json");
    public string DataProtectionDirectory => Path.Combine(DataDirectory, "keys", "dataprotection");
    /// Per-poll and per-pledge keys (<see cref="SealedKeys"/>): outside the database, on a volume shared by every node.
    public string SealedKeyDirectory => SealedKeyDirectoryOverride ?? Path.Combine(DataDirectory, "keys", "sealed");
}

public static class Database
{
    public static IServiceCollection AddGroundworkDatabase(this IServiceCollection services, InstanceOptions instance)
    {
        if (instance.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(instance.DataDirectory);
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) => Configure(o, instance).WithFieldCrypto(sp.GetRequiredService<FieldCrypto>()));
        }
        else
        {
            services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, o) => Configure(o, instance).WithFieldCrypto(sp.GetRequiredService<FieldCrypto>()));
        }
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, InstanceOptions instance)
    {
        if (instance.Provider == DatabaseProvider.Sqlite)
            o.UseSqlite(instance.ConnectionString, s => s.MigrationsAssembly(typeof(Database).Assembly.GetName().Name))
             .AddInterceptors(SqlitePragmas.Instance);
        else
            o.UseNpgsql(WithPoolDefaults(instance.ConnectionString));
        o.ReplaceService<IModelCacheKeyFactory, CryptoModelCacheKeyFactory>();
        return o;
    }

    /// Npgsql's pool settings for this app, each unless the connection string says otherwise:
    /// - automatic preparation (Max Auto Prepare=64): a statement run again and again (the bearer token lookup and the
    ///   organization check on every API request, the pledge counters) is parsed and planned once per physical connection
    ///   instead of on every run, which is most of PostgreSQL's own CPU for such a query. Set "Max Auto Prepare=0" for a
    ///   pooler that cannot keep prepared statements (PgBouncer in transaction mode).
    /// - no reset on close (No Reset On Close=true): EF opens and closes the connection around each query, and by default
    ///   each connection that goes back to the pool sends PostgreSQL five more statements ahead of its next query (SET
    ///   SESSION AUTHORIZATION DEFAULT, RESET ALL, CLOSE ALL, UNLISTEN *, pg_advisory_unlock_all(), DISCARD …): 24,000 of
    ///   them for 10,000 pledge signatures. The app leaves no session state to reset: it never SETs a session variable,
    ///   LISTENs, takes an advisory lock or makes a temporary table, and its transactions end before the connection goes
    ///   back to the pool.
    public static string WithPoolDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) b.MaxAutoPrepare = 64;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); // persistent in the file
    }
}

/// synchronous=FULL is per connection: a committed write survives a power cut, which matters more here than
/// the last few percent of write speed.
sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    // The pragmas belong to the native connection, which the pool hands out again and again: set them once per native
    // connection, not before every query (EF opens and closes the connection around each one).
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Applied = new();

    static bool Fresh(DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || Applied.TryAdd(handle, Applied);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!Fresh(connection)) return;
        using var cmd = Command(connection);
        try { cmd.ExecuteNonQuery(); }
        catch
        {
            Forget(connection);
            throw;
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!Fresh(connection)) return;
        await using var cmd = Command(connection);
        try { await cmd.ExecuteNonQueryAsync(cancellationToken); }
        catch
        {
            Forget(connection);
            throw;
        }
    }

    static DbCommand Command(DbConnection connection)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = Statements;
        return cmd;
    }

    static void Forget(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }) Applied.Remove(handle);
    }

    // secure_delete: whatever is deleted or overwritten (a contact, a note past retention, a ballot slot, a box at close)
    // is zeroed in the file rather than left in free space for a copied file to give away.
    public const string Statements = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
}

/// Identity reads its schema version (v3: passkeys) from the application's services; a context built outside
/// the app (design time, key rotation) gets the same options from here so that its model is the same.
static class StandaloneServices
{
    public static readonly IServiceProvider Instance = new ServiceCollection()
        .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}

/// For `dotnet ef migrations add`: a throwaway key ring; migrations never see data.
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteAppDbContext>();
        Database.Configure(o, new InstanceOptions(DatabaseProvider.Sqlite, "Data Source=design.db", ".", null));
        o.UseApplicationServiceProvider(StandaloneServices.Instance).WithFieldCrypto(new FieldCrypto(FieldCrypto.KeyRing.New()));
        return new SqliteAppDbContext(o.Options);
    }
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresAppDbContext>();
        Database.Configure(o, new InstanceOptions(DatabaseProvider.Postgres, "Host=localhost", ".", null));
        o.UseApplicationServiceProvider(StandaloneServices.Instance).WithFieldCrypto(new FieldCrypto(FieldCrypto.KeyRing.New()));
        return new PostgresAppDbContext(o.Options);
    }
}
