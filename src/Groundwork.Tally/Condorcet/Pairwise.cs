using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Groundwork.Tally.Tests")]

namespace Groundwork.Tally.Condorcet;

/// The pairwise matrix of a ranked election: D[i·n + j] is the weight of ballots ranking i above j.
/// Unranked candidates count as tied below every ranked one (Debian's and Schulze's "implicit" ranking):
/// with the other reading, 2006's Debian leader election flips to the wrong winner.
public static class Pairwise
{
    // Up to this many candidates a rank fits in a signed byte (unranked = n, padding = −1), and the
    // comparisons run 32 at a time; beyond it we fall back to 32-bit ranks and 64-bit counters.
    const int ByteRanks = 126;

    public static long[] Count(Election election)
    {
        var n = election.Candidates.Count;
        if (n == 0) return [];
        var ballots = election.Ballots;
        // Each core merges and counts its own share of the ballots; a ballot repeated across shares is merely
        // merged twice, and integer sums add up the same in any order.
        var parts = ballots.Count < 65_536 ? 1 : Environment.ProcessorCount;
        var partial = new long[parts][];
        void CountShare(int part)
        {
            var from = (int)((long)ballots.Count * part / parts);
            var to = (int)((long)ballots.Count * (part + 1) / parts);
            partial[part] = n <= ByteRanks
                ? AccumulateBytes(Merge<sbyte>(ballots, n, from, to), n)
                : AccumulateWide(Merge<int>(ballots, n, from, to), n);
        }
        if (parts == 1) CountShare(0);
        else
        {
            try { Parallel.For(0, parts, CountShare); }
            // A bad ballot or an overflow is the caller's error, not a parallelism failure: rethrow it as it was.
            catch (AggregateException e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); }
        }
        return Sum(partial, n);
    }

    public static decimal[][] ToMatrix(long[] d, int n) =>
        [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => (decimal)d[i * n + j]).ToArray())];

    /// Identical ballots, counted once with their summed weight. Two ballots are identical when they give
    /// every candidate the same rank, so "A=B>C" and "B=A>C" merge.
    internal sealed class Merged<T>(int n, int capacity) where T : unmanaged
    {
        public readonly int N = n;
        public long[] Weights = new long[capacity];
        public T[] Ranks = new T[n * capacity];          // distinct rank vectors, back to back
        public int Count;
    }

    const long MergeBudgetBytes = 256L * 1024 * 1024;

    internal static Merged<T> Merge<T>(IReadOnlyList<RankedBallot> ballots, int n, long budgetBytes = MergeBudgetBytes) where T : unmanaged, IBinaryInteger<T> =>
        Merge<T>(ballots, n, 0, ballots.Count, budgetBytes);

    static Merged<T> Merge<T>(IReadOnlyList<RankedBallot> ballots, int n, int from, int to, long budgetBytes = MergeBudgetBytes)
        where T : unmanaged, IBinaryInteger<T>
    {
        // Sized for the worst case (every ballot distinct) up front, within a budget of 256 MB: growing these
        // arrays step by step means large-object allocations, each able to trigger a full collection over the
        // caller's ballots, which cost more than the count itself on a million ballots. Beyond it, doubling.
        var capacity = (int)Math.Clamp(budgetBytes / (n * Unsafe.SizeOf<T>()), 16, Math.Max(16, to - from));
        var merged = new Merged<T>(n, capacity);
        var scratch = new T[n];
        var unranked = T.CreateTruncating(n);
        var table = new int[(int)BitOperations.RoundUpToPowerOf2((uint)(2 * capacity))];
        var mask = table.Length - 1;                     // open addressing: index + 1 into merged, 0 = empty
        for (var b = from; b < to; b++)
        {
            var ballot = ballots[b];
            if (ballot.Weight < 0) throw new ArgumentOutOfRangeException(nameof(ballots), ballot.Weight, "A ballot's weight cannot be negative.");
            if (ballot.Weight == 0) continue;
            scratch.AsSpan().Fill(unranked);
            var tierIndex = 0;
            var ranked = 0;
            // Skipped ranks (empty tiers) are passed over; the ballot ends at an overvote, as in the other
            // non-STV methods (Simple.RankedInput), written out here because this loop runs a million times.
            foreach (var tier in ballot.Ranking)
            {
                if (tier.Length == 0) continue;
                var rank = T.CreateTruncating(tierIndex);
                if (tier.Length == 1)
                {
                    // The common case, a strict ranking, without the loops.
                    var only = tier[0];
                    if (only == RankedBallot.Overvote) break;
                    if ((uint)only >= (uint)n)
                        throw new ArgumentOutOfRangeException(nameof(ballots), only, $"No candidate {only}: there are {n}.");
                    if (scratch[only] == unranked) { scratch[only] = rank; ranked++; }
                    tierIndex++;
                    continue;
                }
                if (IsOvervote(tier)) break;
                foreach (var c in tier)
                {
                    if ((uint)c >= (uint)n)
                        throw new ArgumentOutOfRangeException(nameof(ballots), c, $"No candidate {c}: there are {n}.");
                    // A candidate ranked twice keeps its higher place.
                    if (scratch[c] == unranked) { scratch[c] = rank; ranked++; }
                }
                tierIndex++;
            }
            if (ranked == 0) continue;                   // an empty ballot prefers nobody to anybody
            var slot = (int)Hash<T>(scratch) & mask;
            while (true)
            {
                var entry = table[slot];
                if (entry == 0)
                {
                    var index = merged.Count++;
                    if (index == merged.Weights.Length)
                    {
                        Array.Resize(ref merged.Weights, index * 2);
                        Array.Resize(ref merged.Ranks, index * 2 * n);
                    }
                    merged.Weights[index] = ballot.Weight;
                    scratch.CopyTo(merged.Ranks, index * n);
                    table[slot] = index + 1;
                    if (merged.Count * 2 > table.Length)
                    {
                        table = Rehash(merged, table.Length * 2);
                        mask = table.Length - 1;
                    }
                    break;
                }
                if (merged.Ranks.AsSpan((entry - 1) * n, n).SequenceEqual(scratch))
                {
                    merged.Weights[entry - 1] = checked(merged.Weights[entry - 1] + ballot.Weight);
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return merged;
    }

    static bool IsOvervote(int[] tier)
    {
        foreach (var c in tier) if (c == RankedBallot.Overvote) return true;
        return false;
    }

    internal static int[] Rehash<T>(Merged<T> merged, int size) where T : unmanaged
    {
        var table = new int[size];
        var mask = size - 1;
        for (var k = 0; k < merged.Count; k++)
        {
            var slot = (int)Hash<T>(merged.Ranks.AsSpan(k * merged.N, merged.N)) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = k + 1;
        }
        return table;
    }

    internal static uint Hash<T>(ReadOnlySpan<T> ranks) where T : unmanaged
    {
        var h = new HashCode();
        h.AddBytes(MemoryMarshal.AsBytes(ranks));
        return (uint)h.ToHashCode();
    }

    /// O(distinct ballots · ranked candidates · n) byte operations, vectorised over the columns. Counters
    /// are bytes, flushed into 64-bit totals before they could wrap, so one vector
    /// instruction does 32 comparisons; a ballot heavier than a byte can hold goes straight to the totals.
    internal static long[] AccumulateBytes(Merged<sbyte> merged, int n) => AccumulateBytes(merged, n, 0, merged.Count);

    /// The pairwise matrix of ballots already merged (a streaming reader's), each core counting its share.
    internal static long[] FromMerged(Merged<sbyte> merged)
    {
        int n = merged.N;
        int parts = merged.Count < 16_384 ? 1 : Environment.ProcessorCount;
        if (parts == 1) return AccumulateBytes(merged, n);
        var partial = new long[parts][];
        Parallel.For(0, parts, part => partial[part] = AccumulateBytes(merged, n,
            (int)((long)merged.Count * part / parts), (int)((long)merged.Count * (part + 1) / parts)));
        return Sum(partial, n);
    }

    static long[] AccumulateBytes(Merged<sbyte> merged, int n, int from, int to)
    {
        var width = Vector<sbyte>.Count;
        var stride = (n + width - 1) / width * width;     // pad rows so every row is whole vectors
        var vectorsPerRow = stride / width;
        var totals = new long[n * n];
        var counters = new byte[n * stride];
        var ranks = new sbyte[stride];
        var pending = 0;                                  // weight added to the byte counters since the last flush
        var counterVectors = MemoryMarshal.Cast<byte, Vector<byte>>(counters.AsSpan());
        var rankVectors = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(ranks.AsSpan());
        // Padding columns rank −1: no candidate ranks above them, so they stay zero.
        ranks.AsSpan(n).Fill(-1);
        for (var b = from; b < to; b++)
        {
            var source = merged.Ranks.AsSpan(b * n, n);
            var weight = merged.Weights[b];
            if (weight > byte.MaxValue)
            {
                AddWide(totals, source, n, weight);
                continue;
            }
            if (pending + weight > byte.MaxValue)
            {
                Flush(counters, totals, n, stride);
                pending = 0;
            }
            pending += (int)weight;
            source.CopyTo(ranks);
            var w = new Vector<byte>((byte)weight);
            for (var i = 0; i < n; i++)
            {
                var ri = ranks[i];
                if (ri == n) continue;                    // unranked: prefers nobody
                var mine = new Vector<sbyte>(ri);
                var row = counterVectors.Slice(i * vectorsPerRow, vectorsPerRow);
                for (var v = 0; v < row.Length; v++)
                    row[v] += Vector.AsVectorByte(Vector.GreaterThan(rankVectors[v], mine)) & w;
            }
        }
        Flush(counters, totals, n, stride);
        return totals;
    }

    static void Flush(byte[] counters, long[] totals, int n, int stride)
    {
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                totals[i * n + j] += counters[i * stride + j];
        Array.Clear(counters);
    }

    static void AddWide<T>(long[] totals, ReadOnlySpan<T> ranks, int n, long weight) where T : unmanaged, IBinaryInteger<T>
    {
        var unranked = T.CreateTruncating(n);
        for (var i = 0; i < n; i++)
        {
            if (ranks[i] == unranked) continue;
            for (var j = 0; j < n; j++)
                if (ranks[j] > ranks[i]) totals[i * n + j] = checked(totals[i * n + j] + weight);
        }
    }

    /// More candidates than byte ranks allow: plain 64-bit counting, still on merged ballots.
    internal static long[] AccumulateWide(Merged<int> merged, int n)
    {
        var totals = new long[n * n];
        for (var b = 0; b < merged.Count; b++) AddWide<int>(totals, merged.Ranks.AsSpan(b * n, n), n, merged.Weights[b]);
        return totals;
    }

    static long[] Sum(long[][] partial, int n)
    {
        var result = new long[n * n];
        foreach (var d in partial)
            for (var k = 0; k < result.Length; k++)
                result[k] = checked(result[k] + d[k]);
        return result;
    }
}
