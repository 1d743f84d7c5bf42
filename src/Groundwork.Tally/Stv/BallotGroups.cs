namespace Groundwork.Tally.Stv;

/// Meek's ballots grouped by what matters while keep values iterate: the elected candidates a vote passes
/// through, in order, and the hopeful candidate where it stops (or its end). Between elections and
/// exclusions only keep values change, so each iteration touches a few thousand groups instead of every
/// distinct ballot; when a candidate is elected or excluded, only the ballots stopped at them move on. The
/// arithmetic per ballot is exactly that of walking the ballot alone.
sealed class BallotGroups
{
    readonly PreferenceTable table;
    readonly int[] stop;                                // per ballot: index in Prefs of its stop, or its end
    readonly Dictionary<int[], int> index = new(IntSequenceComparer.Instance);
    readonly List<int[]> keys = [];                     // elected candidates passed…, then the stop (-1: end)
    readonly List<long> weights = [];
    readonly List<List<int>> members = [];
    readonly List<int>[] stoppedAt;                     // groups whose stop is each candidate
    readonly List<int> key = [];

    public BallotGroups(PreferenceTable table, int candidates)
    {
        this.table = table;
        stop = new int[table.Count];
        stoppedAt = new List<int>[candidates];
        for (int c = 0; c < candidates; c++) stoppedAt[c] = [];
        for (int b = 0; b < table.Count; b++)
        {
            // Every candidate is hopeful at the start: each ballot stops at its first preference.
            stop[b] = table.Start[b];
            key.Clear();
            key.Add(table.Prefs[stop[b]]);
            Join(b);
        }
    }

    void Join(int ballot)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(key);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<int>>();
        if (!lookup.TryGetValue(span, out int g))
        {
            g = keys.Count;
            lookup[span] = g;
            keys.Add(span.ToArray());
            weights.Add(0);
            members.Add([]);
            if (key[^1] >= 0) stoppedAt[key[^1]].Add(g);
        }
        weights[g] += table.Weights[ballot];
        if (key[^1] >= 0) members[g].Add(ballot);
    }

    /// Candidate <paramref name="c"/> has just been elected or excluded: ballots stopped at them go on to their
    /// next hopeful candidate, passing (and recording) elected ones and skipping excluded ones.
    public void Restop(int c, bool[] elected, bool[] excluded)
    {
        var groupsAtC = stoppedAt[c].ToArray();
        stoppedAt[c].Clear();
        foreach (int g in groupsAtC)
        {
            var oldKey = keys[g];
            foreach (int b in members[g])
            {
                key.Clear();
                for (int j = 0; j < oldKey.Length - 1; j++) key.Add(oldKey[j]);
                if (elected[c]) key.Add(c);
                int end = table.Start[b + 1];
                int i = stop[b] + 1;
                for (; i < end; i++)
                {
                    int d = table.Prefs[i];
                    if (excluded[d]) continue;
                    if (elected[d]) { key.Add(d); continue; }
                    break;
                }
                stop[b] = i;
                key.Add(i < end ? table.Prefs[i] : -1);
                Join(b);
            }
            weights[g] = 0;
            members[g] = [];
        }
    }

    /// Adds each candidate's votes under the keep values; returns the value that reaches the end of ballots.
    public long Distribute(long[] keep, long[] votes, long unit)
    {
        long lost = 0;
        for (int g = 0; g < keys.Count; g++)
        {
            long w = weights[g];
            if (w == 0) continue;
            var k = keys[g];
            long v = unit;
            for (int j = 0; j < k.Length - 1 && v > 0; j++)
            {
                int e = k[j];
                long kept = (v * keep[e] + unit - 1) / unit;
                votes[e] += w * kept;
                v -= kept;
            }
            if (v == 0) continue;
            int s = k[^1];
            if (s >= 0) votes[s] += w * v;
            else lost += w * v;
        }
        return lost;
    }
}
