namespace Groundwork.Tally.Stv;

/// Ballots that rank some candidates equally, as Meek counts them (Droop's rule): at each rank the ballot's
/// weight is split equally among that rank's continuing candidates; each keeps its keep value's share and the
/// rest of every share goes on together to the next rank. Stored flat: ballot b's tiers are
/// <c>Tiers[Ballots[b]..Ballots[b + 1]]</c>, tier t's candidates <c>Candidates[TierStart(t)..Tiers[t]]</c>
/// (a tier ends where the next begins). Withdrawn and repeated candidates are already gone.
public sealed class EqualRankings
{
    public required int[] Candidates { get; init; }
    public required int[] Tiers { get; init; }          // end of each tier in Candidates
    public required int[] Ballots { get; init; }        // first tier of each ballot, and the end
    public required long[] Weights { get; init; }
    public int Count => Weights.Length;

    /// Adds each continuing candidate's kept votes for these ballots into <paramref name="votes"/> (in units of
    /// 1/<paramref name="unit"/>, as <see cref="BallotGroups.Distribute"/>); returns the value that reaches the
    /// end of the ballots. A share is truncated, kept votes rounded up, so votes are never created; what the
    /// truncation leaves goes with the value that reaches the end.
    public long Distribute(long[] keep, bool[] excluded, long[] votes, long unit)
    {
        long lost = 0;
        for (int b = 0; b < Count; b++)
        {
            long w = Weights[b];
            long v = unit;
            for (int t = Ballots[b]; t < Ballots[b + 1] && v > 0; t++)
            {
                int from = t == 0 ? 0 : Tiers[t - 1];
                int continuing = 0;
                for (int i = from; i < Tiers[t]; i++) if (!excluded[Candidates[i]]) continuing++;
                if (continuing == 0) continue;
                long share = v / continuing;
                long next = 0;
                lost += w * (v - share * continuing);
                for (int i = from; i < Tiers[t]; i++)
                {
                    int c = Candidates[i];
                    if (excluded[c]) continue;
                    long kept = (share * keep[c] + unit - 1) / unit;
                    votes[c] += w * kept;
                    next += share - kept;
                }
                v = next;
            }
            lost += w * v;
        }
        return lost;
    }

    public sealed class Builder
    {
        readonly List<int> candidates = [];
        readonly List<int> tiers = [];
        readonly List<int> ballots = [0];
        readonly List<long> weights = [];

        public void Add(ReadOnlySpan<int> order, ReadOnlySpan<int> tierEnds, long weight)
        {
            int offset = candidates.Count;
            candidates.AddRange(order);
            foreach (int end in tierEnds) tiers.Add(offset + end);
            ballots.Add(tiers.Count);
            weights.Add(weight);
        }

        public EqualRankings Build() => new()
        {
            Candidates = [.. candidates],
            Tiers = [.. tiers],
            Ballots = [.. ballots],
            Weights = [.. weights],
        };
    }
}
