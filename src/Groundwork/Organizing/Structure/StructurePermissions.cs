using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Organizing.Structure;

/// Need to know for structure tests, signatures, imports and exports, as pure predicates used by the pages and the API.
public static class StructurePermissions
{
    /// Define, close and record tests: organizers (within the units they cover) and admins.
    public static bool CanRunTests(Membership? m) => ContactAccess.CanWorkWithContacts(m);

    /// Sign a card or petition as oneself: any active member.
    public static bool CanSign(Membership? m) => OrganizationPermissions.IsActiveMember(m);

    /// Import contacts: admins only. Duplicate detection looks across the whole organization, so an organizer limited
    /// to some units would learn of contacts outside them.
    public static bool CanImport(Membership? m) => OrganizationPermissions.HasRole(m, Role.Admin);

    /// Export contacts: admins only, and only after confirming their password in the last five minutes.
    public static bool CanExport(Membership? m) => OrganizationPermissions.HasRole(m, Role.Admin);

    public static readonly TimeSpan ReauthenticationWindow = TimeSpan.FromMinutes(5);

    public static bool RecentlyReauthenticated(DateTime? lastUtc, DateTime nowUtc) =>
        lastUtc is { } at && at <= nowUtc.AddSeconds(5) && nowUtc - at <= ReauthenticationWindow;

    /// A unit row is shown to callers who cover it (null = the whole organization).
    public static bool SeesUnit(HashSet<int>? covered, int unitId) => covered is null || covered.Contains(unitId);
}

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
