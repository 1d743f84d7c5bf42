namespace Groundwork.Tally.Stv;

/// Meek's ballots grouped by what matters while keep values iterate: the elected candidates a vote passes
/// through, in order, and the hopeful candidate where it stops (or its end). Between elections and
/// exclusions only keep values change, so each iteration touches a few thousand groups instead of every
/// distinct ballot; when a candidate is elected or excluded, only the ballots stopped at them move on. The
/// arithmetic per ballot is exactly that of walking the ballot alone.
sealed class BallotGroups
{
    // A ballot in a group: where it stops now and where it ends in Prefs, and its weight. Kept together so
    // that moving a ballot touches one record and its preferences (moves dominate Meek's time).
    struct Member(int stop, int end, long weight)
    {
        public int Stop = stop;
        public readonly int End = end;
        public readonly long Weight = weight;
    }

    readonly PreferenceTable table;
    readonly Dictionary<int[], int> index = new(IntSequenceComparer.Instance);
    readonly List<int[]> keys = [];                     // elected candidates passed…, then the stop (-1: end)
    readonly List<long> weights = [];
    readonly List<List<Member>> members = [];
    readonly List<int>[] stoppedAt;                     // groups whose stop is each candidate
    readonly List<int> key = [];


    public BallotGroups(PreferenceTable table, int candidates)
    {
        this.table = table;
        stoppedAt = new List<int>[candidates];
        for (int c = 0; c < candidates; c++) stoppedAt[c] = [];
        var first = new int[candidates];
        Array.Fill(first, -1);
        for (int b = 0; b < table.Count; b++)
        {
            // Every candidate is hopeful at the start: each ballot stops at its first preference.
            int c = table.Prefs[table.Start[b]];
            if (first[c] < 0)
            {
                key.Clear();
                key.Add(c);
                first[c] = Group();
            }
            Join(first[c], new Member(table.Start[b], table.Start[b + 1], table.Weights[b]));
        }
    }

    // The group for the sequence in `key`, created if new.
    int Group()
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(key);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<int>>();
        if (lookup.TryGetValue(span, out int g)) return g;
        g = keys.Count;
        lookup[span] = g;
        keys.Add(span.ToArray());
        weights.Add(0);
        members.Add([]);
        if (key[^1] >= 0) stoppedAt[key[^1]].Add(g);
        return g;
    }

    void Join(int g, Member m)
    {
        weights[g] += m.Weight;
        if (keys[g][^1] >= 0) members[g].Add(m);
    }

    readonly Dictionary<long, int> moved = [];
    readonly List<int> suffix = [];

    /// Candidate <paramref name="c"/> has just been elected or excluded: ballots stopped at them go on to their
    /// next hopeful candidate, passing (and recording) elected ones and skipping excluded ones.
    public void Restop(int c, bool[] elected, bool[] excluded)
    {
        var groupsAtC = stoppedAt[c].ToArray();
        stoppedAt[c].Clear();
        foreach (int g in groupsAtC)
        {
            var oldKey = keys[g];
            // Within one group the new key is the old prefix plus a short suffix; most ballots share a few
            // suffixes, so they are looked up by a packed number before the general sequence index.
            moved.Clear();
            var prefs = table.Prefs;
            foreach (var member in members[g])
            {
                var m = member;
                suffix.Clear();
                if (elected[c]) suffix.Add(c);
                int end = m.End;
                int i = m.Stop + 1;
                for (; i < end; i++)
                {
                    int d = prefs[i];
                    if (excluded[d]) continue;
                    if (elected[d]) { suffix.Add(d); continue; }
                    break;
                }
                m.Stop = i;
                suffix.Add(i < end ? prefs[i] : -1);
                long packed = -1;
                if (suffix.Count <= 3)
                {
                    packed = 0;
                    foreach (int x in suffix) packed = packed << 16 | (uint)(x + 2);
                }
                if (packed < 0 || !moved.TryGetValue(packed, out int to))
                {
                    key.Clear();
                    for (int j = 0; j < oldKey.Length - 1; j++) key.Add(oldKey[j]);
                    key.AddRange(suffix);
                    to = Group();
                    if (packed >= 0) moved[packed] = to;
                }
                Join(to, m);
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
