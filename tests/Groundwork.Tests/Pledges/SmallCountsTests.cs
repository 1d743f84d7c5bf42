using Groundwork.Pledges;
using static Groundwork.Pledges.SmallCounts;

namespace Groundwork.Tests.Pledges;

/// Complementary suppression: a small unit must not be recoverable by subtracting the shown counts from the total or
/// from its organization's count. Each case is attacked by brute force: every assignment of the hidden counts that is
/// consistent with what is shown (a "fewer than 5" is 0–4, a "not shown" unit at least 5) is enumerated, and each small
/// unit must keep at least two possible values.
public sealed class SmallCountsTests
{
    const int Max = 30; // hidden counts larger than this are not tried; every case's true values are far below

    /// The values a small unit could have, for someone who sees what <paramref name="hidden"/> leaves shown and knows the
    /// signers placed in no unit (the cautious assumption the suppression makes too).
    static Dictionary<int, HashSet<int>> Attack(Dictionary<int, int> orgs, List<UnitCount> units, HashSet<(TallyScope Scope, int RefId)> hidden)
    {
        var total = orgs.Values.Sum();
        var unplaced = orgs.ToDictionary(o => o.Key, o => o.Value - units.Where(u => u.OrganizationId == o.Key).Sum(u => u.Signed));
        var hiddenUnits = units.Where(u => hidden.Contains((TallyScope.Unit, u.UnitId))).ToList();
        var possible = units.Where(u => u.Signed < 5).ToDictionary(u => u.UnitId, _ => new HashSet<int>());
        var values = units.ToDictionary(u => u.UnitId, u => u.Signed);

        void Try(int k)
        {
            if (k < hiddenUnits.Count)
            {
                var u = hiddenUnits[k];
                var (lo, hi) = u.Signed < 5 ? (0, 4) : (5, Max);
                for (var v = lo; v <= hi; v++)
                {
                    values[u.UnitId] = v;
                    Try(k + 1);
                }
                return;
            }
            // Organization counts follow from their units; a shown one must match, and all must add up to the total.
            var sum = 0;
            foreach (var (org, shown) in orgs)
            {
                var n = unplaced[org] + units.Where(u => u.OrganizationId == org).Sum(u => values[u.UnitId]);
                if (!hidden.Contains((TallyScope.Organization, org)) && n != shown) return;
                sum += n;
            }
            if (sum != total) return;
            foreach (var id in possible.Keys) possible[id].Add(values[id]);
        }
        Try(0);
        return possible;
    }

    /// Every small unit that hiding can protect at all is protected. (When the total alone pins a unit — every count
    /// hidden and still one value fits — nothing on the page can help: the total is the pledge's progress.)
    static void AssertProtected(Dictionary<int, int> orgs, List<UnitCount> units)
    {
        var hidden = Hidden(orgs, units);
        foreach (var u in units.Where(u => u.Signed < 5)) Assert.Contains((TallyScope.Unit, u.UnitId), hidden);
        var everything = units.Select(u => (TallyScope.Unit, u.UnitId)).Concat(orgs.Keys.Select(o => (TallyScope.Organization, o))).ToHashSet();
        var atBest = Attack(orgs, units, everything);
        foreach (var (unit, values) in Attack(orgs, units, hidden))
        {
            Assert.Contains(units.Single(u => u.UnitId == unit).Signed, values); // the attack is sound: the truth is among them
            if (atBest[unit].Count < 2) continue;
            Assert.True(values.Count >= 2, $"unit {unit} is recoverable: only {string.Join(",", values)} fits what is shown");
        }
    }

    [Fact]
    public void Without_complementary_suppression_the_subtraction_attack_recovers_a_small_unit()
    {
        // The attack itself works: hide only the small unit, and organization minus the other unit gives it away.
        var orgs = new Dictionary<int, int> { [1] = 9 };
        var units = new List<UnitCount> { new(10, 1, 2), new(11, 1, 7) };
        var possible = Attack(orgs, units, [(TallyScope.Unit, 10)]);
        Assert.Equal(new[] { 2 }, possible[10]);
    }

    [Fact]
    public void One_small_unit_hides_the_next_smallest_of_its_organization_too()
    {
        var orgs = new Dictionary<int, int> { [1] = 29 };
        var units = new List<UnitCount> { new(10, 1, 2), new(11, 1, 12), new(12, 1, 8), new(13, 1, 7) };
        var hidden = Hidden(orgs, units);
        Assert.Equal(new[] { (TallyScope.Unit, 10), (TallyScope.Unit, 13) }, hidden.OrderBy(h => h.RefId));
        AssertProtected(orgs, units);
    }

    [Fact]
    public void Two_small_units_that_add_up_to_one_possible_split_hide_a_third()
    {
        // 4 + 4 = 8 is the only way two counts under five make 8; 0 + 0 likewise.
        AssertProtected(new Dictionary<int, int> { [1] = 17 }, [new(10, 1, 4), new(11, 1, 4), new(12, 1, 9)]);
        AssertProtected(new Dictionary<int, int> { [1] = 9 }, [new(10, 1, 0), new(11, 1, 0), new(12, 1, 9)]);
    }

    [Fact]
    public void A_small_unit_alone_in_its_organization_hides_the_organization_and_another_organization()
    {
        var orgs = new Dictionary<int, int> { [1] = 3, [2] = 20, [3] = 11 };
        var units = new List<UnitCount> { new(10, 1, 3), new(20, 2, 20) };
        var hidden = Hidden(orgs, units);
        Assert.Contains((TallyScope.Organization, 1), hidden);
        AssertProtected(orgs, units);
    }

    [Fact]
    public void A_not_shown_unit_of_exactly_five_does_not_give_away_a_zero_beside_it()
    {
        // 0 + 5 = 5, and "not shown" means at least 5: the pair alone would pin the small unit to 0.
        AssertProtected(new Dictionary<int, int> { [1] = 14 }, [new(10, 1, 0), new(11, 1, 5), new(12, 1, 9)]);
    }

    [Fact]
    public void Every_small_configuration_of_two_organizations_with_two_units_each_is_protected()
    {
        int[] counts = [0, 1, 3, 4, 5, 6, 9];
        foreach (var a in counts)
        foreach (var b in counts)
        foreach (var c in counts)
        foreach (var d in counts)
        {
            var orgs = new Dictionary<int, int> { [1] = a + b + 1, [2] = c + d }; // one unplaced signer in organization 1
            var units = new List<UnitCount> { new(10, 1, a), new(11, 1, b), new(20, 2, c), new(21, 2, d) };
            AssertProtected(orgs, units);
        }
    }

    [Fact]
    public void Nothing_is_hidden_when_no_unit_is_small()
    {
        Assert.Empty(Hidden(new Dictionary<int, int> { [1] = 30 }, [new(10, 1, 5), new(11, 1, 25)]));
    }
}
