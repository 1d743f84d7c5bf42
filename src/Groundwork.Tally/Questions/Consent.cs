namespace Groundwork.Tally.Questions;

/// Consent (sociocratic): a proposal passes unless an objection stands. Objections are not weighed or
/// counted against support, so weights do not apply: one standing objection stops it.
public enum ConsentPosition { Consent, StandAside, Object }

public sealed record ConsentResponse(string Member, ConsentPosition Position, bool Withdrawn = false);

public sealed record ConsentResult(bool Passed, IReadOnlyList<string> StandingObjections, IReadOnlyList<string> StoodAside, string Explanation);

/// Consensus with blocks: agree, stand aside (abstain), disagree (a recorded reservation), or block.
/// Blocks stop the proposal once there are <c>blocksToStop</c> of them (1 in strict consensus; some
/// groups require two or more); an optional fallback threshold then asks for a share of agreement among
/// those who agreed or disagreed (for example at least 3/4, "consensus minus one" style rules).
public enum ConsensusPosition { Agree, StandAside, Disagree, Block }

public sealed record ConsensusResponse(string Member, ConsensusPosition Position, long Weight = 1);

public sealed record ConsensusResult(bool Passed, long Agree, long StandAside, long Disagree, long Block,
    IReadOnlyList<string> Blockers, string Explanation);

public static class Consent
{
    public static ConsentResult Decide(IEnumerable<ConsentResponse> responses)
    {
        var list = responses.ToList();
        string[] objections = [.. list.Where(r => r.Position == ConsentPosition.Object && !r.Withdrawn).Select(r => r.Member)];
        string[] aside = [.. list.Where(r => r.Position == ConsentPosition.StandAside).Select(r => r.Member)];
        var passed = objections.Length == 0;
        return new(passed, objections, aside, passed
            ? "Passed: no objection stands."
            : $"Not passed: {objections.Length} objection(s) stand ({string.Join(", ", objections)}).");
    }
}

public static class Consensus
{
    public static ConsensusResult Decide(IEnumerable<ConsensusResponse> responses, int blocksToStop = 1, Threshold? agreement = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocksToStop);
        long agree = 0, aside = 0, disagree = 0, block = 0;
        var blockers = new List<string>();
        foreach (var r in responses)
        {
            if (r.Weight < 0) throw new ArgumentOutOfRangeException(nameof(responses), r.Weight, "A response's weight cannot be negative.");
            switch (r.Position)
            {
                case ConsensusPosition.Agree: agree += r.Weight; break;
                case ConsensusPosition.StandAside: aside += r.Weight; break;
                case ConsensusPosition.Disagree: disagree += r.Weight; break;
                // A block is a person's veto: it counts once however many members the person carries.
                case ConsensusPosition.Block: block++; blockers.Add(r.Member); break;
                default: throw new ArgumentOutOfRangeException(nameof(responses), r.Position, "Unknown position.");
            }
        }
        if (block >= blocksToStop)
            return new(false, agree, aside, disagree, block, blockers, $"Blocked by {string.Join(", ", blockers)}.");
        if (agreement is not null && !(agree + disagree > 0 && agreement.IsMet(agree, agree + disagree)))
            return new(false, agree, aside, disagree, block, blockers,
                $"{agree} agree of {agree + disagree} agreeing or disagreeing; {agreement} needs {agreement.Required(agree + disagree)}.");
        if (agreement is null && agree == 0)
            return new(false, agree, aside, disagree, block, blockers, "Nobody agreed.");
        return new(true, agree, aside, disagree, block, blockers,
            block > 0 ? $"Passed with {block} block(s), fewer than the {blocksToStop} that stop it." : "Passed: no block.");
    }
}
