#pragma warning disable CA5394 // seeded, reproducible test data, not security
using Groundwork.Pledges;

namespace Groundwork.Tests.Pledges;

public sealed class ConditionResolverTests
{
    static SignerCondition Any(int? others = null) => new(null, others, ConditionScope.Pledge);
    static SignerCondition InUnit(int unit, int? others = null) => new(unit, others, ConditionScope.Unit);

    [Fact]
    public void Signers_without_conditions_all_stay()
    {
        var (stays, count) = ConditionResolver.Resolve([Any(), Any(), InUnit(1)]);
        Assert.Equal(3, count);
        Assert.All(stays, Assert.True);
    }

    [Fact]
    public void A_condition_that_the_group_cannot_meet_removes_its_signer()
    {
        var (stays, count) = ConditionResolver.Resolve([Any(), Any(), Any(5)]);
        Assert.Equal(2, count);
        Assert.Equal([true, true, false], stays);
    }

    [Fact]
    public void Removals_cascade_until_the_group_is_stable()
    {
        // Four people whose conditions all hold together: nobody leaves.
        var (_, count) = ConditionResolver.Resolve([Any(3), Any(2), Any(2), Any()]);
        Assert.Equal(4, count);
        // A chain: each needs one more than the unconditional ones can give, so they all fall one after another.
        var (stays, chained) = ConditionResolver.Resolve([Any(), Any(2), Any(3), Any(4)]);
        Assert.Equal(1, chained);
        Assert.Equal([true, false, false, false], stays);
    }

    [Fact]
    public void Unit_conditions_count_only_the_signers_in_the_unit_and_a_removal_there_can_break_a_pledge_wide_condition()
    {
        // Unit 1 has two signers who each need 2 others in the unit: both leave. That leaves 3 people, so the signer
        // needing 3 others leaves too.
        var (stays, count) = ConditionResolver.Resolve([InUnit(1, 2), InUnit(1, 2), Any(), Any(), Any(3)]);
        Assert.Equal(2, count);
        Assert.Equal([false, false, true, true, false], stays);
        // With a third signer in unit 1 the unit holds, and so does everyone.
        var (_, all) = ConditionResolver.Resolve([InUnit(1, 2), InUnit(1, 2), InUnit(1), Any(), Any(3)]);
        Assert.Equal(5, all);
    }

    [Fact]
    public void The_result_is_the_largest_stable_group_checked_against_brute_force_on_small_random_cases()
    {
        var rng = new Random(12345);
        for (var round = 0; round < 300; round++)
        {
            var n = rng.Next(1, 9);
            var signers = Enumerable.Range(0, n).Select(_ => rng.Next(3) switch
            {
                0 => Any(rng.Next(2) == 0 ? null : rng.Next(1, n + 1)),
                1 => InUnit(rng.Next(1, 3), rng.Next(1, 4)),
                _ => InUnit(rng.Next(1, 3)),
            }).ToList();
            var (_, count) = ConditionResolver.Resolve(signers);
            var best = 0;
            for (var mask = 0; mask < 1 << n; mask++)
            {
                var members = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).ToList();
                var stable = members.All(i =>
                {
                    var s = signers[i];
                    if (s.AtLeastOthers is not > 0) return true;
                    var others = s.Scope == ConditionScope.Unit && s.UnitId is { } u
                        ? members.Count(j => j != i && signers[j].UnitId == u)
                        : members.Count - 1;
                    return others >= s.AtLeastOthers;
                });
                if (stable) best = Math.Max(best, members.Count);
            }
            Assert.Equal(best, count);
        }
    }

    [Fact]
    public void A_hundred_thousand_signers_resolve_with_every_remaining_condition_holding()
    {
        var rng = new Random(7);
        var signers = Enumerable.Range(0, 100_000).Select(i => i % 3 == 0 ? Any(rng.Next(1, 120_000))
            : i % 3 == 1 ? InUnit(rng.Next(1, 200), rng.Next(1, 700)) : InUnit(rng.Next(1, 200))).ToList();
        var (stays, count) = ConditionResolver.Resolve(signers);
        var perUnit = signers.Where((_, i) => stays[i]).Where(s => s.UnitId is not null).GroupBy(s => s.UnitId!.Value).ToDictionary(g => g.Key, g => g.Count());
        for (var i = 0; i < signers.Count; i++)
        {
            if (!stays[i] || signers[i].AtLeastOthers is not { } need) continue;
            var others = signers[i].Scope == ConditionScope.Unit ? perUnit[signers[i].UnitId!.Value] - 1 : count - 1;
            Assert.True(others >= need);
        }
        Assert.Equal(stays.Count(s => s), count);
        Assert.True(count > 0);
    }
}
