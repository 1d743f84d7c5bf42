using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Decisions;

/// A nomination in an election: standing oneself (accepted at once) or nominating another member, who is told.
public sealed class NominateCandidate(AppDbContext db, TimeProvider clock, Notifier notifier, IStringLocalizer<SharedResource> L)
{
    public async Task<Outcome<Nomination>> NominateAsync(Poll poll, string byId, NominateInput input, CancellationToken ct)
    {
        if (poll.Kind != PollKind.Election) return Failure.Invalid("Only elections take nominations.");
        if (!DecisionPermissions.CanNominate(poll)) return Failure.Conflict("Nominations are closed: the election has opened.");
        var nominee = string.IsNullOrWhiteSpace(input.NomineeId) ? byId : input.NomineeId.Trim();
        var member = await db.Memberships.AsNoTracking().AnyAsync(m => m.OrganizationId == poll.OrganizationId && m.PersonId == nominee && m.Status == MembershipStatus.Active, ct);
        if (!member) return Failure.Invalid("Only a member of this organization can be nominated.", "nomineeId");
        var self = nominee == byId;
        var n = new Nomination
        {
            PollId = poll.Id, NomineeId = nominee, NominatedById = byId, CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Statement = self ? (input.Statement ?? "").Trim() : "",
            Status = self ? NominationStatus.Accepted : NominationStatus.Pending,
        };
        db.Nominations.Add(n);
        if (await db.SaveOrConflictAsync(Failure.Conflict("This member is already nominated.", "nomineeId"), ct) is { } refused) return refused;
        if (!self)
            await notifier.NotifyAsync([nominee], $"nominated:{n.Id}", () => new NotificationText(
                L["You were nominated"], string.Format(System.Globalization.CultureInfo.CurrentCulture, L["You were nominated in the election \"{0}\". Accept or decline on its page."], poll.Title),
                Poll.Link(poll.OrganizationId, poll.Id)), ct);
        return n;
    }
}
