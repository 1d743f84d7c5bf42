using Groundwork.Data;
using Groundwork.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

/// Expires pledges at their deadline (destroying their keys), retries activations and notifications a crash
/// interrupted, and refreshes eligible counts. Every transition is a conditional UPDATE, so several nodes (or a
/// restart) do each exactly once. Tests drive it through <see cref="SweepAsync"/>.
public sealed class PledgeSweeper(IServiceScopeFactory scopes, SealedKeys keys, PledgeActivation activation, TimeProvider clock) : IRecurringJob
{
    public string Name => nameof(PledgeSweeper);

    public TimeSpan Interval => TimeSpan.FromSeconds(30);

    public Task<int> RunOnceAsync(CancellationToken ct) => SweepAsync(clock.GetUtcNow().UtcDateTime, ct);

    public async Task<int> SweepAsync(DateTime now, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var expired = 0;
        foreach (var id in await db.Pledges.AsNoTracking().Where(p => p.Status == PledgeStatus.Gathering && p.DeadlineUtc <= now).Select(p => p.Id).ToListAsync(ct))
            if (await PledgeLifecycle.EndAsync(db, keys, id, PledgeStatus.Expired, null, now, ct)) expired++;
        // A crash between the status change and the key's destruction leaves a key behind: destroy it now.
        foreach (var id in await db.Pledges.AsNoTracking().Where(p => p.Status == PledgeStatus.Expired || p.Status == PledgeStatus.Cancelled).Select(p => p.Id).ToListAsync(ct))
            keys.Destroy(Pledge.KeyNameOf(id));
        foreach (var id in await db.Pledges.AsNoTracking().Where(p => p.Status == PledgeStatus.Gathering).Select(p => p.Id).ToListAsync(ct))
        {
            await StartPledge.RefreshEligibleAsync(db, id, ct);
            await activation.AfterChangeAsync(id, ct);
        }
        foreach (var id in await db.Pledges.AsNoTracking().Where(p => p.Status == PledgeStatus.Active
                     && db.PledgeSignatures.Any(s => s.PledgeId == p.Id && s.Bound && !s.Told)).Select(p => p.Id).ToListAsync(ct))
            await activation.TellAsync(id, ct);
        return expired;
    }
}
