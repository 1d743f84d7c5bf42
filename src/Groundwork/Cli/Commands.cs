using Groundwork.Accounts;
using Groundwork.Auth;
using Groundwork.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Cli;

/// Commands of the same executable: `admin …`, `migrate`, `backup`, `tally`. Errors go to stderr with a
/// non-zero exit code; stdout carries only the result (a token, a report) so scripts can use it.
public static class Commands
{
    static readonly string[] Names = ["admin", "migrate", "backup", "tally", "help", "--help"];

    public static bool IsCommand(string arg) => Names.Contains(arg);

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args[0] switch
            {
                "tally" => TallyEntry.Run(args[1..]),
                
                "migrate" => await WithApp(args[1..], async app => { await Database.MigrateAsync(app.Services); Console.Error.WriteLine("Database is up to date."); return 0; }),
                "backup" => await BackupAsync(args[1..]),
                "admin" when args.Length > 1 => await AdminAsync(args[1], args[2..]),
                _ => Usage(),
            };
        }
        catch (CommandException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    static int Usage()
    {
        Console.Error.WriteLine("""
            Usage:
              groundwork                                   run the web app
              groundwork migrate                           create or upgrade the database
              groundwork backup --to FILE                  consistent online backup (SQLite)
              groundwork admin create-user --email E --password P [--name N] [--instance-admin]
              groundwork admin create-token --email E --name N [--scope read|write]
              groundwork admin seed-demo [--size small|large]
              groundwork admin rotate-keys                 new field key; re-encrypt every sensitive field
              groundwork tally --method M [--seats N] [--json] FILE…
            """);
        return 2;
    }

    static async Task<int> WithApp(string[] args, Func<WebApplication, Task<int>> run)
    {
        // Options after the command are configuration too (--Groundwork:DataDirectory=…).
        var app = AppHost.Build([.. args.Where(a => a.StartsWith("--Groundwork", StringComparison.Ordinal))],
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        return await run(app);
    }

    static async Task<int> AdminAsync(string verb, string[] args)
    {
        var o = Options.Parse(args);
        return verb switch
        {
            "create-user" => await WithApp(args, async app =>
            {
                await Database.MigrateAsync(app.Services);
                await using var scope = app.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
                var email = o.Required("email");
                var person = new Person
                {
                    UserName = email, Email = email, EmailConfirmed = true, DisplayName = o.Get("name") ?? email.Split('@')[0],
                    IsInstanceAdmin = o.Flag("instance-admin"), CreatedUtc = TimeProvider.System.GetUtcNow().UtcDateTime,
                };
                var result = await users.CreateAsync(person, o.Required("password"));
                if (!result.Succeeded) throw new CommandException(string.Join(" ", result.Errors.Select(e => e.Description)));
                if (person.IsInstanceAdmin)
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    if (!await db.InstanceSetups.AnyAsync()) { db.InstanceSetups.Add(new InstanceSetup { CompletedUtc = TimeProvider.System.GetUtcNow().UtcDateTime }); await db.SaveChangesAsync(); }
                }
                Console.Out.WriteLine(person.Id); // the result, alone on standard output
                return 0;
            }),
            "create-token" => await WithApp(args, async app =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var person = await users.FindByEmailAsync(o.Required("email")) ?? throw new CommandException("No account with that email.");
                var scopeName = o.Get("scope") ?? "read";
                if (!Enum.TryParse<TokenScope>(scopeName, ignoreCase: true, out var tokenScope) || !Enum.IsDefined(tokenScope))
                    throw new CommandException("--scope is read or write.");
                var token = await ApiTokens.CreateAsync(db, person, o.Required("name"), tokenScope, TimeProvider.System.GetUtcNow().UtcDateTime, default);
                Console.Out.WriteLine(token); // the result, alone on standard output
                return 0;
            }),
            "seed-demo" => await WithApp(args, async app =>
            {
                await Database.MigrateAsync(app.Services);
                var size = o.Get("size") ?? "small";
                if (size is not ("small" or "large")) throw new CommandException("--size is small or large.");
                var summary = await DemoData.SeedAsync(app.Services, size == "large");
                Console.Error.WriteLine(summary);
                return 0;
            }),
            "rotate-keys" => await WithApp(args, async app => await KeyRotation.RotateAsync(app)),
            _ => Usage(),
        };
    }

    /// SQLite's online backup API copies a consistent snapshot while the app keeps serving.
    static async Task<int> BackupAsync(string[] args)
    {
        var o = Options.Parse(args);
        var to = Path.GetFullPath(o.Required("to"));
        return await WithApp(args, async app =>
        {
            var instance = app.Services.GetRequiredService<InstanceOptions>();
            if (instance.Provider == DatabaseProvider.Postgres)
                throw new CommandException("For PostgreSQL use its own tools: pg_dump --format=custom --file=FILE DBNAME (see README).");
            if (File.Exists(to)) throw new CommandException($"{to} exists; choose a new file.");
            await using var source = new SqliteConnection(instance.ConnectionString);
            await using var target = new SqliteConnection($"Data Source={to}");
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            Console.Error.WriteLine($"Backed up to {to}. Keep the key file ({instance.KeyFile}) safe too: without it the sensitive fields cannot be read.");
            return 0;
        });
    }
}
