using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Decisions;

/// The author's changes to a poll: its title and description, its close (UTC), and secret or open before voting starts.
public sealed class UpdatePoll(AppDbContext db, TimeProvider clock)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<Poll>> UpdateAsync(Poll poll, UpdatePollInput input, CancellationToken ct)
    {
        var now = Now;
        if (input.Secret is { } secret && secret != poll.Secret)
        {
            if (secret && poll.AllowVoteChange) return Failure.Invalid("A secret ballot cannot allow changing a vote; turn that off first.", "secret");
            // Once voting may have started the kind of ballot is fixed: the conditional UPDATE decides against a racing open.
            var n = await db.Polls.Where(p => p.Id == poll.Id && p.Status == PollStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Secret, secret), ct);
            if (n == 0) return Failure.Conflict("A ballot cannot switch between secret and open once voting has started.", "secret");
        }
        var tracked = await db.Polls.FirstAsync(p => p.Id == poll.Id, ct);
        if (input.Title is { } t) tracked.Title = t.Trim();
        if (input.Description is { } d) tracked.Description = d.Trim();
        if (input.ClosesUtc is { } c)
        {
            if (tracked.Status == PollStatus.Closed) return Failure.Conflict("This poll has closed.");
            if (c <= now || tracked.OpensUtc is { } o && c <= o) return Failure.Invalid(CreatePollInput.ClosingMessage, "closesUtc");
            tracked.ClosesUtc = c;
        }
        await db.SaveChangesAsync(ct);
        return tracked;
    }
}
