using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Deliberation;

/// Who may do what with discussions and motions: pure predicates shared by the pages and the API.
public static class DeliberationPermissions
{
    static bool Active(Membership? m) => OrganizationPermissions.IsActiveMember(m);

    /// An organizer limited to some units covers a unit thread only when the unit is one of theirs.
    static bool CoversUnit(Membership m, int unitId) =>
        m.Role == Role.Admin || m.Role == Role.Organizer && OrganizationPermissions.OrganizerCovers(m, [unitId]);

    /// Organization threads: every active member. Unit threads: members placed in the unit, and its organizers.
    public static bool CanSee(Membership? m, Discussion d, IEnumerable<int> placedUnitIds) =>
        Active(m) && m!.OrganizationId == d.OrganizationId
        && (d.UnitId is not { } unit || placedUnitIds.Contains(unit) || CoversUnit(m, unit));

    /// A thread in a unit may be started by those who could see it.
    public static bool CanStartIn(Membership? m, int? unitId, IEnumerable<int> placedUnitIds) =>
        Active(m) && (unitId is not { } unit || placedUnitIds.Contains(unit) || CoversUnit(m!, unit));

    public static bool CanModerate(Membership? m, Discussion d) =>
        Active(m) && m!.Role >= Role.Organizer && (d.UnitId is not { } unit || CoversUnit(m, unit));

    /// A locked thread takes no more replies, except from those who moderate it.
    public static bool CanReply(Membership? m, Discussion d, IEnumerable<int> placedUnitIds) =>
        CanSee(m, d, placedUnitIds) && (!d.IsLocked || CanModerate(m, d));

    public static bool CanEdit(Membership? m, Discussion d, Post p, IEnumerable<int> placedUnitIds) =>
        CanSee(m, d, placedUnitIds) && p.DeletedUtc is null && p.AuthorId == m!.PersonId && (!d.IsLocked || CanModerate(m, d));

    public static bool CanDelete(Membership? m, Discussion d, Post p, IEnumerable<int> placedUnitIds) =>
        CanSee(m, d, placedUnitIds) && p.DeletedUtc is null && (p.AuthorId == m!.PersonId || CanModerate(m, d));

    // Motions belong to the whole organization.
    public static bool CanPropose(Membership? m) => Active(m);

    /// The chair moves a motion into debate and to a vote, opens and closes votes: an organizer or admin.
    public static bool CanChair(Membership? m) => OrganizationPermissions.HasRole(m, Role.Organizer);

    /// Seconding shows that more than one member wants the question discussed, so the mover cannot second.
    public static bool CanSecond(Membership? m, Motion motion) =>
        Active(m) && motion.Status == MotionStatus.Submitted && motion.MoverId != m!.PersonId;

    public static bool CanWithdraw(Membership? m, Motion motion) =>
        Active(m) && motion.MoverId == m!.PersonId && motion.Status is MotionStatus.Submitted or MotionStatus.Seconded or MotionStatus.Debate;

    public static bool CanProposeAmendment(Membership? m, Motion motion) => Active(m) && motion.Status == MotionStatus.Debate;

    public static bool CanSecondAmendment(Membership? m, Motion motion, Amendment a) =>
        Active(m) && motion.Status == MotionStatus.Debate && a.Status == AmendmentStatus.Proposed && a.ProposerId != m!.PersonId;

    public static bool CanWithdrawAmendment(Membership? m, Amendment a) =>
        Active(m) && a.ProposerId == m!.PersonId && a.Status is AmendmentStatus.Proposed or AmendmentStatus.Seconded;

    /// Every active member votes, organizers and admins included.
    public static bool CanVote(Membership? m, MotionVote v) => Active(m) && v.Status == VoteStatus.Open && v.Method == VoteMethod.Electronic;
}
