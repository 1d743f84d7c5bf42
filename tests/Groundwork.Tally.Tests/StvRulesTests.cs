using Groundwork.Tally.Formats;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Tests;

/// Small counts worked by hand from SSI 2007/42, each rule visible in the figures.
public sealed class StvRulesTests
{
    static Election Read(string blt) => Blt.Read(new StringReader(blt), "t.blt").Election!;

    [Fact]
    public void Transfer_values_are_truncated_to_five_places_and_the_residue_is_non_transferable()
    {
        // 14 votes, 2 seats: quota 5. A has 7, surplus 2, transfer value 2/7 = 0.285714… → 0.28571.
        var e = Read("4 2\n6 1 2 0\n1 1 3 0\n3 2 0\n3 3 0\n1 4 0\n0\nA\nB\nC\nD\nt\n");
        var r = ScottishStv.Count(e);
        Assert.Equal(5m, r.Quota);
        Assert.Equal(["first", "surplus", "exclude", "exclude"], r.Stages.Select(s => s.Action));
        var surplus = r.Stages[1];
        Assert.Equal([5m, 4.71426m, 3.28571m, 1m], Enumerable.Range(0, 4).Select(c => surplus.Totals[c]));
        Assert.Equal(0m, surplus.Exhausted);
        Assert.Equal(0.00003m, surplus.NonTransferable);           // 2 − 7 × 0.28571
        Assert.Equal(1.00003m, r.Stages[2].NonTransferable);       // D's vote has nowhere to go
        // Rule 52: B is the only continuing candidate for the last seat and is elected below the quota.
        Assert.Equal([0, 1], r.Elected);
        Assert.Equal([3, 2], r.Excluded);
        Assert.Equal([1], r.Stages[3].Elected);
        Assert.Equal(4.71426m, r.Stages[3].Totals[1]);
    }

    [Fact]
    public void Withdrawn_candidates_take_no_stage_and_their_votes_pass_on()
    {
        var e = Read("3 1\n-2\n4 2 1 0\n3 1 0\n2 3 0\n0\nA\nB\nC\nt\n");
        foreach (var r in new[] { ScottishStv.Count(e), MeekStv.Count(e), WigmStv.Count(e) })
        {
            Assert.Equal(7m, r.Stages[0].Totals[0]);
            Assert.Equal(0m, r.Stages[0].Totals[1]);
            Assert.Equal([0], r.Elected);
            Assert.DoesNotContain(1, r.Excluded);
        }
    }
}
