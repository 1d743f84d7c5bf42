using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Groundwork.Tests.Infrastructure;

/// The canary scan every feature's "nothing in clear at rest" test shares: what an attacker who copies the storage
/// gets (the SQLite file, its WAL and journal, or a pg_dump) and the logs, searched for planted strings as ASCII/UTF-8
/// and as UTF-16 at both byte alignments.
public static class Canary
{
    /// A unique string to plant, recognisable in a hit list.
    public static string New(string what) => $"CANARY{what}{Guid.NewGuid():N}";

    /// The database's bytes as a copy would see them (keyed by file name, or "pg_dump"), and the logs as "logs".
    public static async Task<Dictionary<string, byte[]>> SnapshotAsync(GroundworkFactory f, bool logs = true)
    {
        var sources = new Dictionary<string, byte[]>();
        if (GroundworkFactory.OnPostgres)
            sources["pg_dump"] = await PgDumpAsync(f);
        else
            foreach (var file in new[] { f.SqliteFile, f.SqliteFile + "-wal", f.SqliteFile + "-journal" }.Where(File.Exists))
                sources[Path.GetFileName(file)] = await ReadSharedAsync(file);
        Assert.NotEmpty(sources);
        if (logs)
        {
            var lines = f.Logs.Lines.ToList();
            Assert.NotEmpty(lines);
            sources["logs"] = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        }
        return sources;
    }

    /// Every place a canary shows, as "source: name (encoding)"; empty when there is none.
    public static List<string> Find(IReadOnlyDictionary<string, byte[]> sources, IEnumerable<KeyValuePair<string, string>> canaries, string prefix = "")
    {
        var named = canaries.ToList();
        var hits = new List<string>();
        foreach (var (source, bytes) in sources)
        {
            var ascii = Encoding.Latin1.GetString(bytes);
            var utf16 = Encoding.Unicode.GetString(bytes.Length % 2 == 0 ? bytes : bytes[..^1]);
            var utf16Shifted = bytes.Length > 1 ? Encoding.Unicode.GetString(bytes[1..^((bytes.Length - 1) % 2)]) : "";
            foreach (var (what, canary) in named)
            {
                if (ascii.Contains(canary, StringComparison.OrdinalIgnoreCase)) hits.Add($"{prefix}{source}: {what} (ASCII/UTF-8)");
                if (utf16.Contains(canary, StringComparison.OrdinalIgnoreCase) || utf16Shifted.Contains(canary, StringComparison.OrdinalIgnoreCase))
                    hits.Add($"{prefix}{source}: {what} (UTF-16)");
            }
        }
        return hits;
    }

    public static List<string> Find(IReadOnlyDictionary<string, byte[]> sources, IEnumerable<string> canaries, string prefix = "") =>
        Find(sources, canaries.Select(c => new KeyValuePair<string, string>(c, c)), prefix);

    /// Snapshot and scan in one step: fails with the list of hits.
    public static async Task<Dictionary<string, byte[]>> AssertAbsentAsync(GroundworkFactory f, IEnumerable<KeyValuePair<string, string>> canaries)
    {
        var sources = await SnapshotAsync(f);
        var hits = Find(sources, canaries);
        Assert.True(hits.Count == 0, "Plaintext found:\n" + string.Join("\n", hits));
        return sources;
    }

    public static Task<Dictionary<string, byte[]>> AssertAbsentAsync(GroundworkFactory f, IEnumerable<string> canaries) =>
        AssertAbsentAsync(f, canaries.Select(c => new KeyValuePair<string, string>(c, c)));

    /// The storage's bytes as one Latin-1 string (no logs), to show the scan can see a value that is stored in clear.
    public static string StoredText(IReadOnlyDictionary<string, byte[]> sources) =>
        string.Concat(sources.Where(s => s.Key != "logs").Select(s => Encoding.Latin1.GetString(s.Value)));

    static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var ms = new MemoryStream();
        await fs.CopyToAsync(ms);
        return ms.ToArray();
    }

    static async Task<byte[]> PgDumpAsync(GroundworkFactory f)
    {
        var cs = new NpgsqlConnectionStringBuilder(f.ConnectionString);
        var psi = new ProcessStartInfo("pg_dump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-h", cs.Host ?? "localhost", "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username ?? "postgres", "-d", cs.Database!, "--no-owner" })
            psi.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(cs.Password)) psi.Environment["PGPASSWORD"] = cs.Password;
        using var p = Process.Start(psi)!;
        using var ms = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(ms);
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await copy;
        Assert.True(p.ExitCode == 0, "pg_dump failed: " + await err);
        Assert.True(ms.Length > 1000, "pg_dump wrote almost nothing");
        return ms.ToArray();
    }
}
