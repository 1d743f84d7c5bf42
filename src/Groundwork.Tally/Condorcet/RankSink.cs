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
    readonly sbyte[] smallScratch;
    readonly int[] wideScratch;
    int[] table;
    int tier, ranked;
    bool ended;
    long total;

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
            wideScratch = [];
        }
        else
        {
            wide = new Pairwise.Merged<int>(n, capacity);
            wideScratch = new int[n];
            smallScratch = [];
        }
        table = new int[(int)BitOperations.RoundUpToPowerOf2((uint)(2 * capacity))];
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
                for (int c = 0; c < n; c++) smallScratch[c] = (sbyte)ranks[c];
                Insert(small, smallScratch, weight);
            }
            else
            {
                ranks.CopyTo(wideScratch, 0);
                Insert(wide!, wideScratch, weight);
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

    void Insert<T>(Pairwise.Merged<T> merged, T[] scratch, long weight) where T : unmanaged, IBinaryInteger<T>
    {
        int mask = table.Length - 1;
        int slot = (int)Pairwise.Hash<T>(scratch) & mask;
        while (true)
        {
            int entry = table[slot];
            if (entry == 0)
            {
                int index = merged.Count++;
                if (index == merged.Weights.Length)
                {
                    Array.Resize(ref merged.Weights, index * 2);
                    Array.Resize(ref merged.Ranks, index * 2 * n);
                }
                merged.Weights[index] = weight;
                scratch.CopyTo(merged.Ranks, index * n);
                table[slot] = index + 1;
                if (merged.Count * 2 > table.Length) table = Pairwise.Rehash(merged, table.Length * 2);
                return;
            }
            if (merged.Ranks.AsSpan((entry - 1) * n, n).SequenceEqual(scratch))
            {
                merged.Weights[entry - 1] += weight;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The pairwise matrix of the merged ballots: d[i·n + j] is the weight ranking i above j.
    public long[] Finish()
    {
        table = [];
        return small is not null ? Pairwise.FromMerged(small) : Pairwise.AccumulateWide(wide!, n);
    }
}
