using Groundwork.Members;
using Groundwork.Organizations;

namespace Groundwork.Decisions;

public enum ResultsAccess { Visible, NotClosed, Hidden, TooFewBallots }

/// Who may do what with polls, as pure predicates shared by the pages and the API.
public static class DecisionPermissions
{
    /// Secret ballots are published only from this many ballots on: fewer would let members guess who voted what.
    public const int SecretMinimumBallots = 5;

    public static bool CanCreate(Membership? m) => OrganizationPermissions.HasRole(m, Role.Organizer);

    /// An organizer limited to some units may only ask those units (and must say which); admins and unscoped organizers
    /// may ask anyone.
    public static bool CanAsk(Membership m, IReadOnlyCollection<int> unitIds) =>
        m.Role == Role.Admin || m.OrganizerScopes.Count == 0
        || unitIds.Count > 0 && unitIds.All(u => m.OrganizerScopes.Any(s => s.UnitId == u));

    /// Opening, closing and editing: admins, unscoped organizers, and the organizer who made the poll.
    public static bool CanManage(Membership? m, Poll p) =>
        OrganizationPermissions.HasRole(m, Role.Admin)
        || OrganizationPermissions.HasRole(m, Role.Organizer) && (m!.OrganizerScopes.Count == 0 || p.CreatedById == m.PersonId);

    public static bool CanVote(Membership? m) => OrganizationPermissions.IsActiveMember(m);

    /// Results: a secret ballot only after close and with enough ballots; an open one live unless the author hid them.
    public static ResultsAccess Results(Poll p) =>
        p.Status != PollStatus.Closed && (p.Secret || p.HideResultsUntilClose) ? (p.Secret ? ResultsAccess.NotClosed : ResultsAccess.Hidden)
        : p.Status == PollStatus.Scheduled ? ResultsAccess.NotClosed
        : p.Secret && p.BallotCount < SecretMinimumBallots ? ResultsAccess.TooFewBallots
        : ResultsAccess.Visible;

    /// The board (every ballot): after close only, and for a secret ballot only with enough ballots.
    public static ResultsAccess Board(Poll p) =>
        p.Status != PollStatus.Closed ? ResultsAccess.NotClosed
        : p.Secret && p.BallotCount < SecretMinimumBallots ? ResultsAccess.TooFewBallots
        : ResultsAccess.Visible;

    public static bool CanNominate(Poll p) => p.Kind == PollKind.Election && p.Status == PollStatus.Scheduled;
}
