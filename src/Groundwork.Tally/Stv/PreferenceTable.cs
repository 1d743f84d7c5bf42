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
    /// Candidates withdrawn before the count: they stand in no stage and are never elected.
    public IReadOnlySet<int> Withdrawn { get; init; } = new HashSet<int>();
    /// Ballots that rank candidates equally, kept whole for a method that splits them (Meek); null when there
    /// are none or the table was read for a method that ends a ballot at an equal ranking. Their weight is in
    /// <see cref="TotalWeight"/>, not in <see cref="Weights"/>.
    public EqualRankings? Equal { get; init; }

    public ReadOnlySpan<int> Preferences(int ballot) => Prefs.AsSpan(Start[ballot], Start[ballot + 1] - Start[ballot]);

    /// STV reading of a ballot: skipped ranks pass over, an overvote ends the ballot, withdrawn and repeated
    /// candidates are ignored. An equal ranking ends the ballot (the voter's next preference is not
    /// determinable: the Scottish reading) unless <paramref name="splitEqual"/> (Meek), when such a ballot is
    /// kept whole in <see cref="Equal"/>.
    public static PreferenceTable From(Election election, bool splitEqual = false)
    {
        int n = election.Candidates.Count;
        var sink = new Formats.StrictBallotSink(n, election.Withdrawn, 0, splitEqual, long.MaxValue);
        foreach (var ballot in election.Ballots)
        {
            if (ballot.Weight < 0) throw new ArgumentException("A ballot weight cannot be negative.", nameof(election));
            foreach (var tier in ballot.Ranking)
                foreach (int c in tier)
                    if (c != RankedBallot.Overvote && (uint)c >= (uint)n)
                        throw new ArgumentException($"Ballot names candidate index {c}, but there are {n} candidates.", nameof(election));
            foreach (var tier in ballot.Ranking) sink.Add(tier);
            sink.Commit(ballot.Weight);
        }
        return sink.Build(election.Candidates, election.Withdrawn);
    }

    /// Merges preference lists as they are added. An open-addressing table over the lists themselves (no
    /// per-ballot objects): a million ballots merge in a few hundred milliseconds and little memory.
    /// <paramref name="expectedBallots"/>, when known, sizes the table once instead of growing it.
    public sealed class Builder(IReadOnlyList<string> candidates, int expectedBallots = 0)
    {
        int[] prefs = new int[Math.Max(1024, expectedBallots * 4)];
        int[] start = new int[Math.Max(256, expectedBallots / 2) + 1];
        long[] weights = new long[Math.Max(256, expectedBallots / 2)];
        int[] hashes = new int[Math.Max(256, expectedBallots / 2)];
        long[] slots = new long[(int)Math.Max(512, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)expectedBallots * 2))];
        // Slots hold hash << 32 | (entry index + 1); 0 = empty. The hash beside the index saves a cache miss
        // per probe, which dominates merging.
        int count, used;
        long total, empty;

        /// Counts the weight of a ballot kept outside the strict lists (an equal ranking to be split).
        public void AddElsewhere(long weight) { checked { total += weight; } }

        /// Adds a strict preference list (already free of repeats and withdrawn candidates). The list is held
        /// until the next one comes: its slot in the table is fetched from memory meanwhile, so the cache miss
        /// that dominates merging overlaps with reading the next ballot.
        public void Add(ReadOnlySpan<int> preferences, long weight)
        {
            checked { total += weight; }
            if (preferences.IsEmpty) { empty += weight; return; }
            if (pendingWeight >= 0) Insert(pending.AsSpan(0, pendingLength), pendingWeight, pendingHash);
            if (pending.Length < preferences.Length) pending = new int[preferences.Length * 2];
            preferences.CopyTo(pending);
            pendingLength = preferences.Length;
            pendingWeight = weight;
            pendingHash = Hash(preferences);
            Prefetch(slots, pendingHash & (slots.Length - 1));
        }

        int[] pending = new int[64];
        int pendingLength, pendingHash;
        long pendingWeight = -1;

        static unsafe void Prefetch(long[] array, int index)
        {
            if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref array[index]));
        }

        void Insert(ReadOnlySpan<int> preferences, long weight, int hash)
        {
            int mask = slots.Length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask)
            {
                long slot = slots[i];
                if (slot == 0)
                {
                    Append(preferences, weight, hash);
                    slots[i] = (long)hash << 32 | (uint)count;
                    if (count * 2 > slots.Length) Grow();
                    return;
                }
                if ((int)(slot >> 32) != hash) continue;
                int e = (int)slot - 1;
                if (preferences.SequenceEqual(prefs.AsSpan(start[e], start[e + 1] - start[e])))
                {
                    checked { weights[e] += weight; }
                    return;
                }
            }
        }

        void Flush()
        {
            if (pendingWeight < 0) return;
            Insert(pending.AsSpan(0, pendingLength), pendingWeight, pendingHash);
            pendingWeight = -1;
        }

        void Append(ReadOnlySpan<int> preferences, long weight, int hash)
        {
            if (used + preferences.Length > prefs.Length) Array.Resize(ref prefs, Math.Max(prefs.Length * 2, used + preferences.Length));
            if (count + 1 >= weights.Length)
            {
                Array.Resize(ref weights, weights.Length * 2);
                Array.Resize(ref hashes, hashes.Length * 2);
                Array.Resize(ref start, weights.Length + 1);
            }
            preferences.CopyTo(prefs.AsSpan(used));
            used += preferences.Length;
            weights[count] = weight;
            hashes[count] = hash;
            count++;
            start[count] = used;
        }

        void Grow()
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

        static int Hash(ReadOnlySpan<int> s)
        {
            ulong h = 0xcbf29ce484222325;
            foreach (int x in s) h = (h ^ (uint)x) * 0x100000001b3;
            h ^= h >> 29;
            h *= 0xbf58476d1ce4e5b9;
            return (int)(h ^ (h >> 32)) & int.MaxValue;
        }

        public PreferenceTable Build(IReadOnlySet<int>? withdrawn = null)
        {
            Flush();
            return Table(withdrawn);
        }

        PreferenceTable Table(IReadOnlySet<int>? withdrawn) => new()
        {
            Withdrawn = withdrawn ?? new HashSet<int>(),
            Candidates = candidates,
            Prefs = prefs[..used],
            Start = start[..(count + 1)],
            Weights = weights[..count],
            TotalWeight = total - empty,
            EmptyWeight = empty,
        };
    }
}
