using System.Globalization;
using System.Text;
using Groundwork.Tally;

namespace Groundwork.Benchmarks;

/// `Groundwork.Benchmarks write-elections DIR`: the synthetic elections of the benchmarks as BLT files, one line
/// per voter (nothing merged in advance, as a real ballot file), so the whole `tally` process can be timed on
/// them: stv-1m-20.blt (1,000,000 voters, 20 candidates, 5 seats, as LargeStvBenchmarks), schulze-1m-50.blt and
/// schulze-10k-50.blt (every voter ranks all 50, as SchulzeBenchmarks' "full").
static class ElectionFiles
{
    public static int Write(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: write-elections DIR");
            return 2;
        }
        Directory.CreateDirectory(args[0]);
        var stv = Synthetic.Generate(1_000_000, 20, seed: 2026);
        WriteLines(Path.Combine(args[0], "stv-1m-20.blt"), stv.Candidates.Length, 5, stv.Candidates,
            stv.Start.Length - 1, v => stv.Prefs.AsSpan(stv.Start[v], stv.Start[v + 1] - stv.Start[v]).ToArray());
        foreach (var (voters, name) in new[] { (1_000_000, "schulze-1m-50.blt"), (10_000, "schulze-10k-50.blt") })
        {
            var e = SchulzeBenchmarks.Generate(voters, 50, full: true, seed: 20261125);
            WriteLines(Path.Combine(args[0], name), 50, 1, e.Candidates, e.Ballots.Count, v => [.. e.Ballots[v].Ranking.Select(t => t[0])]);
        }
        return 0;
    }

    static void WriteLines(string path, int candidates, int seats, IReadOnlyList<string> names, int voters, Func<int, int[]> ballot)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine($"{candidates} {seats}");
        var line = new StringBuilder();
        for (int v = 0; v < voters; v++)
        {
            line.Clear().Append('1');
            foreach (int c in ballot(v)) line.Append(' ').Append((c + 1).ToString(CultureInfo.InvariantCulture));
            w.WriteLine(line.Append(" 0"));
        }
        w.WriteLine('0');
        foreach (var n in names) w.WriteLine($"\"{n}\"");
        w.WriteLine($"\"synthetic, {voters:N0} voters\"");
    }
}
