using Groundwork.Accounts;
using Groundwork.Auth;
using Groundwork.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Cli;

/// --name value pairs and --flags.
public sealed class Options
{
    readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].StartsWith("--Groundwork", StringComparison.Ordinal)) continue;
            var name = args[i][2..];
            string? value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            o.values[name] = value;
        }
        return o;
    }

    public string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
    public bool Flag(string name) => values.ContainsKey(name);
    public string Required(string name) => Get(name) is { Length: > 0 } v ? v : throw new CommandException($"--{name} is required.");
}
