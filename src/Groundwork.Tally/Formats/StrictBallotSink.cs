using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Formats;

/// The STV reading of a ballot (as <see cref="PreferenceTable.From"/>), applied while the file streams in:
/// skipped ranks pass over, an equal ranking or overvote ends the ballot, withdrawn and repeated candidates
/// are ignored; the result is merged at once.
sealed class StrictBallotSink(int candidates, IReadOnlySet<int> withdrawn) : IBallotSink
{
    readonly int[] order = new int[candidates];
    readonly bool[] seen = new bool[candidates];
    PreferenceTable.Builder? builder;
    int length;
    bool ended;
    long total;

    public void Add(ReadOnlySpan<int> tier)
    {
        if (ended || tier.IsEmpty) return;
        if (tier.Length > 1 || tier[0] == RankedBallot.Overvote) { ended = true; return; }
        int c = tier[0];
        if (seen[c] || withdrawn.Contains(c)) return;
        seen[c] = true;
        order[length++] = c;
    }

    public bool Commit(long weight)
    {
        if (weight > BallotAccumulator.MaxTotalWeight - total)
        {
            Discard();
            return false;
        }
        total += weight;
        // Names come after the ballots in BLT; the table takes them at the end.
        builder ??= new PreferenceTable.Builder([]);
        builder.Add(order.AsSpan(0, length), weight);
        Discard();
        return true;
    }

    public void Discard()
    {
        for (int i = 0; i < length; i++) seen[order[i]] = false;
        length = 0;
        ended = false;
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
        };
    }
}
