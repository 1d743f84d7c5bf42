namespace Groundwork.Tally.Tests.Simple;

public sealed class LotTests
{
    [Fact]
    public void The_generator_is_the_published_SplitMix64_so_anyone_can_replay_a_draw()
    {
        // Reference outputs of SplitMix64 from state 0 (Vigna's splitmix64.c).
        var lot = new Lot(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, lot.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, lot.Next());
        Assert.Equal(0x06C45D188009454FUL, lot.Next());
    }

    [Fact]
    public void A_draw_is_recorded_with_the_candidates_sorted_and_the_seed()
    {
        var result = new TallyResult { Method = "test", Candidates = ["A", "B", "C"] };
        var chosen = new Lot(5).Draw(result, "tie", [2, 0, 1]);
        var draw = Assert.Single(result.Lots);
        Assert.Equal([0, 1, 2], draw.Among);
        Assert.Equal(chosen, draw.Chosen);
        Assert.Equal(5, draw.Seed);
        Assert.Equal(chosen, new Lot(5).Draw(new TallyResult { Method = "test", Candidates = ["A", "B", "C"] }, "tie", [1, 2, 0]));
    }

    [Fact]
    public void Draws_are_roughly_uniform()
    {
        var lot = new Lot(2026);
        var counts = new int[3];
        for (var k = 0; k < 30_000; k++) counts[lot.Below(3)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void A_single_candidate_is_no_lot_at_all()
    {
        var result = new TallyResult { Method = "test", Candidates = ["A"] };
        Assert.Equal(0, new Lot(1).Draw(result, "tie", [0]));
        Assert.Empty(result.Lots);
    }
}
