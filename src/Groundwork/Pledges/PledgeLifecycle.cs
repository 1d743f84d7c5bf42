using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

/// A pledge's life after it starts: activation when its thresholds hold, cancellation or expiry (destroying its key),
/// and follow-through after the action date. Every transition is a conditional UPDATE, so it happens exactly once.
public static class PledgeLifecycle
{
    public static async Task<Outcome<Pledge>> CancelAsync(AppDbContext db, SealedKeys keys, int orgId, int pledgeId, Membership? me, DateTime now, CancellationToken ct)
    {
        var p = await PledgeQueries.FindAsync(db, orgId, pledgeId, ct);
        if (p is null) return Failure.NotFound();
        if (p.Status != PledgeStatus.Gathering) return Failure.Conflict("Only a pledge that is still gathering can be cancelled.");
        if (!PledgePermissions.CanCancel(p, me)) return Failure.Forbidden("Only organizers of the organization that started the pledge may cancel it.");
        if (!await EndAsync(db, keys, p.Id, PledgeStatus.Cancelled, me!.PersonId, now, ct))
            return Failure.Conflict("Only a pledge that is still gathering can be cancelled.");
        return (await db.Pledges.AsNoTracking().Include(x => x.Organizations).FirstAsync(x => x.Id == p.Id, ct));
    }

    /// Gathering → Expired or Cancelled, exactly once (the guarded total row, then the status), then the key is
    /// destroyed: the sealed signatures can never be opened again.
    public static async Task<bool> EndAsync(AppDbContext db, SealedKeys keys, int pledgeId, PledgeStatus to, string? actorId, DateTime now, CancellationToken ct)
    {
        var orgId = await db.Pledges.Where(p => p.Id == pledgeId).Select(p => p.OrganizationId).FirstAsync(ct);
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            var closed = await db.PledgeTallies.Where(t => t.PledgeId == pledgeId && t.Scope == TallyScope.Total && t.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Open, false), ct);
            var moved = closed == 0 ? 0 : await db.Pledges.Where(p => p.Id == pledgeId && p.Status == PledgeStatus.Gathering)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, to).SetProperty(p => p.EndedUtc, now), ct);
            if (moved == 0)
            {
                await tx.RollbackAsync(CancellationToken.None);
                return false;
            }
            await db.PledgeEmailConfirmations.Where(c => c.PledgeId == pledgeId).ExecuteDeleteAsync(ct);
            db.Record(now, to == PledgeStatus.Cancelled ? PledgeActions.Cancelled : PledgeActions.Expired, actorId, orgId, detail: $"pledge {pledgeId}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        keys.Destroy(Pledge.KeyNameOf(pledgeId));
        return true;
    }

    static Task<List<Thresholds.Signer>> ActiveSignersAsync(AppDbContext db, int pledgeId, CancellationToken ct) =>
        db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == pledgeId && s.Status == SignatureStatus.Active)
            .Select(s => new Thresholds.Signer(s.Id, s.OrganizationId, s.UnitId, s.ConditionMin, s.ConditionScope)).ToListAsync(ct);

    /// Activates the pledge if its thresholds hold for the group its conditions resolve to: exactly once, by clearing
    /// the guarded total row and moving Gathering → Active in one transaction. Returns true for the one caller that did.
    public static async Task<bool> TryActivateAsync(AppDbContext db, int pledgeId, DateTime now, CancellationToken ct)
    {
        var tallies = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == pledgeId).ToListAsync(ct);
        var total = tallies.FirstOrDefault(t => t.Scope == TallyScope.Total);
        if (total is not { Open: true }) return false;
        // Conditions only shrink the group: if the raw counts fall short, the resolved ones do too.
        if (!Thresholds.AllMet(tallies, t => t.Signed)) return false;
        if (total.Conditional > 0)
        {
            var (_, count) = Thresholds.ResolveGroup(await ActiveSignersAsync(db, pledgeId, ct));
            if (!Thresholds.AllMet(tallies, count)) return false;
        }
        await using var tx = await db.BeginWriteAsync(ct);
        var closed = await db.PledgeTallies.Where(t => t.PledgeId == pledgeId && t.Scope == TallyScope.Total && t.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Open, false), ct);
        if (closed == 0) return false;
        // Under the lock on the total row nobody signs or withdraws: decide again on what is there now.
        tallies = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == pledgeId).ToListAsync(ct);
        var (bound, counted) = Thresholds.ResolveGroup(await ActiveSignersAsync(db, pledgeId, ct));
        if (!Thresholds.AllMet(tallies, counted))
        {
            await tx.RollbackAsync(CancellationToken.None);
            return false;
        }
        var moved = await db.Pledges.Where(p => p.Id == pledgeId && p.Status == PledgeStatus.Gathering)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PledgeStatus.Active).SetProperty(p => p.ActivatedUtc, now)
                .SetProperty(p => p.ActiveSigners, bound.Count).SetProperty(p => p.WouldActNow, bound.Count), ct);
        if (moved == 0)
        {
            await tx.RollbackAsync(CancellationToken.None);
            return false;
        }
        foreach (var chunk in bound.Chunk(500))
            await db.PledgeSignatures.Where(s => chunk.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Bound, true), ct);
        var orgId = await db.Pledges.Where(p => p.Id == pledgeId).Select(p => p.OrganizationId).FirstAsync(ct);
        db.Record(now, PledgeActions.Activated, null, orgId, detail: $"pledge {pledgeId}: {bound.Count} signers");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// Stores how many would act now (for a pledge whose signers have conditions); a view reads it, never recounts.
    public static async Task RefreshWouldActAsync(AppDbContext db, int pledgeId, CancellationToken ct)
    {
        var (bound, _) = Thresholds.ResolveGroup(await ActiveSignersAsync(db, pledgeId, ct));
        await db.Pledges.Where(p => p.Id == pledgeId && p.Status == PledgeStatus.Gathering)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.WouldActNow, bound.Count), ct);
    }

    public static async Task<Outcome<bool>> ReportFollowThroughAsync(AppDbContext db, SealedKeys keys, int orgId, int pledgeId, string personId, DateTime now, CancellationToken ct)
    {
        var p = await PledgeQueries.FindAsync(db, orgId, pledgeId, ct);
        if (p is null) return Failure.NotFound();
        if (!PledgePermissions.CanReportFollowThrough(p, now))
            return Failure.Conflict(p.Status == PledgeStatus.Active ? "Follow-through can be reported from the action date on." : "Only an active pledge has follow-through.");
        if (keys.Find(p.KeyName) is not { } key) return Failure.Conflict("Only an active pledge has follow-through.");
        var hash = SignerIdentity.Hash(key, SignerIdentity.Person(personId));
        var row = await db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == p.Id && s.SignerHash == hash && s.Bound)
            .Select(s => new { s.Id, s.OrganizationId, s.UnitId, s.FollowedThrough }).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.Forbidden("Only the signers the pledge activated with can report follow-through.");
        await using var tx = await db.BeginWriteAsync(ct);
        var changed = await db.PledgeSignatures.Where(s => s.Id == row.Id && !s.FollowedThrough)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.FollowedThrough, true), ct);
        if (changed == 0) return Failure.Conflict("You have already reported that you did it.");
        await db.PledgeTallies.Where(t => t.PledgeId == p.Id && (t.Scope == TallyScope.Total
                || (t.Scope == TallyScope.Organization && t.RefId == row.OrganizationId) || (t.Scope == TallyScope.Unit && t.RefId == row.UnitId)))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FollowedThrough, t => t.FollowedThrough + 1), ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
