namespace Groundwork.Pledges;

/// Targets as pure rules: a row meets its target when its count reaches the number and the share of its eligible;
/// a pledge's signers with conditions count only as far as the group their conditions resolve to.
public static class Thresholds
{
    /// One active signature as activation counts it.
    public sealed record Signer(Guid Id, int? OrganizationId, int? UnitId, int? ConditionMin, ConditionScope Scope);

    public static bool Meets(PledgeTally t, int count) =>
        (t.TargetCount is not { } n || count >= n)
        && (t.TargetPercent is not { } pct
            // Nobody eligible: a unit with no members does not block, but the whole pledge needs someone.
            || (t.Eligible == 0 ? t.Scope != TallyScope.Total : (long)count * 100 >= (long)pct * t.Eligible));

    public static bool AllMet(IEnumerable<PledgeTally> tallies, Func<PledgeTally, int> count)
    {
        var any = false;
        foreach (var t in tallies)
        {
            if (t.TargetCount is null && t.TargetPercent is null) continue;
            any = true;
            if (!Meets(t, count(t))) return false;
        }
        return any;
    }

    /// The signers the conditions resolve to, and the counts per tally row they give.
    public static (List<Guid> Bound, Func<PledgeTally, int> Count) ResolveGroup(IReadOnlyList<Signer> rows)
    {
        var (stays, _) = ConditionResolver.Resolve(rows.Select(r => new SignerCondition(r.UnitId, r.ConditionMin, r.Scope)).ToList());
        var bound = new List<Guid>();
        var perOrg = new Dictionary<int, int>();
        var perUnit = new Dictionary<int, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!stays[i]) continue;
            bound.Add(rows[i].Id);
            if (rows[i].OrganizationId is { } o) perOrg[o] = perOrg.GetValueOrDefault(o) + 1;
            if (rows[i].UnitId is { } u) perUnit[u] = perUnit.GetValueOrDefault(u) + 1;
        }
        var total = bound.Count;
        return (bound, t => t.Scope switch
        {
            TallyScope.Total => total,
            TallyScope.Organization => perOrg.GetValueOrDefault(t.RefId),
            _ => perUnit.GetValueOrDefault(t.RefId),
        });
    }
}
