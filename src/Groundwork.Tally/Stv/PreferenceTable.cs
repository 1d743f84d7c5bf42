namespace Groundwork.Tally.Stv;

/// Strict preference lists with identical ballots merged: the shape every STV count works on.
/// Merging is what makes large counts cheap: a million ballots over 20 candidates usually collapse to a few
/// hundred thousand distinct lists, and each stage then touches each distinct list once.
public sealed class PreferenceTable
{
    public required IReadOnlyList<string> Candidates { get; init; }
    public required int[] Prefs { get; init; }         // all lists back to back
    public required int[] Start { get; init; }         // list b is Prefs[Start[b]..Start[b + 1]]
    public required long[] Weights { get; init; }
    public int Count => Weights.Length;
    public long TotalWeight { get; init; }
    /// Weight of ballots with no usable preference (blank, or only withdrawn candidates): not part of the poll.
    public long EmptyWeight { get; init; }

    public ReadOnlySpan<int> Preferences(int ballot) => Prefs.AsSpan(Start[ballot], Start[ballot + 1] - Start[ballot]);

    /// STV reading of a ballot: skipped ranks pass over, an overvote or an equal ranking ends the ballot
    /// (the voter's next preference is not determinable), withdrawn and repeated candidates are ignored.
    public static PreferenceTable From(Election election)
    {
        var builder = new Builder(election.Candidates);
        int n = election.Candidates.Count;
        Span<int> buffer = n <= 256 ? stackalloc int[n] : new int[n];
        var seen = new bool[n];
        foreach (var ballot in election.Ballots)
        {
            if (ballot.Weight < 0) throw new ArgumentException("A ballot weight cannot be negative.", nameof(election));
            int len = 0;
            foreach (var tier in ballot.Ranking)
            {
                if (tier.Length == 0) continue;
                if (tier.Length > 1 || tier[0] == RankedBallot.Overvote) break;
                int c = tier[0];
                if ((uint)c >= (uint)n) throw new ArgumentException($"Ballot names candidate index {c}, but there are {n} candidates.", nameof(election));
                if (seen[c] || election.Withdrawn.Contains(c)) continue;
                seen[c] = true;
                buffer[len++] = c;
            }
            for (int i = 0; i < len; i++) seen[buffer[i]] = false;
            builder.Add(buffer[..len], ballot.Weight);
        }
        return builder.Build();
    }

    public sealed class Builder(IReadOnlyList<string> candidates)
    {
        readonly Dictionary<int[], int> index = new(IntSequenceComparer.Instance);
        readonly List<int> prefs = [];
        readonly List<int> start = [0];
        readonly List<long> weights = [];
        long total, empty;

        /// Adds a strict preference list (already free of repeats and withdrawn candidates).
        public void Add(ReadOnlySpan<int> preferences, long weight)
        {
            checked { total += weight; }
            if (preferences.IsEmpty) { empty += weight; return; }
            var lookup = index.GetAlternateLookup<ReadOnlySpan<int>>();
            if (lookup.TryGetValue(preferences, out int at))
            {
                checked { weights[at] += weight; }
                return;
            }
            lookup[preferences] = weights.Count;
            foreach (int c in preferences) prefs.Add(c);
            start.Add(prefs.Count);
            weights.Add(weight);
        }

        public PreferenceTable Build() => new()
        {
            Candidates = candidates,
            Prefs = [.. prefs],
            Start = [.. start],
            Weights = [.. weights],
            TotalWeight = total - empty,
            EmptyWeight = empty,
        };
    }
}
