namespace Groundwork.Tally.Formats;

/// Where a reader puts each ballot: tiers one by one, then the weight (or a discard on error).
interface IBallotSink
{
    void Add(ReadOnlySpan<int> tier);
    /// Several ranks at once, one candidate each: a reader's common case in one call.
    void AddStrict(ReadOnlySpan<int> candidates);
    bool Commit(long weight);
    void Discard();
}

/// Collects ballots while a file streams in, merging identical rankings at once so that memory grows with
/// the number of distinct ballots, not with the size of the file. Keys live back to back in one buffer with
/// an open-addressing index over them (no object per key), and one-candidate tiers share a cached array,
/// so a distinct ballot costs one RankedBallot and its tier list.
sealed class BallotAccumulator : IBallotSink
{
    /// More ballots than this in one file is a damaged file, and beyond it the STV arithmetic (9 decimal
    /// places in 64 bits) could overflow.
    public const long MaxTotalWeight = 1_000_000_000;

    // Key encoding: a tier's first candidate c as c + 2, the others in the tier as -(c + 2), an empty tier
    // (skipped rank) as 0. The overvote marker (-1) becomes 1. Distinct rankings get distinct keys.
    int[] key = new int[64];
    int keyLength;
    int[] keys = new int[1024];
    int keysUsed;
    int[] keyStart = new int[129];
    int[] hashes = new int[128];
    long[] slots = new long[256];          // hash << 32 | (entry + 1); 0 = empty
    readonly List<int[][]> rankings = [];
    readonly List<long> weights = [];
    readonly List<int[]> singletons = [];
    long total;

    public int Distinct => rankings.Count;

    public List<RankedBallot> ToBallots()
    {
        var list = new List<RankedBallot>(rankings.Count);
        for (int i = 0; i < rankings.Count; i++) list.Add(new RankedBallot(weights[i], rankings[i]));
        return list;
    }

    public void AddStrict(ReadOnlySpan<int> candidates)
    {
        if (keyLength + candidates.Length > key.Length) Array.Resize(ref key, Math.Max(key.Length * 2, keyLength + candidates.Length));
        foreach (int c in candidates) key[keyLength++] = c + 2;
    }

    public void Add(ReadOnlySpan<int> tier)
    {
        if (keyLength + tier.Length + 1 > key.Length) Array.Resize(ref key, Math.Max(key.Length * 2, keyLength + tier.Length + 1));
        if (tier.IsEmpty) key[keyLength++] = 0;
        for (int i = 0; i < tier.Length; i++) key[keyLength++] = i == 0 ? tier[i] + 2 : -(tier[i] + 2);
    }

    /// False (and nothing added) when the file's total weight would pass <see cref="MaxTotalWeight"/>.
    public bool Commit(long weight)
    {
        if (weight > MaxTotalWeight - total)
        {
            Discard();
            return false;
        }
        total += weight;
        var span = key.AsSpan(0, keyLength);
        int hash = Hash(span);
        int mask = slots.Length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            long slot = slots[i];
            if (slot == 0)
            {
                int e = rankings.Count;
                Store(span, hash);
                rankings.Add(Decode(span));
                weights.Add(weight);
                slots[i] = (long)hash << 32 | (uint)(e + 1);
                if (rankings.Count * 2 > slots.Length) Grow();
                break;
            }
            if ((int)(slot >> 32) != hash) continue;
            int at = (int)slot - 1;
            if (span.SequenceEqual(keys.AsSpan(keyStart[at], keyStart[at + 1] - keyStart[at])))
            {
                weights[at] += weight;
                break;
            }
        }
        keyLength = 0;
        return true;
    }

    public void Discard() => keyLength = 0;

    void Store(ReadOnlySpan<int> span, int hash)
    {
        int e = rankings.Count;
        if (keysUsed + span.Length > keys.Length) Array.Resize(ref keys, Math.Max(keys.Length * 2, keysUsed + span.Length));
        if (e + 2 > keyStart.Length)
        {
            Array.Resize(ref keyStart, keyStart.Length * 2);
            Array.Resize(ref hashes, keyStart.Length);
        }
        span.CopyTo(keys.AsSpan(keysUsed));
        keysUsed += span.Length;
        keyStart[e + 1] = keysUsed;
        hashes[e] = hash;
    }

    void Grow()
    {
        slots = new long[slots.Length * 2];
        int mask = slots.Length - 1;
        for (int e = 0; e < rankings.Count; e++)
        {
            int i = hashes[e] & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = (long)hashes[e] << 32 | (uint)(e + 1);
        }
    }

    static int Hash(ReadOnlySpan<int> s)
    {
        ulong h = 0xcbf29ce484222325;
        foreach (int x in s) h = (h ^ (uint)x) * 0x100000001b3;
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9;
        return (int)(h ^ (h >> 32)) & int.MaxValue;
    }

    int[][] Decode(ReadOnlySpan<int> k)
    {
        int count = 0;
        foreach (int x in k) if (x >= 0) count++;
        var tiers = new int[count][];
        int t = -1;
        for (int i = 0; i < k.Length; i++)
        {
            if (k[i] < 0) continue;
            int len = 1;
            while (i + len < k.Length && k[i + len] < 0) len++;
            if (k[i] == 0) { tiers[++t] = []; continue; }
            if (len == 1) { tiers[++t] = Singleton(k[i] - 2); continue; }
            var tier = new int[len];
            for (int j = 0; j < len; j++) tier[j] = Math.Abs(k[i + j]) - 2;
            tiers[++t] = tier;
        }
        return tiers;
    }

    // Ballots are read-only after reading, so every one-candidate tier naming c can be the same array.
    int[] Singleton(int c)
    {
        if (c < 0) return [c];
        while (singletons.Count <= c) singletons.Add([singletons.Count]);
        return singletons[c];
    }
}
