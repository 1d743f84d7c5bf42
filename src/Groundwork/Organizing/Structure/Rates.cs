namespace Groundwork.Organizing.Structure;

/// A unit's participation: how many of its eligible contacts took part, against the test's threshold.
public sealed record UnitRate(int UnitId, string UnitName, int Participants, int Eligible, int Percent, bool Reached);

public static class Rates
{
    /// Whole percent, rounded down so that 69.9% never shows as a reached 70%.
    public static int Percent(int participants, int eligible) =>
        eligible <= 0 ? 0 : (int)Math.Min(100, (long)participants * 100 / eligible);

    /// Reached means participants / eligible ≥ threshold / 100, decided exactly in integers.
    public static bool Reached(int participants, int eligible, int thresholdPercent) =>
        eligible > 0 && (long)participants * 100 >= (long)thresholdPercent * eligible;

    public static UnitRate Of(int unitId, string name, int participants, int eligible, int threshold) =>
        new(unitId, name, participants, eligible, Percent(participants, eligible), Reached(participants, eligible, threshold));
}
