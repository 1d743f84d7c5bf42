using CsCheck;
using Groundwork.Tally.Condorcet;
using Groundwork.Tally.Simple;

namespace Groundwork.Tally.Tests.Properties;

/// A small random electorate, with ballots of every kind over the same candidates, so one generated case
/// can exercise every method.
internal sealed record Profile(
    int Candidates, int Seats, int Seed,
    RankedBallot[] Ranked, MarkBallot[] Marks, ScoreBallot[] Scores, PointsBallot[] Points, GradeBallot[] Grades)
{
    public const int MinScore = 0, MaxScore = 4, PointsPerVoter = 5, GradeCount = 4;

    public string[] Names => [.. Enumerable.Range(0, Candidates).Select(c => ((char)('A' + c)).ToString())];

    public Election Election => new(Names, Seats, Ranked);

    public override string ToString() =>
        $"{Candidates} candidates, {Seats} seats, seed {Seed}; ranked: " +
        string.Join(" | ", Ranked.Select(b => $"{b.Weight}×" + string.Join(">", b.Ranking.Select(t => string.Join("=", t)))));
}

internal static class Profiles
{
    static Gen<RankedBallot> Ranked(int n, bool strict) =>
        from weight in Gen.Long[1, 6]
        from keys in Gen.Int[0, 1000].Array[n]
        from length in Gen.Int[0, n]
        from ties in Gen.Bool.Array[n]
        select MakeRanked(weight, keys, length, strict ? new bool[n] : ties);

    // The order is the candidates sorted by random keys; ties[k] joins position k to the tier before it.
    static RankedBallot MakeRanked(long weight, int[] keys, int length, bool[] ties)
    {
        int[] order = [.. Enumerable.Range(0, keys.Length).OrderBy(c => keys[c]).ThenBy(c => c).Take(length)];
        var tiers = new List<List<int>>();
        for (var k = 0; k < order.Length; k++)
        {
            if (k > 0 && ties[k]) tiers[^1].Add(order[k]);
            else tiers.Add([order[k]]);
        }
        return new RankedBallot(weight, [.. tiers.Select(t => t.ToArray())]);
    }

    static Gen<int?[]> Optional(int min, int max, int n) =>
        Gen.Int[min - 1, max + 1].Array[n].Select(a => a.Select(x => x == min - 1 ? (int?)null : x).ToArray());

    public static Gen<Profile> Any(bool strict = false, int maxCandidates = 6, int maxBallots = 30) =>
        from n in Gen.Int[2, maxCandidates]
        from seats in Gen.Int[1, n]
        from seed in Gen.Int[0, 1_000_000]
        from ranked in Ranked(n, strict).Array[0, maxBallots]
        from marks in Gen.Select(Gen.Long[0, 6], Gen.Int[0, n - 1].Array[0, n], (w, m) => new MarkBallot(w, m)).Array[0, maxBallots]
        // One more than the maximum now and then, so invalid ballots are exercised too.
        from scores in Gen.Select(Gen.Long[1, 6], Optional(Profile.MinScore, Profile.MaxScore, n), (w, s) => new ScoreBallot(w, s)).Array[0, maxBallots]
        from points in Gen.Select(Gen.Long[1, 6], Gen.Int[0, 3].Array[n], (w, p) => new PointsBallot(w, p)).Array[0, maxBallots]
        from grades in Gen.Select(Gen.Long[1, 6], Gen.Int[-1, Profile.GradeCount - 1].Array[n],
            (w, g) => new GradeBallot(w, [.. g.Select(x => x < 0 ? (int?)null : x)])).Array[0, maxBallots]
        select new Profile(n, seats, seed, ranked, marks, scores, points, grades);

    /// Every method's result on the profile, by name.
    public static IEnumerable<(string Method, TallyResult Result)> CountAll(Profile p)
    {
        var e = p.Election;
        var single = e with { Seats = 1 };
        yield return ("plurality (ranked)", Plurality.Count(e, p.Seed));
        yield return ("block (marks)", Plurality.Count(p.Names, p.Marks, p.Seats, p.Seed));
        yield return ("approval (marks)", Approval.Count(p.Names, p.Marks, p.Seats, p.Seed));
        yield return ("approval (ranked)", Approval.Count(e, p.Seed));
        yield return ("score", Score.Count(p.Names, p.Scores, Profile.MinScore, Profile.MaxScore, p.Seats, BlankScore.Minimum, p.Seed));
        yield return ("score (average)", Score.Count(p.Names, p.Scores, Profile.MinScore, Profile.MaxScore, p.Seats, BlankScore.Ignored, p.Seed));
        yield return ("cumulative", Cumulative.Count(p.Names, p.Points, Profile.PointsPerVoter, p.Seats, seed: p.Seed));
        yield return ("dot", Cumulative.Count(p.Names, p.Points, Profile.PointsPerVoter, p.Seats, maxPerCandidate: 2, seed: p.Seed));
        yield return ("schulze", Schulze.Count(single, Strength.WinningVotes, p.Seed));
        yield return ("schulze-margins", Schulze.Count(single, Strength.Margins, p.Seed));
        yield return ("ranked-pairs", RankedPairs.Count(single, Strength.WinningVotes, p.Seed));
        yield return ("ranked-pairs-margins", RankedPairs.Count(single, Strength.Margins, p.Seed));
        yield return ("majority-judgment", MajorityJudgment.Count(p.Names, p.Grades, Profile.GradeCount, p.Seats, p.Seed));
    }

    /// Everything a reader of the result sees, as one string, so two results compare in one assertion
    /// and a failure shows both.
    public static string Describe(TallyResult r) =>
        $"elected [{string.Join(",", r.Elected)}] ranking [{string.Join(" ", (r.Ranking ?? []).Select(t => string.Join("=", t)))}] " +
        $"counts [{string.Join(",", (r.Counts ?? new Dictionary<int, decimal>()).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{kv.Value}"))}] " +
        $"blank {r.Blank} invalid {r.Invalid} " +
        $"pairwise [{string.Join(";", (r.Pairwise ?? []).Select(row => string.Join(",", row)))}] " +
        $"lots [{string.Join(";", r.Lots.Select(l => $"{l.Reason}:{string.Join(",", l.Among)}->{l.Chosen}@{l.Seed}"))}]";

    /// The same ballots in another order: a Fisher–Yates shuffle driven by the lot generator, so a failing
    /// case replays from the profile's seed.
    public static T[] Shuffled<T>(T[] items, int seed)
    {
        var lot = new Lot(seed);
        var copy = (T[])items.Clone();
        for (var k = copy.Length - 1; k > 0; k--)
        {
            var j = lot.Below(k + 1);
            (copy[k], copy[j]) = (copy[j], copy[k]);
        }
        return copy;
    }

    public static Profile Shuffled(Profile p) => p with
    {
        Ranked = Shuffled(p.Ranked, p.Seed + 1), Marks = Shuffled(p.Marks, p.Seed + 2), Scores = Shuffled(p.Scores, p.Seed + 3),
        Points = Shuffled(p.Points, p.Seed + 4), Grades = Shuffled(p.Grades, p.Seed + 5),
    };

    /// Every ballot of weight k replaced by k ballots of weight 1.
    public static Profile AsCopies(Profile p) => p with
    {
        Ranked = [.. p.Ranked.SelectMany(b => Enumerable.Repeat(b with { Weight = 1 }, (int)b.Weight))],
        Marks = [.. p.Marks.SelectMany(b => Enumerable.Repeat(b with { Weight = 1 }, (int)b.Weight))],
        Scores = [.. p.Scores.SelectMany(b => Enumerable.Repeat(b with { Weight = 1 }, (int)b.Weight))],
        Points = [.. p.Points.SelectMany(b => Enumerable.Repeat(b with { Weight = 1 }, (int)b.Weight))],
        Grades = [.. p.Grades.SelectMany(b => Enumerable.Repeat(b with { Weight = 1 }, (int)b.Weight))],
    };
}
