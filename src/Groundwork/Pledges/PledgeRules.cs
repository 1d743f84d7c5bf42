using System.Security.Cryptography;
using System.Text;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

public static class PledgeActions
{
    public const string Created = "pledge-created";
    public const string Cancelled = "pledge-cancelled";
    public const string Expired = "pledge-expired";
    public const string Activated = "pledge-activated";
    public const string NamesRevealed = "pledge-names-revealed";
}

public enum SignKind { Signed, Resigned }

public sealed record SignResult(SignKind Kind, bool Activated, PledgeSnapshot? After = null);

/// Load → decide → save for pledges. Nothing here opens a sealed identity except activation (to tell the bound signers)
/// and the organizers' names list of an active pledge that said so from the start.
public static class PledgeRules
{
    static readonly TimeSpan MaxAhead = TimeSpan.FromDays(2 * 366);

    // SQLite has one writer at a time. Left to its busy handler, many concurrent signers sleep and retry in steps of
    // up to 100 ms; queueing them here, in process, hands the write lock on without sleeping. (SQLite is single-node;
    // PostgreSQL orders concurrent writers with its row locks instead.)
    static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    sealed class Write(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, SemaphoreSlim? gate) : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);
        public Task RollbackAsync(CancellationToken ct) => tx.RollbackAsync(ct);
        public Task SavepointAsync(string name, CancellationToken ct) => tx.CreateSavepointAsync(name, ct);
        public Task RollbackToAsync(string name, CancellationToken ct) => tx.RollbackToSavepointAsync(name, ct);

        public async ValueTask DisposeAsync()
        {
            try { await tx.DisposeAsync(); }
            finally { gate?.Release(); }
        }
    }

    static async Task<Write> BeginWriteAsync(AppDbContext db, CancellationToken ct)
    {
        SemaphoreSlim? gate = null;
        if (db.Database.IsSqlite())
        {
            await SqliteWriter.WaitAsync(ct);
            gate = SqliteWriter;
        }
        try
        {
            return new Write(await db.Database.BeginTransactionAsync(ct), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    public static string SignerHash(byte[] key, string identity) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(identity)));

    public static string PersonIdentity(string personId) => "person:" + personId;
    public static string EmailIdentity(string email) => "email:" + NormalizeEmail(email);
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    static DateTime Utc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Utc => d,
        DateTimeKind.Local => d.ToUniversalTime(),
        _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };

    // ---------------------------------------------------------------- create

    public static async Task<Outcome<Pledge>> CreateAsync(AppDbContext db, SealedKeys keys, int orgId, string actorId,
        CreatePledgeInput input, DateTime now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Statement) || input.Statement.Trim().Length < 3)
            return Failure.Invalid("Write what signers commit to, in at least 3 characters.", "statement");
        if (input.Statement.Trim().Length > 2000) return Failure.Invalid("Write what signers commit to in at most 2000 characters.", "statement");
        if ((input.ActivationMessage?.Length ?? 0) > 4000) return Failure.Invalid("The activation message is at most 4000 characters.", "activationMessage");
        static bool Bad(int? n, int max) => n is { } v && (v < 1 || v > max);
        if (Bad(input.MinSigners, 10_000_000)) return Failure.Invalid("The number of signers is between 1 and 10,000,000.", "minSigners");
        if (Bad(input.SharePercent, 100)) return Failure.Invalid("A share is between 1 and 100 percent.", "sharePercent");
        if (Bad(input.PerUnitTarget, 10_000_000)) return Failure.Invalid("A target is between 1 and 10,000,000 signers.", "perUnitTarget");
        if (Bad(input.PerOrganizationTarget, 10_000_000)) return Failure.Invalid("A target is between 1 and 10,000,000 signers.", "perOrganizationTarget");
        if ((input.Targets ?? []).Any(t => t is null || Bad(t.Count, 10_000_000) || Bad(t.Percent, 100)))
            return Failure.Invalid("Each target gives a number of signers, a share of the eligible, or both.", "targets");
        if (input.Deadline is not { } rawDeadline) return Failure.Invalid("Give a deadline.", "deadline");
        var deadline = Utc(rawDeadline);
        if (deadline <= now.AddMinutes(1) || deadline > now + MaxAhead)
            return Failure.Invalid("The deadline must be in the future, at most two years ahead.", "deadline");
        DateTime? action = input.ActionDate is { } a ? Utc(a) : null;
        if (action is { } ad && (ad < now || ad > now + MaxAhead + MaxAhead))
            return Failure.Invalid("The action date must be in the future.", "actionDate");
        if (!Enum.IsDefined(input.Eligibility)) return Failure.Invalid("Say who may sign: Members, Units or Public.", "eligibility");
        if (!Enum.IsDefined(input.ShareOf)) return Failure.Invalid("A share is of the Total, each Organization or each Unit.", "shareOf");
        if ((input.OrganizationIds ?? []).Any(i => i <= 0) || (input.UnitIds ?? []).Any(i => i <= 0))
            return Failure.Invalid("Organization and unit ids are positive numbers.", "organizationIds");

        var orgIds = new List<int> { orgId };
        orgIds.AddRange((input.OrganizationIds ?? []).Where(i => i != orgId).Distinct());
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToListAsync(ct);
        if (orgs.Count != orgIds.Count) return Failure.Invalid("One of the organizations does not exist.", "organizationIds");

        // The creator runs every organization, itself or through an ancestor.
        var runs = (await db.Memberships.AsNoTracking().Include(m => m.OrganizerScopes)
                .Where(m => m.PersonId == actorId && m.Status == MembershipStatus.Active).ToListAsync(ct))
            .Where(PledgePermissions.RunsWholeOrganization).Select(m => m.OrganizationId).ToHashSet();
        var chains = new Dictionary<int, IReadOnlyList<int>>();
        foreach (var o in orgs)
        {
            var chain = new List<int> { o.Id };
            var parent = o.ParentId;
            while (parent is { } pid && chain.Count < 64 && !chain.Contains(pid))
            {
                chain.Add(pid);
                parent = await db.Organizations.AsNoTracking().Where(x => x.Id == pid).Select(x => x.ParentId).FirstOrDefaultAsync(ct);
            }
            chains[o.Id] = chain;
        }
        if (!PledgePermissions.MayCreateAcross(orgIds, chains, runs))
            return Failure.Invalid("You may include only organizations you organize, or whose federation you organize.", "organizationIds");

        var eligibility = input.Eligibility;
        var orgUnits = await db.Units.AsNoTracking().Where(u => orgIds.Contains(u.OrganizationId)).Select(u => new { u.Id, u.OrganizationId }).ToListAsync(ct);
        List<int> unitIds;
        if (eligibility == PledgeEligibility.Units)
        {
            unitIds = (input.UnitIds ?? []).Distinct().ToList();
            if (unitIds.Count == 0) return Failure.Invalid("Choose the units whose members may sign.", "unitIds");
            if (unitIds.Any(u => orgUnits.All(x => x.Id != u))) return Failure.Invalid("A unit is not part of the pledge's organizations.", "unitIds");
        }
        else
        {
            if (input.UnitIds is { Length: > 0 }) return Failure.Invalid("Units are chosen only when members of some units may sign.", "unitIds");
            unitIds = eligibility == PledgeEligibility.Members ? orgUnits.Select(u => u.Id).ToList() : [];
        }
        if (eligibility == PledgeEligibility.Public)
        {
            if (orgs.Any(o => o.Visibility == Visibility.Secret))
                return Failure.Invalid("A public pledge cannot belong to a secret organization: its page would show it.", "eligibility");
            if (input.SharePercent is not null || input.PerUnitTarget is not null || input.PerOrganizationTarget is not null || input.Targets is { Length: > 0 })
                return Failure.Invalid("A public pledge has no eligible list or units: give a number of signers.", "minSigners");
        }

        var tallies = new Dictionary<(TallyScope, int), PledgeTally>();
        PledgeTally Row(TallyScope s, int refId) =>
            tallies.TryGetValue((s, refId), out var t) ? t : tallies[(s, refId)] = new PledgeTally { Scope = s, RefId = refId };
        var total = Row(TallyScope.Total, 0);
        total.Open = true;
        foreach (var o in orgIds) Row(TallyScope.Organization, o);
        foreach (var u in unitIds) Row(TallyScope.Unit, u);

        total.TargetCount = input.MinSigners;
        if (input.SharePercent is { } share)
            foreach (var t in tallies.Values.Where(t => t.Scope == input.ShareOf)) t.TargetPercent = share;
        if (input.PerUnitTarget is { } perUnit)
        {
            if (unitIds.Count == 0) return Failure.Invalid("The organizations have no units to set a target for.", "perUnitTarget");
            foreach (var t in tallies.Values.Where(t => t.Scope == TallyScope.Unit)) t.TargetCount = perUnit;
        }
        if (input.PerOrganizationTarget is { } perOrg)
            foreach (var t in tallies.Values.Where(t => t.Scope == TallyScope.Organization)) t.TargetCount = perOrg;
        foreach (var target in input.Targets ?? [])
        {
            if (target is null || (target.UnitId is null) == (target.OrganizationId is null))
                return Failure.Invalid("Each target names one unit or one organization.", "targets");
            if (target.Count is null && target.Percent is null)
                return Failure.Invalid("Each target gives a number of signers, a share of the eligible, or both.", "targets");
            var key = target.UnitId is { } tu ? (TallyScope.Unit, tu) : (TallyScope.Organization, target.OrganizationId!.Value);
            if (!tallies.TryGetValue(key, out var row)) return Failure.Invalid("A target names a unit or organization outside the pledge.", "targets");
            row.TargetCount = target.Count ?? row.TargetCount;
            row.TargetPercent = target.Percent ?? row.TargetPercent;
        }
        if (!tallies.Values.Any(t => t.TargetCount is not null || t.TargetPercent is not null))
            return Failure.Invalid("Give a threshold: a number of signers, a share of the eligible, or targets per unit or organization.", "minSigners");

        var pledge = new Pledge
        {
            OrganizationId = orgId, Statement = input.Statement.Trim(), ActivationMessage = (input.ActivationMessage ?? "").Trim(),
            Eligibility = eligibility, RevealNames = input.RevealNames, DeadlineUtc = deadline, ActionUtc = action,
            Status = PledgeStatus.Gathering, CreatedById = actorId, CreatedUtc = now,
            PublicSlug = eligibility == PledgeEligibility.Public ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) : null,
            Organizations = orgIds.Select(o => new PledgeOrganization { OrganizationId = o }).ToList(),
        };
        await using var tx = await BeginWriteAsync(db, ct);
        db.Pledges.Add(pledge);
        await db.SaveChangesAsync(ct);
        if (eligibility == PledgeEligibility.Units)
            db.PledgeUnits.AddRange(unitIds.Select(u => new PledgeUnit { PledgeId = pledge.Id, UnitId = u }));
        foreach (var t in tallies.Values) t.PledgeId = pledge.Id;
        await FillEligibleAsync(db, pledge, tallies.Values.ToList(), ct);
        db.PledgeTallies.AddRange(tallies.Values);
        db.Record(now, PledgeActions.Created, actorId, orgId, detail: $"pledge {pledge.Id}");
        await db.SaveChangesAsync(ct);
        keys.GetOrCreate(pledge.KeyName); // before commit: a pledge without its key never exists
        await tx.CommitAsync(ct);
        return pledge;
    }

    /// Eligible counts from active memberships: per organization, per unit (memberships placed there), and in total
    /// (people, once each, even when they belong to several of the organizations).
    static async Task FillEligibleAsync(AppDbContext db, Pledge pledge, List<PledgeTally> tallies, CancellationToken ct)
    {
        if (pledge.Eligibility == PledgeEligibility.Public) return;
        var orgIds = pledge.Organizations.Select(o => o.OrganizationId).ToList();
        var unitIds = tallies.Where(t => t.Scope == TallyScope.Unit).Select(t => t.RefId).ToList();
        var active = db.Memberships.AsNoTracking().Where(m => orgIds.Contains(m.OrganizationId) && m.Status == MembershipStatus.Active);
        if (pledge.Eligibility == PledgeEligibility.Units) active = active.Where(m => m.Placements.Any(p => unitIds.Contains(p.UnitId)));
        var perOrg = await active.GroupBy(m => m.OrganizationId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var people = await active.Select(m => m.PersonId).Distinct().CountAsync(ct);
        var perUnit = await db.UnitPlacements.AsNoTracking()
            .Where(p => unitIds.Contains(p.UnitId) && db.Memberships.Any(m => m.Id == p.MembershipId && m.Status == MembershipStatus.Active && orgIds.Contains(m.OrganizationId)))
            .GroupBy(p => p.UnitId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        foreach (var t in tallies)
            t.Eligible = t.Scope switch
            {
                TallyScope.Total => people,
                TallyScope.Organization => perOrg.GetValueOrDefault(t.RefId),
                _ => perUnit.GetValueOrDefault(t.RefId),
            };
    }

    /// Refreshes the eligible snapshot of a gathering pledge (the sweeper does this; memberships change slowly).
    public static async Task RefreshEligibleAsync(AppDbContext db, int pledgeId, CancellationToken ct)
    {
        var pledge = await db.Pledges.AsNoTracking().Include(p => p.Organizations).FirstOrDefaultAsync(p => p.Id == pledgeId, ct);
        if (pledge is null || pledge.Status != PledgeStatus.Gathering) return;
        var tallies = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == pledgeId).ToListAsync(ct);
        var before = tallies.ToDictionary(t => (t.Scope, t.RefId), t => t.Eligible);
        await FillEligibleAsync(db, pledge, tallies, ct);
        foreach (var t in tallies.Where(t => before[(t.Scope, t.RefId)] != t.Eligible))
            await db.PledgeTallies.Where(x => x.PledgeId == pledgeId && x.Scope == t.Scope && x.RefId == t.RefId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Eligible, t.Eligible), ct);
    }

    // ---------------------------------------------------------------- read

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
        var hash = SignerHash(key, PersonIdentity(personId));
        var s = await db.PledgeSignatures.AsNoTracking().FirstOrDefaultAsync(x => x.PledgeId == p.Id && x.SignerHash == hash, ct);
        return s is null ? new MySignatureView(false, null, null, null, false, false, false, null)
            : new MySignatureView(s.Status == SignatureStatus.Active, s.Status, s.ConditionMin, s.ConditionMin is null ? null : s.ConditionScope,
                s.Status == SignatureStatus.Withdrawn && s.Resigns == 0 && p.Status == PledgeStatus.Gathering, s.Bound, s.FollowedThrough, s.UnitId);
    }

    // ---------------------------------------------------------------- sign and withdraw

    /// A member signs. The pledge, its units and key come from memory (a few seconds old at most; the guarded total row
    /// refuses a signature once the pledge stops gathering, whatever the memory says); the caller's memberships are read
    /// fresh. The answer carries the counts right after the batch that wrote the signature.
    public static async Task<Outcome<SignResult>> SignAsync(AppDbContext db, SealedKeys keys, PledgeSignQueue queue, int orgId, int pledgeId, string personId,
        SignPledgeInput input, DateTime now, CancellationToken ct, Membership? known = null)
    {
        var info = await queue.Pledges.GetAsync(db, pledgeId, ct);
        if (info is null || !info.Pledge.Organizations.Any(o => o.OrganizationId == orgId)) return Failure.NotFound();
        var p = info.Pledge;
        if (p.Eligibility == PledgeEligibility.Public)
            return Failure.Conflict("A public pledge is signed on its public page, with an email address.");
        if (Refuse(p.CanSign(now)) is { } refused) return refused;
        if (!Enum.IsDefined(input.Scope)) return Failure.Invalid("A condition counts others in the Pledge or in your Unit.", "scope");

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
            if (others < 1) return Failure.Invalid("A condition counts at least 1 other signer.", "atLeastOthers");
            if (input.Scope == ConditionScope.Unit && unitId is null)
                return Failure.Invalid("You are not placed in one of the pledge's units, so a condition on your unit cannot be met.", "scope");
            var (scope, refId) = input.Scope == ConditionScope.Unit ? (TallyScope.Unit, unitId!.Value) : (TallyScope.Total, 0);
            var eligible = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == p.Id && t.Scope == scope && t.RefId == refId)
                .Select(t => t.Eligible).FirstOrDefaultAsync(ct);
            if (others > eligible - 1)
                return Failure.Invalid($"That condition cannot be met: at most {Math.Max(0, eligible - 1)} others can sign.", "atLeastOthers");
        }
        if (keys.FindRecent(p.KeyName, KeyMemory) is not { } key) return Refuse(SignRefusal.NotGathering)!;
        var hash = SignerHash(key, PersonIdentity(personId));
        var sealedId = SealedKeys.Seal(key, PersonIdentity(personId), p.SealContext);
        var (outcome, after) = await queue.WriteAsync(new SignatureWrite(p.Id, hash, sealedId, membership.OrganizationId, unitId, input.AtLeastOthers, input.Scope), ct);
        if (!outcome.Ok) return outcome.Failure!;
        return new SignResult(outcome.Value, after?.Pledge.Status == PledgeStatus.Active, after);
    }

    /// How long the signing path keeps a pledge's key in memory after reading its file (see <see cref="SealedKeys.FindRecent"/>).
    public static readonly TimeSpan KeyMemory = TimeSpan.FromSeconds(5);

    static Failure? Refuse(SignRefusal? r) => r switch
    {
        null => null,
        SignRefusal.NotGathering => Failure.Conflict("This pledge is no longer gathering signatures."),
        SignRefusal.PastDeadline => Failure.Conflict("The deadline of this pledge has passed."),
        SignRefusal.NotEligible => Failure.Forbidden("You are not among the people who may sign this pledge."),
        SignRefusal.AlreadySigned => Failure.Conflict("You have already signed this pledge."),
        SignRefusal.ResignedOnce => Failure.Conflict("You have already signed again once after withdrawing; you cannot sign a third time."),
        _ => Failure.Invalid("That condition cannot be met."),
    };

    /// A batch of signatures in one transaction (see <see cref="PledgeSignQueue"/>). Per pledge: the batch's signer
    /// hashes are looked up in one query; a new signer is inserted (all of them in one bulk insert), a withdrawn one signs
    /// again once by a conditional UPDATE, anyone else is refused; then each count row moves once for the whole batch, the
    /// total last and only where it is still Open (otherwise the pledge stopped gathering: its part of the batch is rolled
    /// back to its savepoint and refused). The unique index on (pledge, signer hash) still decides: if another node inserted
    /// one of these signers meanwhile, the pledge's part is rolled back and written again one savepoint per signature.
    internal static async Task<Outcome<SignKind>[]> ApplySignaturesAsync(AppDbContext db, IReadOnlyList<SignatureWrite> writes, CancellationToken ct)
    {
        var outcomes = new Outcome<SignKind>[writes.Count];
        await using var tx = await BeginWriteAsync(db, ct);
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
                for (var k = 0; k < items.Count; k++)
                {
                    var name = savepoint + "s" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await tx.SavepointAsync(name, ct);
                    outcomes[items[k]] = await ApplyOneAsync(db, () => tx.RollbackToAsync(name, ct), writes[items[k]], ct);
                }
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
            var resigned = await db.PledgeSignatures
                .Where(s => s.Id == e.Id && s.Status == SignatureStatus.Withdrawn && s.Resigns == 0)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Active).SetProperty(x => x.Resigns, 1)
                    .SetProperty(x => x.ConditionMin, w.Condition).SetProperty(x => x.ConditionScope, w.Scope)
                    .SetProperty(x => x.OrganizationId, w.OrganizationId).SetProperty(x => x.UnitId, w.UnitId), ct);
            outcomes[i] = resigned == 1 ? (Outcome<SignKind>)SignKind.Resigned : Refuse(SignRefusal.AlreadySigned)!;
        }
        if (fresh.Count == 0) return;
        // Without change tracking (BulkRows: a prepared INSERT a row on SQLite, one COPY on PostgreSQL), through the same
        // converters as SaveChanges. A signer another node inserted meanwhile fails the unique index: the caller rolls the
        // pledge's part back and takes the slow path.
        await BulkRows.InsertAsync(db, fresh.Select(i => NewSignature(writes[i])).ToList(), ct);
        foreach (var i in fresh) outcomes[i] = SignKind.Signed;
    }

    static PledgeSignature NewSignature(SignatureWrite w) => new()
    {
        Id = Guid.NewGuid(), PledgeId = w.PledgeId, SignerHash = w.Hash, SealedIdentity = w.SealedIdentity, OrganizationId = w.OrganizationId,
        UnitId = w.UnitId, ConditionMin = w.Condition, ConditionScope = w.Scope, Status = SignatureStatus.Active,
    };

    /// The slow path: one signature in its own savepoint (a double signature rolls back only itself). Counts are moved by
    /// the caller for the whole batch.
    static async Task<Outcome<SignKind>> ApplyOneAsync(AppDbContext db, Func<Task> rollbackToSavepoint, SignatureWrite w, CancellationToken ct)
    {
        var resigned = await db.PledgeSignatures
            .Where(s => s.PledgeId == w.PledgeId && s.SignerHash == w.Hash && s.Status == SignatureStatus.Withdrawn && s.Resigns == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Active).SetProperty(x => x.Resigns, 1)
                .SetProperty(x => x.ConditionMin, w.Condition).SetProperty(x => x.ConditionScope, w.Scope)
                .SetProperty(x => x.OrganizationId, w.OrganizationId).SetProperty(x => x.UnitId, w.UnitId), ct);
        if (resigned == 1) return SignKind.Resigned;
        db.PledgeSignatures.Add(NewSignature(w));
        try
        {
            await db.SaveChangesAsync(ct);
            return SignKind.Signed;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await rollbackToSavepoint();
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

    public static async Task<Outcome<bool>> WithdrawAsync(AppDbContext db, SealedKeys keys, int orgId, int pledgeId, string personId, CancellationToken ct)
    {
        var p = await FindAsync(db, orgId, pledgeId, ct);
        if (p is null) return Failure.NotFound();
        if (p.Status != PledgeStatus.Gathering) return Failure.Conflict("The pledge is no longer gathering: a signature can be withdrawn only until it activates.");
        if (keys.Find(p.KeyName) is not { } key) return Failure.Conflict("This pledge is no longer gathering signatures.");
        var hash = SignerHash(key, PersonIdentity(personId));
        var row = await db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == p.Id && s.SignerHash == hash && s.Status == SignatureStatus.Active)
            .Select(s => new { s.Id, s.OrganizationId, s.UnitId, s.ConditionMin }).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.NotFound("You have not signed this pledge.");
        await using var tx = await BeginWriteAsync(db, ct);
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
        return true;
    }

    // ---------------------------------------------------------------- public pledges

    /// Always the same answer, whether or not the address has signed already, so the form tells nobody who signed.
    public static async Task<Outcome<(string Token, string Email)?>> RequestPublicSignatureAsync(AppDbContext db, SealedKeys keys, string slug,
        PublicSignInput input, DateTime now, CancellationToken ct)
    {
        var p = await FindPublicAsync(db, slug, ct);
        if (p is null) return Failure.NotFound();
        if (Refuse(p.CanSign(now)) is { } refused) return refused;
        var email = NormalizeEmail(input.Email ?? "");
        if (email.Length is < 3 or > 254 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
            return Failure.Invalid("Enter a valid email address.", "email");
        if (input.AtLeastOthers is { } n && (n < 1 || n > 10_000_000)) return Failure.Invalid("That condition cannot be met.", "atLeastOthers");
        if (keys.Find(p.KeyName) is not { } key) return Refuse(SignRefusal.NotGathering)!;
        var hash = SignerHash(key, EmailIdentity(email));
        if (await db.PledgeSignatures.AnyAsync(s => s.PledgeId == p.Id && s.SignerHash == hash, ct)) return ((string, string)?)null;
        var token = "gwp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        // The expiry is rounded up to the hour so that it does not record when the address was entered.
        var expires = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc).AddHours(25);
        await using var tx = await BeginWriteAsync(db, ct);
        await db.PledgeEmailConfirmations.Where(c => c.PledgeId == p.Id && c.SignerHash == hash).ExecuteDeleteAsync(ct);
        db.PledgeEmailConfirmations.Add(new PledgeEmailConfirmation
        {
            PledgeId = p.Id, TokenHash = TokenHash(token), SignerHash = hash, SealedEmail = SealedKeys.Seal(key, EmailIdentity(email), p.SealContext),
            ConditionMin = input.AtLeastOthers, ExpiresUtc = expires,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return ((string, string)?)null; // a concurrent request for the same address: that one's link counts
        }
        await tx.CommitAsync(ct);
        return (token, email);
    }

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<Outcome<Pledge>> ConfirmPublicSignatureAsync(AppDbContext db, SealedKeys keys, PledgeSignQueue queue, string token, DateTime now, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return Failure.NotFound("This confirmation link is not valid or has expired.");
        var th = TokenHash(token);
        var c = await db.PledgeEmailConfirmations.AsNoTracking().FirstOrDefaultAsync(x => x.TokenHash == th, ct);
        if (c is null || c.ExpiresUtc <= now) return Failure.NotFound("This confirmation link is not valid or has expired.");
        var p = await db.Pledges.AsNoTracking().Include(x => x.Organizations).FirstAsync(x => x.Id == c.PledgeId, ct);
        if (Refuse(p.CanSign(now)) is { } refused) return refused;
        var gone = await db.PledgeEmailConfirmations.Where(x => x.Id == c.Id).ExecuteDeleteAsync(ct);
        if (gone == 0) return Failure.NotFound("This confirmation link is not valid or has expired.");
        var (r, _) = await queue.WriteAsync(new SignatureWrite(p.Id, c.SignerHash, c.SealedEmail, null, null, c.ConditionMin, ConditionScope.Pledge), ct);
        return r.Ok ? p : r.Failure!;
    }

    // ---------------------------------------------------------------- cancel, expire

    public static async Task<Outcome<Pledge>> CancelAsync(AppDbContext db, SealedKeys keys, int orgId, int pledgeId, Membership? me, DateTime now, CancellationToken ct)
    {
        var p = await FindAsync(db, orgId, pledgeId, ct);
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
        await using (var tx = await BeginWriteAsync(db, ct))
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

    // ---------------------------------------------------------------- activation

    sealed record SignerRow(Guid Id, int? OrganizationId, int? UnitId, int? ConditionMin, ConditionScope Scope);

    /// The signers the conditions resolve to, and the counts per tally row they give.
    static (List<Guid> Bound, Func<PledgeTally, int> Count) ResolveGroup(List<SignerRow> rows)
    {
        var (stays, _) = ConditionResolver.Resolve(rows.Select(r => new SignerCondition(r.UnitId, r.ConditionMin, r.Scope)).ToList());
        var bound = new List<Guid>();
        var perOrg = new Dictionary<int, int>();
        var perUnit = new Dictionary<int, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!stays[i]) continue;
            bound.Add(rows[i].Id);
            if (rows[i].OrganizationId is { } o) perOrg[o] = perOrg.GetValueOrDefault(o) + 1;
            if (rows[i].UnitId is { } u) perUnit[u] = perUnit.GetValueOrDefault(u) + 1;
        }
        var total = bound.Count;
        return (bound, t => t.Scope switch
        {
            TallyScope.Total => total,
            TallyScope.Organization => perOrg.GetValueOrDefault(t.RefId),
            _ => perUnit.GetValueOrDefault(t.RefId),
        });
    }

    static Task<List<SignerRow>> ActiveSignersAsync(AppDbContext db, int pledgeId, CancellationToken ct) =>
        db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == pledgeId && s.Status == SignatureStatus.Active)
            .Select(s => new SignerRow(s.Id, s.OrganizationId, s.UnitId, s.ConditionMin, s.ConditionScope)).ToListAsync(ct);

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
            var (_, count) = ResolveGroup(await ActiveSignersAsync(db, pledgeId, ct));
            if (!Thresholds.AllMet(tallies, count)) return false;
        }
        await using var tx = await BeginWriteAsync(db, ct);
        var closed = await db.PledgeTallies.Where(t => t.PledgeId == pledgeId && t.Scope == TallyScope.Total && t.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Open, false), ct);
        if (closed == 0) return false;
        // Under the lock on the total row nobody signs or withdraws: decide again on what is there now.
        tallies = await db.PledgeTallies.AsNoTracking().Where(t => t.PledgeId == pledgeId).ToListAsync(ct);
        var (bound, counted) = ResolveGroup(await ActiveSignersAsync(db, pledgeId, ct));
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
        var (bound, _) = ResolveGroup(await ActiveSignersAsync(db, pledgeId, ct));
        await db.Pledges.Where(p => p.Id == pledgeId && p.Status == PledgeStatus.Gathering)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.WouldActNow, bound.Count), ct);
    }

    // ---------------------------------------------------------------- after activation

    public static async Task<Outcome<bool>> ReportFollowThroughAsync(AppDbContext db, SealedKeys keys, int orgId, int pledgeId, string personId, DateTime now, CancellationToken ct)
    {
        var p = await FindAsync(db, orgId, pledgeId, ct);
        if (p is null) return Failure.NotFound();
        if (!PledgePermissions.CanReportFollowThrough(p, now))
            return Failure.Conflict(p.Status == PledgeStatus.Active ? "Follow-through can be reported from the action date on." : "Only an active pledge has follow-through.");
        if (keys.Find(p.KeyName) is not { } key) return Failure.Conflict("Only an active pledge has follow-through.");
        var hash = SignerHash(key, PersonIdentity(personId));
        var row = await db.PledgeSignatures.AsNoTracking().Where(s => s.PledgeId == p.Id && s.SignerHash == hash && s.Bound)
            .Select(s => new { s.Id, s.OrganizationId, s.UnitId, s.FollowedThrough }).FirstOrDefaultAsync(ct);
        if (row is null) return Failure.Forbidden("Only the signers the pledge activated with can report follow-through.");
        await using var tx = await BeginWriteAsync(db, ct);
        var changed = await db.PledgeSignatures.Where(s => s.Id == row.Id && !s.FollowedThrough)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.FollowedThrough, true), ct);
        if (changed == 0) return Failure.Conflict("You have already reported that you did it.");
        await db.PledgeTallies.Where(t => t.PledgeId == p.Id && (t.Scope == TallyScope.Total
                || (t.Scope == TallyScope.Organization && t.RefId == row.OrganizationId) || (t.Scope == TallyScope.Unit && t.RefId == row.UnitId)))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.FollowedThrough, t => t.FollowedThrough + 1), ct);
        await tx.CommitAsync(ct);
        return true;
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
        var names = new Dictionary<string, string>();
        foreach (var chunk in personIds.Chunk(500))
            foreach (var u in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                names[u.Id] = u.DisplayName ?? "";
        var list = identities.Select(i => i.StartsWith("person:", StringComparison.Ordinal)
                ? new SignerView(i[7..], names.GetValueOrDefault(i[7..]) ?? "")
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

/// Targets as pure rules: a row meets its target when its count reaches the number and the share of its eligible.
public static class Thresholds
{
    public static bool Meets(PledgeTally t, int count) =>
        (t.TargetCount is not { } n || count >= n)
        && (t.TargetPercent is not { } pct
            // Nobody eligible: a unit with no members does not block, but the whole pledge needs someone.
            || (t.Eligible == 0 ? t.Scope != TallyScope.Total : (long)count * 100 >= (long)pct * t.Eligible));

    public static bool AllMet(IEnumerable<PledgeTally> tallies, Func<PledgeTally, int> count)
    {
        var any = false;
        foreach (var t in tallies)
        {
            if (t.TargetCount is null && t.TargetPercent is null) continue;
            any = true;
            if (!Meets(t, count(t))) return false;
        }
        return any;
    }
}
