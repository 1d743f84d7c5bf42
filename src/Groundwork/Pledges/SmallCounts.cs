namespace Groundwork.Pledges;

/// Which counts a pledge page hides so that no unit under five signers can be read off it, directly or by arithmetic.
///
/// A unit under five is hidden ("fewer than 5": the primary suppression). That alone leaks: the counts add up (each
/// signature counts in one organization and at most one unit), so a single hidden unit is its organization's count minus
/// the other units, and an organization is the total minus the others. So counts are hidden in addition (complementary
/// suppression) until every small unit is uncertain to someone who does that arithmetic: the next smallest unit of the
/// same organization first, then the organization's own count, then the smallest other organization, then the smallest
/// unit of another organization.
///
/// The check is the attacker's own: interval arithmetic over the sums (each organization's units add up to its count,
/// the organizations to the total), knowing that a "fewer than 5" is 0–4, a "not shown" unit at least 5, and — to be
/// safe — as if the signers placed in none of the pledge's units were known. A small unit is protected when at least two
/// values remain possible for it. The total is always shown (it is the pledge's progress), so when even hiding every
/// other count leaves one possible value — a pledge whose only unit is small and holds all the placed signers, or a
/// total of 0 — the page still says "fewer than 5", but the total has said it already.
public static class SmallCounts
{
    public readonly record struct UnitCount(int UnitId, int OrganizationId, int Signed);

    /// The (scope, id) of every count to hide. <paramref name="organizations"/>: signed per organization of the pledge.
    public static HashSet<(TallyScope Scope, int RefId)> Hidden(IReadOnlyDictionary<int, int> organizations, IReadOnlyList<UnitCount> units)
    {
        var hidden = new HashSet<(TallyScope, int)>();
        var small = units.Where(u => u.Signed < PledgePermissions.SmallCount).ToList();
        foreach (var u in small) hidden.Add((TallyScope.Unit, u.UnitId));
        if (small.Count == 0) return hidden;
        // Each round hides one more count, so this ends after at most as many rounds as there are counts.
        for (var round = 0; round <= organizations.Count + units.Count; round++)
        {
            var bounds = Bounds(organizations, units, hidden);
            var exposed = small.Where(u => bounds[(TallyScope.Unit, u.UnitId)].Hi - bounds[(TallyScope.Unit, u.UnitId)].Lo < 1).ToList();
            if (exposed.Count == 0) return hidden;
            if (!HideOneMore(organizations, units, hidden, exposed[0])) return hidden;
        }
        return hidden;
    }

    static bool HideOneMore(IReadOnlyDictionary<int, int> organizations, IReadOnlyList<UnitCount> units, HashSet<(TallyScope, int)> hidden, UnitCount exposed)
    {
        var sibling = units.Where(u => u.OrganizationId == exposed.OrganizationId && !hidden.Contains((TallyScope.Unit, u.UnitId)))
            .OrderBy(u => u.Signed).ThenBy(u => u.UnitId).Select(u => (int?)u.UnitId).FirstOrDefault();
        if (sibling is { } s) return hidden.Add((TallyScope.Unit, s));
        if (organizations.ContainsKey(exposed.OrganizationId) && hidden.Add((TallyScope.Organization, exposed.OrganizationId))) return true;
        // Hiding an organization without units would not help: its count is its unplaced signers, taken as known.
        var other = organizations.Where(o => !hidden.Contains((TallyScope.Organization, o.Key)) && units.Any(u => u.OrganizationId == o.Key))
            .OrderBy(o => o.Value).ThenBy(o => o.Key).Select(o => (int?)o.Key).FirstOrDefault();
        if (other is { } x) return hidden.Add((TallyScope.Organization, x));
        // Every organization is hidden, yet another's shown units still pin its count: hide the smallest of those.
        var unit = units.Where(u => !hidden.Contains((TallyScope.Unit, u.UnitId)))
            .OrderBy(u => u.Signed).ThenBy(u => u.UnitId).Select(u => (int?)u.UnitId).FirstOrDefault();
        return unit is { } y && hidden.Add((TallyScope.Unit, y));
    }

    /// What someone who sees the shown counts can say about each count: [Lo, Hi], by propagating the sums to a fixed point.
    public static Dictionary<(TallyScope Scope, int RefId), (double Lo, double Hi)> Bounds(IReadOnlyDictionary<int, int> organizations,
        IReadOnlyList<UnitCount> units, IReadOnlySet<(TallyScope, int)> hidden)
    {
        var b = new Dictionary<(TallyScope, int), (double Lo, double Hi)>();
        foreach (var (id, n) in organizations)
            b[(TallyScope.Organization, id)] = hidden.Contains((TallyScope.Organization, id)) ? (0d, double.PositiveInfinity) : ((double)n, n);
        foreach (var u in units)
            b[(TallyScope.Unit, u.UnitId)] = !hidden.Contains((TallyScope.Unit, u.UnitId)) ? ((double)u.Signed, u.Signed)
                : u.Signed < PledgePermissions.SmallCount ? (0d, PledgePermissions.SmallCount - 1) : ((double)PledgePermissions.SmallCount, double.PositiveInfinity);

        // Sums as terms (coefficient, cell) = constant. The organizations add up to the total less the signers counted in
        // none (public signers); each organization's units add up to its count less its unplaced signers. Both constants
        // are taken as known, which is the cautious assumption.
        var equations = new List<(List<(int A, (TallyScope, int) Cell)> Terms, double C)>();
        var orgTerms = organizations.Keys.Select(o => (1, (TallyScope.Organization, o))).ToList();
        if (orgTerms.Count > 0) equations.Add((orgTerms, organizations.Values.Sum()));
        // Every organization has its sum, even one without units: its count is then its unplaced signers, taken as known.
        var byOrg = units.ToLookup(u => u.OrganizationId);
        foreach (var (org, orgCount) in organizations)
        {
            var terms = byOrg[org].Select(u => (1, (TallyScope.Unit, u.UnitId))).ToList();
            terms.Add((-1, (TallyScope.Organization, org)));
            equations.Add((terms, byOrg[org].Sum(u => (double)u.Signed) - orgCount));
        }
        foreach (var g in byOrg.Where(g => !organizations.ContainsKey(g.Key)))
            equations.Add((g.Select(u => (1, (TallyScope.Unit, u.UnitId))).ToList(), g.Sum(u => (double)u.Signed)));

        for (var round = 0; round < 100; round++)
        {
            var changed = false;
            foreach (var (terms, c) in equations)
            {
                // Sum of the terms' intervals, keeping infinities apart so one term can be taken out again.
                double lo = 0, hi = 0;
                int loInf = 0, hiInf = 0;
                foreach (var (a, cell) in terms)
                {
                    var (l, h) = Term(a, b[cell]);
                    if (double.IsNegativeInfinity(l)) loInf++; else lo += l;
                    if (double.IsPositiveInfinity(h)) hiInf++; else hi += h;
                }
                foreach (var (a, cell) in terms)
                {
                    var (l, h) = Term(a, b[cell]);
                    var othersLo = loInf - (double.IsNegativeInfinity(l) ? 1 : 0) > 0 ? double.NegativeInfinity : lo - (double.IsNegativeInfinity(l) ? 0 : l);
                    var othersHi = hiInf - (double.IsPositiveInfinity(h) ? 1 : 0) > 0 ? double.PositiveInfinity : hi - (double.IsPositiveInfinity(h) ? 0 : h);
                    // a·x = c − others
                    var (tl, th) = (c - othersHi, c - othersLo);
                    var (xl, xh) = a > 0 ? (tl, th) : (-th, -tl);
                    var (ol, oh) = b[cell];
                    var nl = Math.Max(ol, Math.Ceiling(xl));
                    var nh = Math.Min(oh, Math.Floor(xh));
                    if (nl > ol || nh < oh)
                    {
                        b[cell] = (nl, nh);
                        changed = true;
                    }
                }
            }
            if (!changed) break;
        }
        return b;
    }

    static (double Lo, double Hi) Term(int a, (double Lo, double Hi) x) => a > 0 ? x : (-x.Hi, -x.Lo);
}
