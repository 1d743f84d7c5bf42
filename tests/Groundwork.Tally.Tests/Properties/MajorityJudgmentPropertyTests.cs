using CsCheck;
using Groundwork.Tally.Condorcet;

namespace Groundwork.Tally.Tests.Properties;

public sealed class MajorityJudgmentPropertyTests
{
    /// Balinski and Laraki's rule as written: remove one median grade from each, compare, repeat.
    static int RemovingOneAtATime(long[] a, long[] b)
    {
        List<int> ga = [.. a.SelectMany((count, grade) => Enumerable.Repeat(grade, (int)count))];
        List<int> gb = [.. b.SelectMany((count, grade) => Enumerable.Repeat(grade, (int)count))];
        while (ga.Count > 0)
        {
            int ma = ga[(ga.Count - 1) / 2], mb = gb[(gb.Count - 1) / 2];
            if (ma != mb) return ma.CompareTo(mb);
            ga.RemoveAt((ga.Count - 1) / 2);
            gb.RemoveAt((gb.Count - 1) / 2);
        }
        return 0;
    }

    [Fact]
    public void Removing_median_grades_in_blocks_decides_as_removing_them_one_by_one()
    {
        var gen = from grades in Gen.Int[2, 6]
                  from a in Gen.Long[0, 12].Array[grades]
                  from b in Gen.Long[0, 12].Array[grades]
                  select (a, b);
        gen.Sample(pair =>
        {
            var (a, b) = pair;
            // Both candidates are graded by the same ballots: move b's surplus or deficit onto its worst grade.
            b[0] += a.Sum() - b.Sum();
            if (b[0] < 0) return;
            Assert.Equal(Math.Sign(RemovingOneAtATime(a, b)), Math.Sign(MajorityJudgment.Compare(a, b)));
        }, iter: 3000);
    }
}
