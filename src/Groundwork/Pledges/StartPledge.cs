using System.Security.Cryptography;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

/// An organizer starts a pledge. The input's own limits are its attributes (checked before this is called, by the API
/// and by the page alike); what is decided here needs the database or the clock: the deadline, who may be included,
/// the units and targets, and the eligible counts.
public static class StartPledge
{
    static readonly TimeSpan MaxAhead = TimeSpan.FromDays(2 * 366);

    public static async Task<Outcome<Pledge>> CreateAsync(AppDbContext db, SealedKeys keys, int orgId, string actorId,
        CreatePledgeInput input, DateTime now, CancellationToken ct)
    {
        // Times arrive in UTC (the API's JSON converter, UtcTime.Normalize on the page); a missing deadline is refused
        // by the input's [Required] and, if it got here all the same, as not in the future.
        var deadline = input.Deadline.GetValueOrDefault();
        if (deadline <= now.AddMinutes(1) || deadline > now + MaxAhead)
            return Failure.Invalid("The deadline must be in the future, at most two years ahead.", "deadline");
        var action = input.ActionDate;
        if (action is { } ad && (ad < now || ad > now + MaxAhead + MaxAhead))
            return Failure.Invalid("The action date must be in the future.", "actionDate");

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
        await using var tx = await db.BeginWriteAsync(ct);
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

}
