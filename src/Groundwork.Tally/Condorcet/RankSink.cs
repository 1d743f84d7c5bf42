using System.Numerics;
using Groundwork.Tally.Formats;

namespace Groundwork.Tally.Condorcet;

/// The pairwise reading of ballots applied while a file streams in: each ballot becomes a rank vector (tiers
/// share a rank, so an equal ranking is a tie between those candidates; skipped ranks pass over; an overvote
/// ends the ballot; unranked candidates tie below every ranked one), identical vectors merge at once, and
/// <see cref="Finish"/> counts the pairwise matrix from the merged ballots. Memory grows with the distinct
/// ballots (one byte per candidate each, up to 126 candidates), never with the file.
sealed class RankSink : IBallotSink
{
    const int ByteRanks = 126;
    readonly int n;
    readonly int[] ranks;
    readonly Pairwise.Merged<sbyte>? small;
    readonly Pairwise.Merged<int>? wide;
    sbyte[] smallScratch, spareScratch;
    long pendingWeight = -1;
    int pendingHash;
    readonly int[] wideScratch;
    long[] slots;                        // hash << 32 | (entry + 1); 0 = empty: the hash saves a look at the entry
    int[] hashes;
    int tier, ranked;
    bool ended;
    long total;

    /// The weight of the ballots committed so far.
    public long Total => total;

    /// <paramref name="expectedBallots"/>, when known (from a file's length), sizes the tables once.
    public RankSink(int candidates, int expectedBallots = 0)
    {
        n = candidates;
        ranks = new int[n];
        Array.Fill(ranks, n);
        int capacity = Math.Clamp(expectedBallots, 1024, 1 << 24);
        if (n <= ByteRanks)
        {
            small = new Pairwise.Merged<sbyte>(n, capacity);
            smallScratch = new sbyte[n];
            spareScratch = new sbyte[n];
            wideScratch = [];
        }
        else
        {
            wide = new Pairwise.Merged<int>(n, capacity);
            wideScratch = new int[n];
            smallScratch = [];
            spareScratch = [];
        }
        slots = new long[(int)BitOperations.RoundUpToPowerOf2((uint)(2 * capacity))];
        hashes = new int[capacity];
    }

    public void AddStrict(ReadOnlySpan<int> candidates)
    {
        if (ended) return;
        foreach (int c in candidates)
        {
            if (ranks[c] != n) continue;
            ranks[c] = tier++;
            ranked++;
        }
    }

    public void Add(ReadOnlySpan<int> candidates)
    {
        if (ended || candidates.IsEmpty) return;
        foreach (int c in candidates)
            if (c == RankedBallot.Overvote) { ended = true; return; }
        foreach (int c in candidates)
        {
            // A candidate ranked twice keeps its higher place.
            if (ranks[c] == n) { ranks[c] = tier; ranked++; }
        }
        tier++;
    }

    public bool Commit(long weight)
    {
        if (weight > BallotAccumulator.MaxTotalWeight - total)
        {
            Discard();
            return false;
        }
        total += weight;
        // An empty ballot prefers nobody to anybody; a weightless one counts for nothing.
        if (ranked > 0 && weight > 0)
        {
            if (small is not null)
            {
                // Held until the next ballot: its slot is fetched from memory meanwhile (see PreferenceTable.Builder).
                var next = pendingWeight >= 0 ? spareScratch : smallScratch;
                for (int c = 0; c < n; c++) next[c] = (sbyte)ranks[c];
                int hash = (int)(Pairwise.Hash<sbyte>(next) & int.MaxValue);
                Prefetch(slots, hash & (slots.Length - 1));
                if (pendingWeight >= 0) Insert(small, smallScratch, pendingWeight, pendingHash);
                (smallScratch, spareScratch) = (next, next == smallScratch ? spareScratch : smallScratch);
                pendingWeight = weight;
                pendingHash = hash;
            }
            else
            {
                ranks.CopyTo(wideScratch, 0);
                Insert(wide!, wideScratch, weight, (int)(Pairwise.Hash<int>(wideScratch) & int.MaxValue));
            }
        }
        Discard();
        return true;
    }

    public void Discard()
    {
        Array.Fill(ranks, n);
        tier = 0;
        ranked = 0;
        ended = false;
    }

    static unsafe void Prefetch(long[] array, int index)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref array[index]));
    }

    void Insert<T>(Pairwise.Merged<T> merged, T[] scratch, long weight, int hash) where T : unmanaged, IBinaryInteger<T>
    {
        int mask = slots.Length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            long slot = slots[i];
            if (slot == 0)
            {
                int index = merged.Count++;
                if (index == merged.Weights.Length)
                {
                    Array.Resize(ref merged.Weights, index * 2);
                    Array.Resize(ref merged.Ranks, index * 2 * n);
                    Array.Resize(ref hashes, index * 2);
                }
                merged.Weights[index] = weight;
                hashes[index] = hash;
                scratch.CopyTo(merged.Ranks, index * n);
                slots[i] = (long)hash << 32 | (uint)(index + 1);
                if (merged.Count * 2 > slots.Length) Grow(merged.Count);
                return;
            }
            if ((int)(slot >> 32) != hash) continue;
            int at = (int)slot - 1;
            if (merged.Ranks.AsSpan(at * n, n).SequenceEqual(scratch))
            {
                merged.Weights[at] += weight;
                return;
            }
        }
    }

    void Grow(int count)
    {
        slots = new long[slots.Length * 2];
        int mask = slots.Length - 1;
        for (int e = 0; e < count; e++)
        {
            int i = hashes[e] & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = (long)hashes[e] << 32 | (uint)(e + 1);
        }
    }

    /// The pairwise matrix of the merged ballots: d[i·n + j] is the weight ranking i above j.
    public long[] Finish()
    {
        if (small is not null && pendingWeight >= 0) Insert(small, smallScratch, pendingWeight, pendingHash);
        pendingWeight = -1;
        slots = [];
        hashes = [];
        return small is not null ? Pairwise.FromMerged(small) : Pairwise.AccumulateWide(wide!, n);
    }
}
