using Groundwork.Tally.Condorcet;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Irv;
using Groundwork.Tally.Simple;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally;

/// What a caller can ask of any method by name: seats (null = the election's), the lot seed, and IRV's rules.
public sealed record MethodOptions
{
    public int? Seats { get; init; }
    public int LotSeed { get; init; }
    public IrvRules Irv { get; init; } = IrvRules.Plain;
}

/// The counting methods by the names the `tally` command and the app use. A name maps to null when the
/// method exists in the issue but not in this build, so callers can say so instead of failing obscurely.
public static class Methods
{
    static readonly Dictionary<string, Func<Election, MethodOptions, TallyResult>?> all = new(StringComparer.Ordinal)
    {
        ["plurality"] = (e, o) => Plurality.Count(WithSeats(e, o), o.LotSeed),
        ["approval"] = (e, o) => Approval.Count(WithSeats(e, o), o.LotSeed),
        // Score needs scores (JSON's "scale" and "scores"); ranked files carry none, and no ranked-input reading is defined.
        ["score"] = CountScore,
        ["irv"] = (e, o) => InstantRunoff.Count(e, o.Irv with { Seats = o.Seats ?? o.Irv.Seats, LotSeed = o.LotSeed }),
        [ScottishStv.Name] = (e, o) => ScottishStv.Count(e, new StvOptions { Seats = o.Seats, LotSeed = o.LotSeed }),
        [MeekStv.Name] = (e, o) => MeekStv.Count(e, new StvOptions { Seats = o.Seats, LotSeed = o.LotSeed }),
        [WigmStv.Name] = (e, o) => WigmStv.Count(e, new StvOptions { Seats = o.Seats, LotSeed = o.LotSeed }),
        ["schulze"] = (e, o) => Schulze.Count(WithSeats(e, o), Strength.WinningVotes, o.LotSeed),
        ["schulze-margins"] = (e, o) => Schulze.Count(WithSeats(e, o), Strength.Margins, o.LotSeed),
        ["ranked-pairs"] = (e, o) => RankedPairs.Count(WithSeats(e, o), Strength.WinningVotes, o.LotSeed),
        ["majority-judgment"] = (e, o) => MajorityJudgment.Count(WithSeats(e, o), seed: o.LotSeed),
    };

    // The STV methods can count merged preference lists read straight from a BLT file (see Blt.ReadForStv).
    static readonly Dictionary<string, Func<PreferenceTable, int, MethodOptions, TallyResult>> fromTable = new(StringComparer.Ordinal)
    {
        [ScottishStv.Name] = (t, seats, o) => ScottishStv.Count(t, seats, new StvOptions { Seats = o.Seats, LotSeed = o.LotSeed }),
        [MeekStv.Name] = (t, seats, o) => MeekStv.Count(t, seats, new StvOptions { Seats = o.Seats, LotSeed = o.LotSeed }),
        [WigmStv.Name] = (t, seats, o) => WigmStv.Count(t, seats, new StvOptions { Seats = o.Seats, LotSeed = o.LotSeed }),
    };

    // The Condorcet methods need only the pairwise matrix, which a BLT reader counts while it streams
    // (see Blt.ReadForPairwise).
    static readonly Dictionary<string, Func<PairwiseBallots, MethodOptions, TallyResult>> fromPairwise = new(StringComparer.Ordinal)
    {
        ["schulze"] = (p, o) => Schulze.FromPairwise(p.Candidates, p.Pairwise, o.Seats ?? p.Seats, Strength.WinningVotes, o.LotSeed, p.Withdrawn),
        ["schulze-margins"] = (p, o) => Schulze.FromPairwise(p.Candidates, p.Pairwise, o.Seats ?? p.Seats, Strength.Margins, o.LotSeed, p.Withdrawn),
        ["ranked-pairs"] = (p, o) => RankedPairs.FromPairwise(p.Candidates, p.Pairwise, o.Seats ?? p.Seats, Strength.WinningVotes, o.LotSeed, p.Withdrawn),
    };

    public static IEnumerable<string> Names => all.Keys;

    /// The count from a pairwise matrix, or null for methods that need more than the matrix.
    public static Func<PairwiseBallots, MethodOptions, TallyResult>? FindForPairwise(string name) => fromPairwise.GetValueOrDefault(name);

    /// The STV count over merged preference lists, or null for methods that need whole ballots.
    public static Func<PreferenceTable, int, MethodOptions, TallyResult>? FindForPreferences(string name) => fromTable.GetValueOrDefault(name);

    public static bool IsKnown(string name) => all.ContainsKey(name);

    /// The counting function, or null when the name is unknown or the method is not available.
    public static Func<Election, MethodOptions, TallyResult>? Find(string name) => all.GetValueOrDefault(name);

    static TallyResult CountScore(Election e, MethodOptions o)
    {
        if (e.ScoreBallots is not { } ballots || e.ScoreScale is not { } scale)
            throw new ArgumentException("the file carries rankings, not scores; score needs a JSON file with \"scale\" and \"scores\" (see docs/tally.md)");
        if (e.Withdrawn.Count > 0)
            throw new ArgumentException("score does not define how to count withdrawn candidates; remove them from the file");
        return Score.Count(e.Candidates, ballots, scale.Min, scale.Max, o.Seats ?? e.Seats, BlankScore.Minimum, o.LotSeed);
    }

    static Election WithSeats(Election e, MethodOptions o) => o.Seats is int s && s != e.Seats ? e with { Seats = s } : e;
}
