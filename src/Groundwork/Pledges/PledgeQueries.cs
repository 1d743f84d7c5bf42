using Groundwork.Accounts;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

/// What a pledge shows: counts and status to anyone allowed to see it, the caller's own signature to the caller, and
/// the names only to organizers of an active pledge that said so from the start (audited).
public static class PledgeQueries
{
    /// The pledge as seen from organization <paramref name="orgId"/>: it must be one of the pledge's organizations.
    public static Task<Pledge?> FindAsync(AppDbContext db, int orgId, int pledgeId, CancellationToken ct) =>
        db.Pledges.AsNoTracking().Include(p => p.Organizations)
            .FirstOrDefaultAsync(p => p.Id == pledgeId && p.Organizations.Any(o => o.OrganizationId == orgId), ct);

    public static Task<Pledge?> FindPublicAsync(AppDbContext db, string slug, CancellationToken ct) =>
        string.IsNullOrEmpty(slug) || slug.Length > 64 ? Task.FromResult<Pledge?>(null)
        : db.Pledges.AsNoTracking().Include(p => p.Organizations)
            .FirstOrDefaultAsync(p => p.PublicSlug == slug && p.Eligibility == PledgeEligibility.Public, ct);

    public static async Task<List<PledgeSummary>> ListAsync(AppDbContext db, int orgId, CancellationToken ct)
    {
        var rows = await db.Pledges.AsNoTracking().Where(p => p.Organizations.Any(o => o.OrganizationId == orgId))
            .OrderByDescending(p => p.Id).Take(200)
            .Select(p => new
            {
                p.Id, p.Statement, p.Status, p.DeadlineUtc, p.WouldActNow, p.Eligibility,
                Total = db.PledgeTallies.Where(t => t.PledgeId == p.Id && t.Scope == TallyScope.Total).Select(t => new { t.Signed, t.Conditional }).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Select(r => new PledgeSummary(r.Id, r.Statement, r.Status, r.DeadlineUtc, r.Total?.Signed ?? 0,
            r.Total is { Conditional: 0 } ? r.Total.Signed : r.WouldActNow, r.Eligibility == PledgeEligibility.Public)).ToList();
    }

    public static Task<Dictionary<int, string>> OrganizationNamesAsync(AppDbContext db, Pledge p, CancellationToken ct)
    {
        var orgIds = p.Organizations.Select(o => o.OrganizationId).ToList();
        return db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public static async Task<IReadOnlyDictionary<int, (string Name, int OrganizationId)>> UnitNamesAsync(AppDbContext db, List<int> unitIds, CancellationToken ct)
    {
        var names = new Dictionary<int, (string, int)>();
        foreach (var chunk in unitIds.Chunk(500))
            foreach (var u in await db.Units.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.OrganizationId }).ToListAsync(ct))
                names[u.Id] = (u.Name, u.OrganizationId);
        return names;
    }

    /// Counts and status; the statement; never a signer.
    public static async Task<PledgeView> ViewAsync(AppDbContext db, Pledge p, Func<string, string> localize, CancellationToken ct)
    {
        var tallies = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == p.Id).ToListAsync(ct);
        var unitIds = tallies.Where(t => t.Scope == TallyScope.Unit).Select(t => t.RefId).ToList();
        return BuildView(p, tallies, await OrganizationNamesAsync(db, p, ct), await UnitNamesAsync(db, unitIds, ct), localize);
    }

    /// The view from rows already read. Small unit counts are hidden, and so are as many other counts as it takes that
    /// none of them can be worked out from the rest (<see cref="SmallCounts"/>).
    public static PledgeView BuildView(Pledge p, List<PledgeTally> tallies, IReadOnlyDictionary<int, string> orgNames,
        IReadOnlyDictionary<int, (string Name, int OrganizationId)> unitNames, Func<string, string> localize)
    {
        var orgIds = p.Organizations.Select(o => o.OrganizationId).ToList();
        var total = tallies.First(t => t.Scope == TallyScope.Total);
        var hidden = SmallCounts.Hidden(
            tallies.Where(t => t.Scope == TallyScope.Organization).ToDictionary(t => t.RefId, t => t.Signed),
            tallies.Where(t => t.Scope == TallyScope.Unit)
                .Select(t => new SmallCounts.UnitCount(t.RefId, unitNames.TryGetValue(t.RefId, out var u) ? u.OrganizationId : 0, t.Signed)).ToList());
        string? UnitName(int id) => unitNames.TryGetValue(id, out var u) ? u.Name : null;
        var views = tallies.OrderBy(t => t.Scope).ThenBy(t => t.Scope == TallyScope.Organization ? orgNames.GetValueOrDefault(t.RefId) : UnitName(t.RefId))
            .Select(t =>
            {
                var small = t.Scope == TallyScope.Unit && !PledgePermissions.ShowsExactCount(t.Scope, t.Signed);
                var exact = !hidden.Contains((t.Scope, t.RefId));
                var name = t.Scope switch
                {
                    TallyScope.Total => localize("All signers"),
                    TallyScope.Organization => orgNames.GetValueOrDefault(t.RefId) ?? "",
                    _ => UnitName(t.RefId) ?? "",
                };
                var hasTarget = t.TargetCount is not null || t.TargetPercent is not null;
                return new TallyView(t.Scope, t.RefId, name, exact ? t.Signed : null,
                    exact ? t.Signed.ToString(System.Globalization.CultureInfo.CurrentCulture) : small ? localize("fewer than 5") : localize("not shown"),
                    t.Eligible, t.TargetCount, t.TargetPercent, hasTarget && exact ? Thresholds.Meets(t, t.Signed) : null,
                    exact ? t.FollowedThrough : 0);
            }).ToList();
        var targets = tallies.Where(t => t.TargetCount is not null || t.TargetPercent is not null).ToList();
        var would = p.Status == PledgeStatus.Active ? p.ActiveSigners : total.Conditional == 0 ? total.Signed : Math.Min(p.WouldActNow, total.Signed);
        return new PledgeView(p.Id, p.OrganizationId, p.Statement, p.Status, p.Eligibility, p.RevealNames, p.DeadlineUtc, p.ActionUtc,
            p.CreatedUtc, p.ActivatedUtc, total.Signed, total.Eligible, would, targets.Count(t => Thresholds.Meets(t, t.Signed)), targets.Count,
            total.FollowedThrough,
            orgIds.Select(o => new PledgeOrganizationView(o, orgNames.GetValueOrDefault(o) ?? "")).ToList(), views, p.PublicSlug,
            p.Status == PledgeStatus.Active ? p.ActivationMessage : null);
    }

    public static async Task<MySignatureView> MySignatureAsync(AppDbContext db, SealedKeys keys, Pledge p, string personId, CancellationToken ct)
    {
        if (keys.Find(p.KeyName) is not { } key) return new MySignatureView(false, null, null, null, false, false, false, null);
        var hash = SignerIdentity.Hash(key, SignerIdentity.Person(personId));
        var s = await db.PledgeSignatures.AsNoTracking().FirstOrDefaultAsync(x => x.PledgeId == p.Id && x.SignerHash == hash, ct);
        return s is null ? new MySignatureView(false, null, null, null, false, false, false, null)
            : new MySignatureView(s.Status == SignatureStatus.Active, s.Status, s.ConditionMin, s.ConditionMin is null ? null : s.ConditionScope,
                s.Status == SignatureStatus.Withdrawn && s.Resigns == 0 && p.Status == PledgeStatus.Gathering, s.Bound, s.FollowedThrough, s.UnitId);
    }

    /// The names of the bound signers, for organizers of an active pledge that said so from the start; the reveal is
    /// audited.
    public static async Task<Outcome<List<SignerView>>> SignersAsync(AppDbContext db, SealedKeys keys, Pledge p, Membership? me, DateTime now, CancellationToken ct)
    {
        if (!PledgePermissions.CanSeeNames(p, me))
            return Failure.Forbidden(p.Status == PledgeStatus.Active ? "This pledge said from the start that organizers see only the count." : "Signers stay sealed until the pledge activates.");
        if (keys.Find(p.KeyName) is not { } key) return Failure.Conflict("The signatures of this pledge can no longer be read.");
        var sealedIds = await db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == p.Id && s.Bound).Select(s => s.SealedIdentity).ToListAsync(ct);
        var identities = sealedIds.Select(s => SealedKeys.Open(key, s, p.SealContext)).ToList();
        var personIds = identities.Where(i => i.StartsWith("person:", StringComparison.Ordinal)).Select(i => i[7..]).ToList();
        var names = await DisplayNames.LoadAsync(db, personIds, ct);
        var list = identities.Select(i => i.StartsWith("person:", StringComparison.Ordinal)
                ? new SignerView(i[7..], names.Find(i[7..]) ?? "")
                : new SignerView("", i[6..]))
            .OrderBy(s => s.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
        db.Record(now, PledgeActions.NamesRevealed, me!.PersonId, me.OrganizationId, detail: $"pledge {p.Id}: {list.Count} names");
        await db.SaveChangesAsync(ct);
        return list;
    }

    /// The bound signers not yet told, opened for telling them. Only called for an active pledge.
    public static async Task<List<(Guid Id, string Identity)>> UntoldAsync(AppDbContext db, SealedKeys keys, int pledgeId, CancellationToken ct)
    {
        if (keys.Find(Pledge.KeyNameOf(pledgeId)) is not { } key) return [];
        var rows = await db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == pledgeId && s.Bound && !s.Told)
            .Select(s => new { s.Id, s.SealedIdentity }).ToListAsync(ct);
        var context = Pledge.SealContextOf(pledgeId);
        return rows.Select(r => (r.Id, SealedKeys.Open(key, r.SealedIdentity, context))).ToList();
    }
}
