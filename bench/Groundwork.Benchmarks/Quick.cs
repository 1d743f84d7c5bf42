using System.Diagnostics;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Stv;

namespace Groundwork.Benchmarks;

/// `Groundwork.Benchmarks quick`: one timed pass of each workload with Stopwatch, for a fast look between
/// full BenchmarkDotNet runs (cold and warm numbers, peak working set).
static class Quick
{
    public static int Run()
    {
        var files = Directory.GetFiles(Path.Combine(TestData.Elections, "scotland2017", "blt"), "*.blt");
        for (int rep = 0; rep < 5; rep++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var f in files)
            {
                var b = Blt.ReadForStv(f).Ballots!;
                ScottishStv.Count(b.Table, b.Seats);
            }
            Console.WriteLine($"351 wards parse+count: {sw.Elapsed.TotalMilliseconds:F0} ms");
        }
        var sw2 = Stopwatch.StartNew();
        var ballots = Synthetic.Generate(1_000_000, 20, seed: 2026);
        Console.WriteLine($"generated 1M ballots in {sw2.Elapsed.TotalMilliseconds:F0} ms");
        for (int rep = 0; rep < 3; rep++)
        {
            sw2.Restart();
            var table = Synthetic.Merge(ballots);
            var merge = sw2.Elapsed.TotalMilliseconds;
            var s = ScottishStv.Count(table, 5);
            var scot = sw2.Elapsed.TotalMilliseconds;
            var m = MeekStv.Count(Synthetic.Merge(ballots), 5);
            var meek = sw2.Elapsed.TotalMilliseconds;
            Console.WriteLine($"distinct {table.Count:N0}; merge {merge:F0} ms; Scottish (incl. merge) {scot:F0} ms, {s.Stages.Count} stages; " +
                              $"Meek (incl. merge) {meek - scot:F0} ms, {m.Stages.Count} stages; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB");
        }
        return 0;
    }
}
