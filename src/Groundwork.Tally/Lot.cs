namespace Groundwork.Tally;

/// A drawing of lots that anyone can replay: SplitMix64 (Steele, Lea and Flood 2014) seeded with a public
/// number. We write the generator ourselves rather than use System.Random because its algorithm is not part
/// of its contract and may change between .NET versions, and a lot must give the same answer years later.
/// Draws are taken in order from one stream, so a result's <see cref="TallyResult.Lots"/> list, in order,
/// with the seed, replays the count exactly.
public sealed class Lot(int seed)
{
    ulong _state = unchecked((ulong)seed);

    public int Seed { get; } = seed;

    internal ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// A uniform integer in [0, n): rejection sampling, because a plain modulo favours small numbers.
    public int Below(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var bound = (ulong)n;
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong x;
        do { x = Next(); } while (x >= limit);
        return (int)(x % bound);
    }

    /// Draws one of <paramref name="among"/> and records the draw. The candidates are sorted first, so
    /// the outcome does not depend on the order in which a method happened to list them.
    public int Draw(TallyResult result, string reason, IEnumerable<int> among)
    {
        int[] sorted = [.. among.Order()];
        if (sorted.Length == 0) throw new ArgumentException("A lot needs at least one candidate.", nameof(among));
        var chosen = sorted.Length == 1 ? sorted[0] : sorted[Below(sorted.Length)];
        if (sorted.Length > 1) result.Lots.Add(new LotDraw(reason, sorted, chosen, Seed));
        return chosen;
    }

    /// Puts tied candidates in an order by successive draws (first drawn ranks highest), each recorded.
    public int[] Order(TallyResult result, string reason, IEnumerable<int> among)
    {
        var left = among.Order().ToList();
        var order = new int[left.Count];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = Draw(result, reason, left);
            left.Remove(order[k]);
        }
        return order;
    }
}
