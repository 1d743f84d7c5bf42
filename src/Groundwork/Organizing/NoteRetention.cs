using Groundwork.Data;
using Groundwork.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

/// Deletes conversation notes older than each organization's retention period. Idempotent (it clears what is still
/// there), so a restart, a second node or a second run changes nothing more.
public sealed class NoteRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<NoteRetention> log) : IRecurringJob
{
    public string Name => nameof(NoteRetention);

    public TimeSpan Interval => TimeSpan.FromHours(1);

    /// One pass: the number of conversations whose notes were deleted.
    public static async Task<int> PurgeAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        var total = 0;
        foreach (var s in await db.OrganizingSettings.AsNoTracking().Where(x => x.NoteRetentionDays != null).ToListAsync(ct))
        {
            var cutoff = now.AddDays(-s.NoteRetentionDays!.Value);
            total += await db.Conversations
                .Where(c => c.OrganizationId == s.OrganizationId && c.AtUtc < cutoff && (c.Notes != null || c.NextStep != null))
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Notes, (string?)null).SetProperty(c => c.NextStep, (string?)null)
                    .SetProperty(c => c.NotesPurgedUtc, now), ct);
        }
        return total;
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var n = await PurgeAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        if (n > 0) log.LogInformation("Retention deleted the notes of {Count} conversations", n);
        return n;
    }
}
