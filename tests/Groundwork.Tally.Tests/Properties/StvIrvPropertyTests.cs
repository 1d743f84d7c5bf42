using CsCheck;
using Groundwork.Tally.Irv;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Tests.Properties;

public sealed class StvIrvPropertyTests
{
    /// With one seat, strict rankings (no equal ranks, no skipped ranks, no overvotes) and no tie to break,
    /// the rules coincide: STV's quota is a majority of the first stage, no surplus is ever transferred
    /// before the count ends, and a candidate with a majority of the continuing votes can never fall to the
    /// bottom, so IRV stopping at that majority and STV counting on to the quota or the last continuing
    /// candidate elect the same person.
    [Fact]
    public void One_seat_STV_elects_the_IRV_winner_when_no_lot_is_needed()
    {
        var compared = 0;
        Profiles.Any(strict: true, maxCandidates: 7, maxBallots: 40).Sample(p =>
        {
            var e = p.Election with { Seats = 1 };
            if (e.Ballots.All(b => b.Ranking.Length == 0)) return;
            var irv = InstantRunoff.Count(e, new IrvRules { LotSeed = p.Seed });
            if (irv.Lots.Count > 0) return;
            foreach (var stv in new[] { ScottishStv.Count(e, new StvOptions { LotSeed = p.Seed }), WigmStv.Count(e, new StvOptions { LotSeed = p.Seed }), MeekStv.Count(e, new StvOptions { LotSeed = p.Seed }) })
            {
                if (stv.Lots.Count > 0) continue;
                Interlocked.Increment(ref compared);
                Assert.True(irv.Elected.SequenceEqual(stv.Elected), $"{stv.Method} elected [{string.Join(",", stv.Elected)}], IRV [{string.Join(",", irv.Elected)}]: {p}");
            }
        }, iter: 400);
        Assert.True(compared > 300, $"only {compared} comparisons were free of lots");
    }

    static string Describe(TallyResult r) =>
        $"elected [{string.Join(",", r.Elected)}] excluded [{string.Join(",", r.Excluded)}] quota {r.Quota} stages " +
        string.Join(" / ", r.Stages.Select(st => $"{st.Action}({string.Join(",", st.Subjects)}) " +
            string.Join(",", st.Totals.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{kv.Value}")) + $" x{st.Exhausted} nt{st.NonTransferable}")) +
        $" lots [{string.Join(";", r.Lots.Select(l => $"{string.Join(",", l.Among)}->{l.Chosen}"))}]";

    /// The stage methods too: every stage, total and lot the same whatever order the ballots come in.
    [Fact]
    public void Ballot_order_never_changes_an_STV_or_IRV_count()
    {
        Profiles.Any(maxCandidates: 7, maxBallots: 40).Sample(p =>
        {
            var e = p.Election;
            var shuffled = e with { Ballots = Profiles.Shuffled(p.Ranked, p.Seed + 1) };
            foreach (var count in new Func<Election, TallyResult>[]
            {
                x => ScottishStv.Count(x, new StvOptions { LotSeed = p.Seed }),
                x => WigmStv.Count(x, new StvOptions { LotSeed = p.Seed }),
                x => MeekStv.Count(x, new StvOptions { LotSeed = p.Seed }),
                x => InstantRunoff.Count(x, new IrvRules { LotSeed = p.Seed }),
            })
            {
                var (a, b) = (count(e), count(shuffled));
                Assert.True(Describe(a) == Describe(b), $"{a.Method}: {Describe(a)} vs {Describe(b)}");
            }
        }, iter: 300);
    }

    [Fact]
    public void A_ballot_of_weight_k_counts_as_k_copies_in_STV_and_IRV()
    {
        Profiles.Any(maxCandidates: 7, maxBallots: 40).Sample(p =>
        {
            var e = p.Election;
            var copies = Profiles.AsCopies(p).Election;
            foreach (var count in new Func<Election, TallyResult>[]
            {
                x => ScottishStv.Count(x, new StvOptions { LotSeed = p.Seed }),
                x => WigmStv.Count(x, new StvOptions { LotSeed = p.Seed }),
                x => MeekStv.Count(x, new StvOptions { LotSeed = p.Seed }),
                x => InstantRunoff.Count(x, new IrvRules { LotSeed = p.Seed }),
            })
            {
                var (a, b) = (count(e), count(copies));
                Assert.True(Describe(a) == Describe(b), $"{a.Method}: {Describe(a)} vs {Describe(b)}");
            }
        }, iter: 300);
    }
}
