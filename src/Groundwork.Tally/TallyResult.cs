namespace Groundwork.Tally;

/// One stage of a stage method (STV, IRV): what happened and every candidate's total after it.
/// Totals are decimals at the method's precision (Scottish STV: 5 dp truncated; IRV: whole votes or RCTab's 4 dp).
public sealed record Stage(
    string Action,                       // "first", "elect", "surplus", "exclude", "transfer", "round" …
    IReadOnlyList<int> Subjects,         // the candidates the action is about (elected, excluded, whose surplus moves)
    IReadOnlyDictionary<int, decimal> Totals,
    decimal Exhausted,
    decimal NonTransferable = 0m,
    string? Note = null)
{
    /// Candidates declared elected at the end of this stage, in order of election (stage methods).
    public IReadOnlyList<int> Elected { get; init; } = [];
    /// The quota at this stage, for methods where it moves (Meek: it falls as votes exhaust).
    public decimal? Quota { get; init; }
}

/// A decision by lot, recorded so that anyone can replay the count: the seed and what was drawn among whom.
public sealed record LotDraw(string Reason, IReadOnlyList<int> Among, int Chosen, int Seed);

/// What every counting method returns: enough for a person to follow the count, and for JSON output.
public sealed class TallyResult
{
    public required string Method { get; init; }
    public required IReadOnlyList<string> Candidates { get; init; }
    public int Seats { get; init; }
    public decimal? Quota { get; init; }
    public List<int> Elected { get; } = [];          // in order of election
    public List<int> Excluded { get; } = [];         // in order of exclusion
    public List<Stage> Stages { get; } = [];
    /// Non-stage methods: the count per candidate (votes, approvals, score sums, grades' medians …).
    public IReadOnlyDictionary<int, decimal>? Counts { get; set; }
    /// Condorcet methods: Pairwise[i][j] = weight of ballots preferring i over j.
    public decimal[][]? Pairwise { get; set; }
    /// Condorcet and ordering methods: the full order, best first, in tiers of candidates still tied
    /// after the method's own rules (a lot, when drawn, is recorded in <see cref="Lots"/> and splits the tier).
    public IReadOnlyList<int[]>? Ranking { get; set; }
    /// Schulze: StrongestPaths[i][j] = strength of the strongest path from i to j.
    public decimal[][]? StrongestPaths { get; set; }
    /// Weight of ballots that named no candidate (non-stage methods), and of ballots set aside as invalid
    /// (an overvote in plurality, a score out of range, more points than allowed).
    public decimal? Blank { get; set; }
    public decimal? Invalid { get; set; }
    public List<LotDraw> Lots { get; } = [];
    public List<string> Notes { get; } = [];
}
