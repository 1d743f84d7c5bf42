using BenchmarkDotNet.Attributes;
using Groundwork.Pledges;

namespace Groundwork.Benchmarks;

/// Issue 6: resolving personal conditions ("I'm in if at least N others [in my unit] are") for 100,000 signers to the
/// largest stable group. Target ≤ 1 s. A third have no condition, a third a pledge-wide one, a third one on their unit
/// (500 units); the needs are spread so that removals cascade through several rounds.
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class PledgeConditionBenchmarks
{
    SignerCondition[] signers = [];

    [Params(100_000)]
    public int Signers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
#pragma warning disable CA5394 // seeded synthetic data
        var rng = new Random(2026);
        signers = Enumerable.Range(0, Signers).Select(i => (i % 3) switch
        {
            0 => new SignerCondition(rng.Next(500), null, ConditionScope.Pledge),
            1 => new SignerCondition(rng.Next(500), rng.Next(1, Signers + Signers / 4), ConditionScope.Pledge),
            _ => new SignerCondition(rng.Next(500), rng.Next(1, 400), ConditionScope.Unit),
        }).ToArray();
#pragma warning restore CA5394
    }

    [Benchmark]
    public int Resolve() => ConditionResolver.Resolve(signers).Count;
}
