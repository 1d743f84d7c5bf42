using BenchmarkDotNet.Attributes;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Stv;

namespace Groundwork.Benchmarks;

/// All 351 Scottish 2017 wards, read from disk and counted under SSI 2007/42, in one process.
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[ShortRunJob]
public class ScotlandBenchmarks
{
    string[] files = [];

    [GlobalSetup]
    public void Setup()
    {
        files = Directory.GetFiles(Path.Combine(TestData.Elections, "scotland2017", "blt"), "*.blt");
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length != 351) throw new InvalidOperationException($"expected 351 wards, found {files.Length}");
    }

    /// The command's path: BLT straight into merged preference lists, then the count.
    [Benchmark(Baseline = true)]
    public int Parse_and_count_351_wards()
    {
        int elected = 0;
        foreach (var f in files)
        {
            var b = Blt.ReadForStv(f).Ballots!;
            elected += ScottishStv.Count(b.Table, b.Seats).Elected.Count;
        }
        return elected;
    }

    /// The same on both cores (the command counts files in parallel).
    [Benchmark]
    public int Parse_and_count_351_wards_in_parallel()
    {
        int elected = 0;
        Parallel.ForEach(files, f =>
        {
            var b = Blt.ReadForStv(f).Ballots!;
            Interlocked.Add(ref elected, ScottishStv.Count(b.Table, b.Seats).Elected.Count);
        });
        return elected;
    }

    /// Through the general ballot model (an Election of RankedBallot objects), as the web app would.
    [Benchmark]
    public int Parse_to_Election_and_count_351_wards()
    {
        int elected = 0;
        foreach (var f in files) elected += ScottishStv.Count(Blt.Read(f).Election!).Elected.Count;
        return elected;
    }
}
