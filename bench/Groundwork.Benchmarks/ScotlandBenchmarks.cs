using BenchmarkDotNet.Attributes;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Stv;

namespace Groundwork.Benchmarks;

/// All 351 Scottish 2017 wards, read from disk and counted under SSI 2007/42, in one process.
[MemoryDiagnoser]
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

    [Benchmark]
    public int Parse_and_count_351_wards()
    {
        int elected = 0;
        foreach (var f in files) elected += ScottishStv.Count(Blt.Read(f).Election!).Elected.Count;
        return elected;
    }

    [Benchmark]
    public int Parse_and_count_351_wards_in_parallel()
    {
        int elected = 0;
        Parallel.ForEach(files, f => Interlocked.Add(ref elected, ScottishStv.Count(Blt.Read(f).Election!).Elected.Count));
        return elected;
    }
}
