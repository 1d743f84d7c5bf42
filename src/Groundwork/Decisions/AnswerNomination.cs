using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Decisions;

public sealed class AnswerNomination(AppDbContext db)
{
    /// The nominee's answer, once: a conditional UPDATE from pending, and only while nominations are open.
    public async Task<Outcome<Nomination>> AnswerAsync(Poll poll, int nominationId, string personId, AcceptNominationInput input, CancellationToken ct)
    {
        var n = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == nominationId && x.PollId == poll.Id, ct);
        if (n is null) return Failure.NotFound();
        if (n.NomineeId != personId) return Failure.Forbidden("Only the nominee can answer a nomination.");
        if (!DecisionPermissions.CanNominate(poll)) return Failure.Conflict("Nominations are closed: the election has opened.");
        var status = input.Accept == true ? NominationStatus.Accepted : NominationStatus.Declined;
        var statement = (input.Statement ?? n.Statement).Trim();
        var changed = await db.Nominations.Where(x => x.Id == nominationId && x.Status == NominationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.Statement, statement), ct);
        if (changed == 0) return Failure.Conflict("This nomination was already answered.");
        n.Status = status;
        n.Statement = statement;
        return n;
    }
}
