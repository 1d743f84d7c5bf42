using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Pledges;

/// Who may do what with a pledge, as pure predicates shared by the pages and the API.
public static class PledgePermissions
{
    /// Organizers with a unit scope organize only part of the organization: a pledge speaks for all of it.
    public static bool RunsWholeOrganization(Membership? m) =>
        OrganizationPermissions.HasRole(m, Role.Admin)
        || (OrganizationPermissions.HasRole(m, Role.Organizer) && m!.OrganizerScopes.Count == 0);

    /// A pledge may span organizations the creator runs, each one itself or through an ancestor they run (a federation
    /// organizer starting a general strike across its locals). <paramref name="ancestorsOf"/> lists each organization
    /// with its ancestors, itself first.
    public static bool MayCreateAcross(IReadOnlyCollection<int> orgIds, IReadOnlyDictionary<int, IReadOnlyList<int>> ancestorsOf,
        IReadOnlySet<int> orgsTheCallerRuns) =>
        orgIds.Count > 0 && orgIds.All(o => ancestorsOf.TryGetValue(o, out var chain) && chain.Any(orgsTheCallerRuns.Contains));

    public static bool CanCreate(Membership? m) => RunsWholeOrganization(m);

    /// The creating organization's organizers may cancel while it gathers.
    public static bool CanCancel(Pledge p, Membership? m) =>
        p.Status == PledgeStatus.Gathering && m?.OrganizationId == p.OrganizationId && RunsWholeOrganization(m);

    /// A member of one of the pledge's organizations (and, for a Units pledge, placed in one of its units).
    public static bool IsEligible(PledgeEligibility eligibility, IReadOnlySet<int> pledgeUnits, Membership? m) =>
        OrganizationPermissions.IsActiveMember(m)
        && eligibility switch
        {
            PledgeEligibility.Members => true,
            PledgeEligibility.Units => m!.Placements.Any(x => pledgeUnits.Contains(x.UnitId)),
            _ => false, // a public pledge is signed by confirmed email, not by membership
        };

    /// Names, never before activation, whoever asks; after it only if the pledge said so from the start, and only to
    /// organizers of one of its organizations.
    public static bool CanSeeNames(Pledge p, Membership? m) =>
        p.Status == PledgeStatus.Active && p.RevealNames && RunsWholeOrganization(m);

    /// Follow-through is for the signers the pledge bound, once the action date has come.
    public static bool CanReportFollowThrough(Pledge p, DateTime utcNow) =>
        p.Status == PledgeStatus.Active && utcNow >= p.FollowThroughFrom;

    /// A unit count under five is shown as "fewer than 5".
    public const int SmallCount = 5;

    public static bool ShowsExactCount(TallyScope scope, int signed) => scope != TallyScope.Unit || signed >= SmallCount;
}
