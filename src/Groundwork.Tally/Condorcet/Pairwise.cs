using System.Numerics;
using System.Runtime.InteropServices;

[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Groundwork.Tally.Tests")]

namespace Groundwork.Tally.Condorcet;

/// The pairwise matrix of a ranked election: D[i·n + j] is the weight of ballots ranking i above j.
/// Unranked candidates count as tied below every ranked one (Debian's and Schulze's "implicit" ranking):
/// with the other reading, 2006's Debian leader election flips to the wrong winner.
public static class Pairwise
{
    public static long[] Count(Election election)
    {
        var n = election.Candidates.Count;
        var merged = Merge(election.Ballots, n);
        return Accumulate(merged, n);
    }

    public static decimal[][] ToMatrix(long[] d, int n) =>
        [.. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => (decimal)d[i * n + j]).ToArray())];

    /// Identical ballots, counted once with their summed weight. Two ballots are identical when they give
    /// every candidate the same rank, so "A=B>C" and "B=A>C" merge.
    internal sealed class Merged(int n)
    {
        public readonly int N = n;
        public readonly List<long> Weights = [];
        public int[] Ranks = new int[n * 64];          // distinct rank vectors, back to back
        public int Count => Weights.Count;
    }

    internal static Merged Merge(IReadOnlyList<RankedBallot> ballots, int n)
    {
        var merged = new Merged(n);
        var scratch = new int[n];
        var table = new int[1024];                       // open addressing: index + 1 into merged, 0 = empty
        var mask = table.Length - 1;
        foreach (var ballot in ballots)
        {
            if (ballot.Weight < 0) throw new ArgumentOutOfRangeException(nameof(ballots), ballot.Weight, "A ballot's weight cannot be negative.");
            if (ballot.Weight == 0) continue;
            // Unranked: rank = n, below any tier index a ballot of n candidates can reach.
            Array.Fill(scratch, n);
            var tierIndex = 0;
            var ranked = 0;
            foreach (var tier in Simple.RankedInput.Tiers(ballot))
            {
                foreach (var c in tier)
                {
                    if ((uint)c >= (uint)n)
                        throw new ArgumentOutOfRangeException(nameof(ballots), c, $"No candidate {c}: there are {n}.");
                    // A candidate ranked twice keeps its first (higher) place, as Debian's tally does.
                    if (scratch[c] == n) { scratch[c] = tierIndex; ranked++; }
                }
                tierIndex++;
            }
            if (ranked == 0) continue;                   // an empty ballot prefers nobody to anybody
            var hash = Hash(scratch);
            var slot = (int)hash & mask;
            while (true)
            {
                var entry = table[slot];
                if (entry == 0)
                {
                    var index = merged.Count;
                    merged.Weights.Add(ballot.Weight);
                    if ((index + 1) * n > merged.Ranks.Length) Array.Resize(ref merged.Ranks, merged.Ranks.Length * 2);
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
                    CollectionsMarshal.AsSpan(merged.Weights)[entry - 1] = checked(merged.Weights[entry - 1] + ballot.Weight);
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return merged;
    }

    static int[] Rehash(Merged merged, int size)
    {
        var table = new int[size];
        var mask = size - 1;
        for (var k = 0; k < merged.Count; k++)
        {
            var slot = (int)Hash(merged.Ranks.AsSpan(k * merged.N, merged.N)) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = k + 1;
        }
        return table;
    }

    static uint Hash(ReadOnlySpan<int> ranks)
    {
        var h = new HashCode();
        h.AddBytes(MemoryMarshal.AsBytes(ranks));
        return (uint)h.ToHashCode();
    }

    /// O(distinct ballots · ranked candidates · n), vectorised over the columns and split across cores
    /// (each core fills its own matrix; the sum at the end is exact, as integer addition is).
    internal static long[] Accumulate(Merged merged, int n)
    {
        var width = Vector<long>.Count;
        var stride = (n + width - 1) / width * width;     // pad rows so every row is whole vectors
        var parts = Math.Max(1, Math.Min(Environment.ProcessorCount, merged.Count / 4096));
        var partial = new long[parts][];
        Parallel.For(0, parts, part =>
        {
            var d = new long[n * stride];
            var ranks = new long[stride];
            var from = (int)((long)merged.Count * part / parts);
            var to = (int)((long)merged.Count * (part + 1) / parts);
            var rowVectors = MemoryMarshal.Cast<long, Vector<long>>(d.AsSpan());
            for (var b = from; b < to; b++)
            {
                var source = merged.Ranks.AsSpan(b * n, n);
                for (var c = 0; c < n; c++) ranks[c] = source[c];
                // Padding columns rank -1: no candidate ranks above them, so they stay zero.
                for (var c = n; c < stride; c++) ranks[c] = -1;
                var rankVectors = MemoryMarshal.Cast<long, Vector<long>>(ranks.AsSpan());
                var weight = new Vector<long>(merged.Weights[b]);
                for (var i = 0; i < n; i++)
                {
                    var ri = ranks[i];
                    if (ri == n) continue;                // unranked: prefers nobody
                    var mine = new Vector<long>(ri);
                    var row = rowVectors.Slice(i * stride / width, stride / width);
                    for (var v = 0; v < row.Length; v++)
                        row[v] += Vector.GreaterThan(rankVectors[v], mine) & weight;
                }
            }
            partial[part] = d;
        });
        var result = new long[n * n];
        foreach (var d in partial)
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    result[i * n + j] = checked(result[i * n + j] + d[i * stride + j]);
        return result;
    }
}
