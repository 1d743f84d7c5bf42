using BenchmarkDotNet.Attributes;
using Groundwork.Tally;
using Groundwork.Tally.Condorcet;

namespace Groundwork.Benchmarks;

/// Schulze (winning votes) on a synthetic national ballot: 1,000,000 voters, 50 candidates, from a fixed
/// seed so every run counts the same election. Orders are Plackett–Luce draws (popular candidates tend to
/// come first). "full": every voter ranks all 50, so practically no two ballots are alike and merging saves
/// nothing, the worst case for the pairwise count. "partial": each voter ranks the first 1 to 50 of
/// their order; about 5% of ballots merge.
/// The timed call is the whole count from the ballots: merge, pairwise matrix, strongest paths, order.
[MemoryDiagnoser]
[ShortRunJob]
public class SchulzeBenchmarks
{
    const int Voters = 1_000_000;
    const int Candidates = 50;

    Election election = null!;

    [Params("full", "partial")]
    public string Ballots { get; set; } = "full";

    [GlobalSetup]
    public void Setup() => election = Generate(Voters, Candidates, Ballots == "full", seed: 20261125);

    [Benchmark]
    public TallyResult Schulze_1M_50() => Schulze.Count(election);

    internal static Election Generate(int voters, int candidates, bool full, int seed)
    {
        var lot = new Lot(seed);
        // Strictly inside (0, 1), so the logarithms below stay finite.
        double Uniform() => (lot.Below(1 << 30) + 0.5) / (1 << 30);
        // One shared array per one-candidate tier, as a reader that interns tiers would hold them: a million
        // ballots of fifty separate one-element arrays would mostly measure the garbage collector.
        int[][] single = [.. Enumerable.Range(0, candidates).Select(c => new[] { c })];
        var logPopularity = Enumerable.Range(0, candidates).Select(c => c * Math.Log(0.9)).ToArray();
        var ballots = new RankedBallot[voters];
        var order = new int[candidates];
        var keys = new double[candidates];
        for (var v = 0; v < voters; v++)
        {
            // Sorting log-popularity plus Gumbel noise, highest first, draws a Plackett–Luce order.
            for (var c = 0; c < candidates; c++)
            {
                order[c] = c;
                keys[c] = -(logPopularity[c] - Math.Log(-Math.Log(Uniform())));
            }
            Array.Sort(keys, order);
            var length = full ? candidates : 1 + lot.Below(candidates);
            ballots[v] = new RankedBallot(1, [.. order.Take(length).Select(c => single[c])]);
        }
        return new Election([.. Enumerable.Range(1, candidates).Select(c => $"Candidate {c}")], 1, ballots);
    }
}
