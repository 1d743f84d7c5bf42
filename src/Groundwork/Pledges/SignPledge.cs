using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

public enum SignKind { Signed, Resigned }

public sealed record SignResult(SignKind Kind, bool Activated, PledgeSnapshot? After = null);

/// A member signs or withdraws, and the batch writer (<see cref="PledgeSignQueue"/>) applies the signatures. Each
/// operation does what follows a change of signatures itself (activation, "would act now", telling the signers), so
/// the page and the API cannot differ.
public static class SignPledge
{
    /// A member signs. The pledge, its units and key come from memory (a few seconds old at most; the guarded total row
    /// refuses a signature once the pledge stops gathering, whatever the memory says); the caller's memberships are read
    /// fresh. The answer carries the counts right after the batch that wrote the signature.
    public static async Task<Outcome<SignResult>> SignAsync(AppDbContext db, SealedKeys keys, PledgeSignQueue queue, PledgeActivation activation,
        int orgId, int pledgeId, string personId, SignPledgeInput input, DateTime now, CancellationToken ct, Membership? known = null)
    {
        var info = await queue.Pledges.GetAsync(db, pledgeId, ct);
        if (info is null || !info.Pledge.Organizations.Any(o => o.OrganizationId == orgId)) return Failure.NotFound();
        var p = info.Pledge;
        if (p.Eligibility == PledgeEligibility.Public)
            return Failure.Conflict("A public pledge is signed on its public page, with an email address.");
        if (Refuse(p.CanSign(now)) is { } refused) return refused;

        var orgIds = p.Organizations.Select(o => o.OrganizationId).ToList();
        // A pledge of the route's organization alone: the caller's membership there, with its placements, was already
        // loaded by the authorization handler (OrgAccess) — use it rather than query it again.
        var memberships = known is { IsActive: true } && known.PersonId == personId && known.OrganizationId == orgId && orgIds is [var only] && only == orgId
            ? [known]
            : await db.Memberships.AsNoTracking().Include(m => m.Placements)
                .Where(m => m.PersonId == personId && orgIds.Contains(m.OrganizationId) && m.Status == MembershipStatus.Active)
                .OrderBy(m => m.Id).ToListAsync(ct);
        var pledgeUnits = info.Units;
        var membership = memberships.FirstOrDefault(m => PledgePermissions.IsEligible(p.Eligibility, pledgeUnits, m));
        if (membership is null) return Refuse(SignRefusal.NotEligible)!;
        int? unitId = memberships.SelectMany(m => m.Placements).Select(x => x.UnitId).Where(pledgeUnits.Contains).Order().Cast<int?>().FirstOrDefault();

        if (input.AtLeastOthers is { } others)
        {
            if (input.Scope == ConditionScope.Unit && unitId is null)
                return Failure.Invalid("You are not placed in one of the pledge's units, so a condition on your unit cannot be met.", "scope");
            var (scope, refId) = input.Scope == ConditionScope.Unit ? (TallyScope.Unit, unitId!.Value) : (TallyScope.Total, 0);
            var eligible = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == p.Id && t.Scope == scope && t.RefId == refId)
                .Select(t => t.Eligible).FirstOrDefaultAsync(ct);
            if (others > eligible - 1)
                return Failure.Invalid($"That condition cannot be met: at most {Math.Max(0, eligible - 1)} others can sign.", "atLeastOthers");
        }
        if (keys.FindRecent(p.KeyName, KeyMemory) is not { } key) return Refuse(SignRefusal.NotGathering)!;
        var hash = SignerIdentity.Hash(key, SignerIdentity.Person(personId));
        var sealedId = SealedKeys.Seal(key, SignerIdentity.Person(personId), p.SealContext);
        var (outcome, after) = await queue.WriteAsync(new SignatureWrite(p.Id, hash, sealedId, membership.OrganizationId, unitId, input.AtLeastOthers, input.Scope), ct);
        if (!outcome.Ok) return outcome.Failure!;
        // No snapshot: the queue could not check activation after its batch. Check it here (the sweeper would later).
        if (after is null) await activation.AfterChangeAsync(p.Id, CancellationToken.None);
        return new SignResult(outcome.Value, after?.Pledge.Status == PledgeStatus.Active, after);
    }

    /// How long the signing path keeps a pledge's key in memory after reading its file (see <see cref="SealedKeys.FindRecent"/>).
    public static readonly TimeSpan KeyMemory = TimeSpan.FromSeconds(5);

    internal static Failure? Refuse(SignRefusal? r) => r switch
    {
        null => null,
        SignRefusal.NotGathering => Failure.Conflict("This pledge is no longer gathering signatures."),
        SignRefusal.PastDeadline => Failure.Conflict("The deadline of this pledge has passed."),
        SignRefusal.NotEligible => Failure.Forbidden("You are not among the people who may sign this pledge."),
        SignRefusal.AlreadySigned => Failure.Conflict("You have already signed this pledge."),
        SignRefusal.ResignedOnce => Failure.Conflict("You have already signed again once after withdrawing; you cannot sign a third time."),
        _ => Failure.Invalid("That condition cannot be met."),
    };

    /// Withdraws the caller's signature while the pledge gathers, then checks activation as after any change: with
    /// conditions, one signer fewer can change who would act.
    public static async Task<Outcome<bool>> WithdrawAsync(AppDbContext db, SealedKeys keys, PledgeActivation activation, int orgId, int pledgeId,
        string personId, CancellationToken ct)
    {
        var p = await PledgeQueries.FindAsync(db, orgId, pledgeId, ct);
        if (p is null) return Failure.NotFound();
        if (p.Status != PledgeStatus.Gathering) return Failure.Conflict("The pledge is no longer gathering: a signature can be withdrawn only until it activates.");
        if (keys.Find(p.KeyName) is not { } key) return Failure.Conflict("This pledge is no longer gathering signatures.");
        var hash = SignerIdentity.Hash(key, SignerIdentity.Person(personId));
        var row = await db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == p.Id && s.SignerHash == hash && s.Status == SignatureStatus.Active)
            .Select(s => new { s.Id, s.OrganizationId, s.UnitId, s.ConditionMin }).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.NotFound("You have not signed this pledge.");
        // Activation is checked once the write is committed and its gate released: activating takes the gate itself.
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            var changed = await db.PledgeSignatures.Where(s => s.Id == row.Id && s.Status == SignatureStatus.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Withdrawn), ct);
            if (changed == 0) return Failure.NotFound("You have not signed this pledge.");
            await db.PledgeTallies.Where(t => t.PledgeId == p.Id &&
                    ((t.Scope == TallyScope.Organization && t.RefId == row.OrganizationId) || (t.Scope == TallyScope.Unit && t.RefId == row.UnitId)))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Signed, t => t.Signed - 1), ct);
            var conditional = row.ConditionMin is null ? 0 : 1;
            var open = await db.PledgeTallies.Where(t => t.PledgeId == p.Id && t.Scope == TallyScope.Total && t.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Signed, t => t.Signed - 1).SetProperty(t => t.Conditional, t => t.Conditional - conditional), ct);
            if (open == 0)
            {
                await tx.RollbackAsync(CancellationToken.None);
                return Failure.Conflict("The pledge is no longer gathering: a signature can be withdrawn only until it activates.");
            }
            await tx.CommitAsync(ct);
        }
        await activation.AfterChangeAsync(p.Id, CancellationToken.None);
        return true;
    }

    /// A batch of signatures in one transaction (see <see cref="PledgeSignQueue"/>). Per pledge: the batch's signer
    /// hashes are looked up in one query; a new signer is inserted (all of them in one bulk insert), a withdrawn one signs
    /// again once by a conditional UPDATE, anyone else is refused; then each count row moves once for the whole batch, the
    /// total last and only where it is still Open (otherwise the pledge stopped gathering: its part of the batch is rolled
    /// back to its savepoint and refused). The unique index on (pledge, signer hash) still decides: if another node inserted
    /// one of these signers meanwhile, the pledge's part is rolled back and written again one savepoint per signature.
    internal static async Task<Outcome<SignKind>[]> ApplySignaturesAsync(AppDbContext db, IReadOnlyList<SignatureWrite> writes, CancellationToken ct)
    {
        var outcomes = new Outcome<SignKind>[writes.Count];
        await using var tx = await db.BeginWriteAsync(ct);
        // Pledges in id order, counters in (scope, id) order: two nodes' batches lock rows in the same order.
        foreach (var group in Enumerable.Range(0, writes.Count).GroupBy(i => writes[i].PledgeId).OrderBy(g => g.Key))
        {
            var pledgeId = group.Key;
            var items = group.ToList();
            var savepoint = "p" + pledgeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await tx.SavepointAsync(savepoint, ct);
            var fast = true;
            try
            {
                await ApplyFastAsync(db, writes, items, outcomes, ct);
            }
            catch (System.Data.Common.DbException e) when (e.IsUniqueViolation())
            {
                fast = false;
            }
            if (!fast)
            {
                await tx.RollbackToAsync(savepoint, ct);
                var one = await Savepoints.EachAsync(tx.DbTransaction, savepoint + "s", items,
                    (i, signature) => ApplyOneAsync(db, signature, writes[i], ct), ct);
                for (var k = 0; k < items.Count; k++) outcomes[items[k]] = one[k];
            }
            var signed = items.Where(i => outcomes[i].Ok).Select(i => writes[i]).ToList();
            if (signed.Count == 0) continue;
            foreach (var c in signed.Where(w => w.OrganizationId is not null).GroupBy(w => w.OrganizationId!.Value).OrderBy(c => c.Key))
                await AddToCountAsync(db, pledgeId, TallyScope.Organization, c.Key, c.Count(), ct);
            foreach (var c in signed.Where(w => w.UnitId is not null).GroupBy(w => w.UnitId!.Value).OrderBy(c => c.Key))
                await AddToCountAsync(db, pledgeId, TallyScope.Unit, c.Key, c.Count(), ct);
            var n = signed.Count;
            var conditional = signed.Count(w => w.Condition is not null);
            var open = await db.PledgeTallies.Where(t => t.PledgeId == pledgeId && t.Scope == TallyScope.Total && t.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Signed, t => t.Signed + n).SetProperty(t => t.Conditional, t => t.Conditional + conditional), ct);
            if (open == 0)
            {
                await tx.RollbackToAsync(savepoint, ct);
                foreach (var i in items.Where(i => outcomes[i].Ok)) outcomes[i] = Refuse(SignRefusal.NotGathering)!;
            }
        }
        await tx.CommitAsync(ct);
        return outcomes;
    }

    static Task<int> AddToCountAsync(AppDbContext db, int pledgeId, TallyScope scope, int refId, int n, CancellationToken ct) =>
        db.PledgeTallies.Where(t => t.PledgeId == pledgeId && t.Scope == scope && t.RefId == refId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Signed, t => t.Signed + n), ct);

    /// One query for the batch's hashes, one bulk insert for the new signers (nothing is tracked). Throws a unique violation
    /// when the index refused (another node was faster); the caller then rolls back and goes one by one.
    static async Task ApplyFastAsync(AppDbContext db, IReadOnlyList<SignatureWrite> writes, List<int> items, Outcome<SignKind>[] outcomes, CancellationToken ct)
    {
        var pledgeId = writes[items[0]].PledgeId;
        var hashes = items.Select(i => writes[i].Hash).Distinct().ToList();
        var existing = new Dictionary<string, (Guid Id, SignatureStatus Status, int Resigns)>();
        foreach (var chunk in hashes.Chunk(500))
            foreach (var e in await db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == pledgeId && chunk.Contains(s.SignerHash))
                         .Select(s => new { s.Id, s.SignerHash, s.Status, s.Resigns }).ToListAsync(ct))
                existing[e.SignerHash] = (e.Id, e.Status, e.Resigns);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<int>();
        foreach (var i in items)
        {
            var w = writes[i];
            if (!seen.Add(w.Hash))
            {
                outcomes[i] = Refuse(SignRefusal.AlreadySigned)!; // the same person twice in one batch
                continue;
            }
            if (!existing.TryGetValue(w.Hash, out var e))
            {
                fresh.Add(i);
                continue;
            }
            if (e.Status != SignatureStatus.Withdrawn || e.Resigns != 0)
            {
                outcomes[i] = Refuse(e.Status == SignatureStatus.Withdrawn ? SignRefusal.ResignedOnce : SignRefusal.AlreadySigned)!;
                continue;
            }
            var resigned = await SignAgainAsync(db.PledgeSignatures.Where(s => s.Id == e.Id), w, ct);
            outcomes[i] = resigned == 1 ? (Outcome<SignKind>)SignKind.Resigned : Refuse(SignRefusal.AlreadySigned)!;
        }
        if (fresh.Count == 0) return;
        // Without change tracking (BulkRows: a prepared INSERT a row on SQLite, one COPY on PostgreSQL), through the same
        // converters as SaveChanges. A signer another node inserted meanwhile fails the unique index: the caller rolls the
        // pledge's part back and takes the slow path.
        await BulkRows.InsertAsync(db, fresh.Select(i => NewSignature(writes[i])).ToList(), ct);
        foreach (var i in fresh) outcomes[i] = SignKind.Signed;
    }

    /// A withdrawn signature signs again, once: the conditional UPDATE decides, whoever else tries at the same time.
    static Task<int> SignAgainAsync(IQueryable<PledgeSignature> signature, SignatureWrite w, CancellationToken ct) =>
        signature.Where(s => s.Status == SignatureStatus.Withdrawn && s.Resigns == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Active).SetProperty(x => x.Resigns, 1)
                .SetProperty(x => x.ConditionMin, w.Condition).SetProperty(x => x.ConditionScope, w.Scope)
                .SetProperty(x => x.OrganizationId, w.OrganizationId).SetProperty(x => x.UnitId, w.UnitId), ct);

    static PledgeSignature NewSignature(SignatureWrite w) => new()
    {
        Id = Guid.NewGuid(), PledgeId = w.PledgeId, SignerHash = w.Hash, SealedIdentity = w.SealedIdentity, OrganizationId = w.OrganizationId,
        UnitId = w.UnitId, ConditionMin = w.Condition, ConditionScope = w.Scope, Status = SignatureStatus.Active,
    };

    /// The slow path: one signature in its own savepoint (a double signature rolls back only itself). Counts are moved by
    /// the caller for the whole batch.
    static async Task<Outcome<SignKind>> ApplyOneAsync(AppDbContext db, Savepoint savepoint, SignatureWrite w, CancellationToken ct)
    {
        var resigned = await SignAgainAsync(db.PledgeSignatures.Where(s => s.PledgeId == w.PledgeId && s.SignerHash == w.Hash), w, ct);
        if (resigned == 1) return SignKind.Resigned;
        db.PledgeSignatures.Add(NewSignature(w));
        try
        {
            await db.SaveChangesAsync(ct);
            return SignKind.Signed;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await savepoint.RollbackAsync();
            db.ChangeTracker.Clear();
            var existing = await db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == w.PledgeId && s.SignerHash == w.Hash)
                .Select(s => new { s.Status, s.Resigns }).FirstOrDefaultAsync(ct);
            return Refuse(existing is { Status: SignatureStatus.Withdrawn } ? SignRefusal.ResignedOnce : SignRefusal.AlreadySigned)!;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
