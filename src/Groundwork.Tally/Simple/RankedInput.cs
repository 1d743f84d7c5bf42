namespace Groundwork.Tally.Simple;

/// How the non-STV methods read a ranked ballot: skipped ranks (empty tiers) are passed over, and the
/// ballot ends at an overvote (a tier holding <see cref="RankedBallot.Overvote"/>), because from there on we
/// cannot know the voter's order.
internal static class RankedInput
{
    public static IEnumerable<int[]> Tiers(RankedBallot ballot)
    {
        foreach (var tier in ballot.Ranking)
        {
            if (tier.Length == 0) continue;
            if (Array.IndexOf(tier, RankedBallot.Overvote) >= 0) yield break;
            yield return tier;
        }
    }
}
