using System.Runtime.InteropServices;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Formats;

/// Collects ballots while a file streams in, merging identical rankings at once so that memory grows with
/// the number of distinct ballots, not with the size of the file.
sealed class BallotAccumulator
{
    readonly Dictionary<int[], int> index = new(IntSequenceComparer.Instance);
    readonly List<int[][]> rankings = [];
    readonly List<long> weights = [];
    readonly List<int> key = [];

    public int Distinct => rankings.Count;

    public List<RankedBallot> ToBallots()
    {
        var list = new List<RankedBallot>(rankings.Count);
        for (int i = 0; i < rankings.Count; i++) list.Add(new RankedBallot(weights[i], rankings[i]));
        return list;
    }

    // Key encoding: a tier's first candidate c as c + 2, the others in the tier as -(c + 2), an empty tier
    // (skipped rank) as 0. The overvote marker (-1) becomes 1. Distinct rankings get distinct keys.
    public void Add(ReadOnlySpan<int> tier)
    {
        if (tier.IsEmpty) key.Add(0);
        for (int i = 0; i < tier.Length; i++) key.Add(i == 0 ? tier[i] + 2 : -(tier[i] + 2));
    }

    // Tier arrays are built only for a ballot not seen before, so a repeated line allocates nothing.
    static int[][] Decode(ReadOnlySpan<int> key)
    {
        int count = 0;
        foreach (int k in key) if (k >= 0) count++;
        var tiers = new int[count][];
        int t = -1;
        for (int i = 0; i < key.Length; i++)
        {
            if (key[i] < 0) continue;
            int len = 1;
            while (i + len < key.Length && key[i + len] < 0) len++;
            var tier = key[i] == 0 ? [] : new int[len];
            for (int j = 0; j < tier.Length; j++) tier[j] = Math.Abs(key[i + j]) - 2;
            tiers[++t] = tier;
        }
        return tiers;
    }

    /// More ballots than this in one file is a damaged file, and beyond it the STV arithmetic (9 decimal
    /// places in 64 bits) could overflow.
    public const long MaxTotalWeight = 1_000_000_000;
    long total;

    /// False (and nothing added) when the file's total weight would pass <see cref="MaxTotalWeight"/>.
    public bool Commit(long weight)
    {
        if (weight > MaxTotalWeight - total)
        {
            Discard();
            return false;
        }
        total += weight;
        var span = CollectionsMarshal.AsSpan(key);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<int>>();
        if (lookup.TryGetValue(span, out int at))
        {
            weights[at] += weight;
        }
        else
        {
            lookup[span] = rankings.Count;
            rankings.Add(Decode(span));
            weights.Add(weight);
        }
        key.Clear();
        return true;
    }

    public void Discard() => key.Clear();
}
