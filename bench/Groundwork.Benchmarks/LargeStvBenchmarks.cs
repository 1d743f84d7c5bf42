using BenchmarkDotNet.Attributes;
using Groundwork.Tally;
using Groundwork.Tally.Stv;

namespace Groundwork.Benchmarks;

/// 1,000,000 ballots, 20 candidates, 5 seats: merge the identical ballots, then count.
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[ShortRunJob]
public class LargeStvBenchmarks
{
    Synthetic.Ballots ballots = null!;

    [GlobalSetup]
    public void Setup() => ballots = Synthetic.Generate(1_000_000, 20, seed: 2026);

    [Benchmark]
    public TallyResult Scottish_STV_1M() => ScottishStv.Count(Synthetic.Merge(ballots), 5);

    [Benchmark]
    public TallyResult Meek_STV_1M() => MeekStv.Count(Synthetic.Merge(ballots), 5);

    [Benchmark]
    public TallyResult WIGM_STV_1M() => WigmStv.Count(Synthetic.Merge(ballots), 5);
}
