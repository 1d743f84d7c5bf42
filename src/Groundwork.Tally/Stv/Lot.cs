namespace Groundwork.Tally.Stv;

/// Drawing by lot, reproducibly: SplitMix64 from a recorded seed, so a published count can be replayed.
/// (System.Random's sequence is an implementation detail and may change between runtimes.)
public sealed class Lot(int seed)
{
    ulong state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E5BBUL);
    public int Seed { get; } = seed;

    public int Draw(IReadOnlyList<int> among, string reason, TallyResult result)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        int chosen = among[(int)(z % (ulong)among.Count)];
        result.Lots.Add(new LotDraw(reason, [.. among], chosen, Seed));
        return chosen;
    }
}
