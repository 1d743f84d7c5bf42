using Groundwork.Tally;
using Groundwork.Tally.Stv;

namespace Groundwork.Benchmarks;

/// A reproducible large election: each voter ranks a few candidates, drawn Plackett–Luce from unequal
/// popularities (so, as in real elections, many ballots repeat), with 1 to 8 preferences (mean about 3.5).
static class Synthetic
{
    public sealed record Ballots(string[] Candidates, int[] Prefs, int[] Start);

    public static Ballots Generate(int voters, int candidates, int seed)
    {
        var lot = new Lot(seed);
        var names = Enumerable.Range(1, candidates).Select(i => $"Candidate {i}").ToArray();
        var weight = Enumerable.Range(0, candidates).Select(i => 1.0 / (1 + i * 0.35)).ToArray();
        var prefs = new List<int>(voters * 4);
        var start = new int[voters + 1];
        var left = new double[candidates];
        for (int v = 0; v < voters; v++)
        {
            int length = 1 + Math.Min(lot.Below(4) + lot.Below(4) + lot.Below(2), candidates - 1);
            Array.Copy(weight, left, candidates);
            double sum = left.Sum();
            for (int k = 0; k < length; k++)
            {
                double x = lot.Below(1 << 30) / (double)(1 << 30) * sum;
                int c = 0;
                while (c < candidates - 1 && (left[c] == 0 || (x -= left[c]) >= 0)) c++;
                if (left[c] == 0) c = Array.FindLastIndex(left, w => w > 0);
                prefs.Add(c);
                sum -= left[c];
                left[c] = 0;
            }
            start[v + 1] = prefs.Count;
        }
        return new Ballots(names, [.. prefs], start);
    }

    /// Merging identical ballots is part of every measured count.
    public static PreferenceTable Merge(Ballots b)
    {
        var builder = new PreferenceTable.Builder(b.Candidates);
        for (int v = 0; v + 1 < b.Start.Length; v++)
            builder.Add(b.Prefs.AsSpan(b.Start[v], b.Start[v + 1] - b.Start[v]), 1);
        return builder.Build();
    }
}
