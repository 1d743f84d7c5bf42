namespace Groundwork.Tally.Stv;

/// Options shared by the STV counts. <see cref="Seats"/> overrides the election's; <see cref="LotSeed"/>
/// seeds any drawing of lots (and is recorded with each draw).
public sealed record StvOptions
{
    public int? Seats { get; init; }
    public int LotSeed { get; init; }
}
