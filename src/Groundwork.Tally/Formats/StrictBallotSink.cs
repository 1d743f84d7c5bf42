using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Formats;

/// The STV reading of a ballot (as <see cref="PreferenceTable.From"/>), applied while the file streams in:
/// skipped ranks pass over, an overvote ends the ballot, withdrawn and repeated candidates are ignored; the
/// result is merged at once. An equal ranking ends the ballot (the Scottish reading) unless
/// <paramref name="splitEqual"/> is set (Meek), when the ballot is kept whole with its tiers, to be split.
/// A file's ballots are limited to <paramref name="maxTotalWeight"/>; an election in memory only by 64-bit sums.
sealed class StrictBallotSink(int candidates, IReadOnlySet<int> withdrawn, int expectedBallots = 0, bool splitEqual = false,
    long maxTotalWeight = BallotAccumulator.MaxTotalWeight) : IBallotSink
{
    readonly int[] order = new int[candidates];
    readonly int[] tierEnds = new int[candidates];
    readonly bool[] seen = new bool[candidates];
    PreferenceTable.Builder? builder;
    EqualRankings.Builder? equal;
    int length, tiers;
    bool ended, hasEqual;
    long total;

    public void AddStrict(ReadOnlySpan<int> candidates)
    {
        if (ended) return;
        bool anyWithdrawn = withdrawn.Count > 0;
        foreach (int c in candidates)
        {
            if (seen[c] || anyWithdrawn && withdrawn.Contains(c)) continue;
            seen[c] = true;
            order[length++] = c;
            tierEnds[tiers++] = length;
        }
    }

    public void Add(ReadOnlySpan<int> tier)
    {
        if (ended || tier.IsEmpty) return;
        if (tier.Length == 1)
        {
            int only = tier[0];
            if (only == RankedBallot.Overvote) { ended = true; return; }
            if (seen[only] || withdrawn.Count > 0 && withdrawn.Contains(only)) return;
            seen[only] = true;
            order[length++] = only;
            tierEnds[tiers++] = length;
            return;
        }
        if (!splitEqual || tier.Contains(RankedBallot.Overvote)) { ended = true; return; }
        int before = length;
        foreach (int c in tier)
        {
            if (seen[c] || withdrawn.Contains(c)) continue;
            seen[c] = true;
            order[length++] = c;
        }
        if (length == before) return;
        if (length - before > 1) hasEqual = true;
        tierEnds[tiers++] = length;
    }

    public bool Commit(long weight)
    {
        if (weight > maxTotalWeight - total)
        {
            Discard();
            return false;
        }
        total += weight;
        // Names come after the ballots in BLT; the table takes them at the end.
        builder ??= new PreferenceTable.Builder([], expectedBallots);
        if (hasEqual)
        {
            equal ??= new EqualRankings.Builder();
            equal.Add(order.AsSpan(0, length), tierEnds.AsSpan(0, tiers), weight);
            builder.AddElsewhere(weight);
        }
        else
        {
            builder.Add(order.AsSpan(0, length), weight);
        }
        Discard();
        return true;
    }

    public void Discard()
    {
        for (int i = 0; i < length; i++) seen[order[i]] = false;
        length = 0;
        tiers = 0;
        ended = false;
        hasEqual = false;
    }

    public PreferenceTable Build(IReadOnlyList<string> names, IReadOnlySet<int> withdrawnCandidates)
    {
        var table = (builder ?? new PreferenceTable.Builder([])).Build(withdrawnCandidates);
        return new PreferenceTable
        {
            Candidates = names,
            Prefs = table.Prefs,
            Start = table.Start,
            Weights = table.Weights,
            TotalWeight = table.TotalWeight,
            EmptyWeight = table.EmptyWeight,
            Withdrawn = table.Withdrawn,
            Equal = equal?.Build(),
        };
    }
}
