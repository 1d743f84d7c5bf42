using CsCheck;
using Groundwork.Tally.Irv;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Tests;

/// Properties with no official data behind them, checked on generated elections.
public sealed class StvPropertyTests
{
    // 2–6 candidates, 1 seat up to all but one, up to 30 ballot groups with weights 1–5 and strict rankings.
    static readonly Gen<Election> Elections =
        Gen.Int[2, 6].SelectMany(n =>
            Gen.Int[1, Math.Max(1, n - 1)].SelectMany(seats =>
                Gen.Select(Gen.Int[1, 5], Gen.Double.Array[n], Gen.Int[1, n])
                    .Select(t => RankedBallot.Strict(t.Item1, [.. Enumerable.Range(0, n).OrderBy(i => t.Item2[i]).Take(t.Item3)]))
                    .Array[1, 30]
                    .Select(ballots => new Election([.. Enumerable.Range(0, n).Select(i => ((char)('A' + i)).ToString())], seats, ballots))));

    static readonly (string Name, Func<Election, TallyResult> Count)[] Counts =
    [
        ("scottish", e => ScottishStv.Count(e)),
        ("wigm", e => WigmStv.Count(e)),
        ("meek", e => MeekStv.Count(e)),
        ("irv", e => InstantRunoff.Count(e, IrvRules.Minneapolis with { Seats = e.Seats })),
    ];

    static string Fingerprint(TallyResult r) =>
        string.Join(",", r.Elected) + "|" + string.Join(",", r.Excluded) + "|" +
        string.Join(";", r.Stages.Select(s => string.Join(",", s.Totals.OrderBy(kv => kv.Key).Select(kv => kv.Value)) + "/" + s.Exhausted));

    [Fact]
    public void A_ballot_of_weight_k_counts_as_k_copies()
    {
        Elections.Sample(e =>
        {
            var copies = e with { Ballots = [.. e.Ballots.SelectMany(b => Enumerable.Repeat(b with { Weight = 1 }, (int)b.Weight))] };
            foreach (var (name, count) in Counts)
                Assert.True(Fingerprint(count(e)) == Fingerprint(count(copies)), name);
        }, iter: 200);
    }

    [Fact]
    public void A_split_ballot_counts_as_its_parts_and_order_of_ballots_does_not_matter()
    {
        Elections.Sample(e =>
        {
            // Each group split into weight 1 and the rest (a delegate casting some votes one way, then the
            // same again), and the list reversed.
            var split = e with
            {
                Ballots = [.. e.Ballots.SelectMany(b => b.Weight == 1 ? [b] : new[] { b with { Weight = 1 }, b with { Weight = b.Weight - 1 } }).Reverse()],
            };
            foreach (var (name, count) in Counts)
                Assert.True(Fingerprint(count(e)) == Fingerprint(count(split)), name);
        }, iter: 200);
    }

    [Fact]
    public void With_one_seat_Scottish_STV_Meek_and_IRV_elect_the_same_candidate_unless_a_lot_decides()
    {
        Elections.Select(e => e with { Seats = 1 }).Sample(e =>
        {
            var irv = InstantRunoff.Count(e, IrvRules.Minneapolis with { BatchElimination = false, Seats = 1 });
            var scottish = ScottishStv.Count(e);
            var meek = MeekStv.Count(e);
            if (irv.Lots.Count + scottish.Lots.Count + meek.Lots.Count > 0) return;
            Assert.Equal(irv.Elected, scottish.Elected);
            Assert.Equal(irv.Elected, meek.Elected);
        }, iter: 500);
    }

    [Fact]
    public void Every_count_fills_the_seats_and_conserves_votes()
    {
        Elections.Sample(e =>
        {
            long total = e.Ballots.Sum(b => b.Weight);
            foreach (var (name, count) in Counts.Take(3))
            {
                var r = count(e);
                Assert.True(r.Elected.Count == e.Seats, $"{name}: {r.Elected.Count} of {e.Seats}");
                // Scottish/WIGM: every stage's totals plus non-transferable add up to the poll exactly.
                if (name != "meek")
                    Assert.All(r.Stages, s => Assert.Equal(total, s.Totals.Values.Sum() + s.NonTransferable));
                else
                    Assert.All(r.Stages, s => Assert.InRange(total - s.Totals.Values.Sum() - s.Exhausted, 0m, 0.0001m));
            }
        }, iter: 300);
    }
}
