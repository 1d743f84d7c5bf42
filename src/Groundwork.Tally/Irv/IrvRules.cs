namespace Groundwork.Tally.Irv;

public enum OvervoteRule { ExhaustImmediately, AlwaysSkipToNextRank, ExhaustIfMultipleContinuing }

public enum IrvTieBreak
{
    /// The candidate lowest in the most recent earlier round where the tied candidates differed; then by lot.
    PreviousRoundsThenLot,
    Lot,
}

public enum MultiSeatMode
{
    /// RCTab "multiWinnerAllowMultipleWinnersPerRound": winners' surpluses pass on as fractions of each ballot.
    FractionalSurplus,
    /// RCTab "bottomsUp": eliminate until the continuing candidates equal the seats; no surplus transfers.
    BottomsUp,
    /// RCTab "multiPassIrv": one single-winner count per seat, each without the winners of the passes before.
    Sequential,
}

/// The rule options real IRV jurisdictions use, named as RCTab's configuration names them.
public sealed record IrvRules
{
    public OvervoteRule Overvote { get; init; } = OvervoteRule.AlwaysSkipToNextRank;
    /// Consecutive skipped ranks allowed before a ballot exhausts; null = unlimited.
    public int? MaxSkippedRanks { get; init; } = 1;
    public bool BatchElimination { get; init; }
    public bool ExhaustOnDuplicateCandidate { get; init; }
    public IrvTieBreak TieBreak { get; init; } = IrvTieBreak.PreviousRoundsThenLot;
    public int LotSeed { get; init; }
    public int? Seats { get; init; }
    public MultiSeatMode MultiSeat { get; init; } = MultiSeatMode.FractionalSurplus;
    /// Threshold votes ÷ seats (rounded up) instead of votes ÷ (seats + 1) + 1.
    public bool HareQuota { get; init; }
    /// Decimal places of fractional surplus arithmetic (RCTab: decimalPlacesForVoteArithmetic).
    public int Decimals { get; init; } = 4;

    /// Minneapolis 2017: overvotes skip to the next rank, one skipped rank allowed, batch elimination.
    public static IrvRules Minneapolis { get; } = new() { Overvote = OvervoteRule.AlwaysSkipToNextRank, MaxSkippedRanks = 1, BatchElimination = true };
    /// "Maine rules" as RCTab's 2013 Minneapolis test applies them: an overvote exhausts the ballot.
    public static IrvRules Maine { get; } = Minneapolis with { Overvote = OvervoteRule.ExhaustImmediately };
}
