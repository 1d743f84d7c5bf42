using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

public sealed record OrganizationInput(
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    OrganizationKind Kind,
    [property: StringLength(4000)] string? Description,
    [property: StringLength(200)] string? Area,
    Visibility Visibility = Visibility.Public,
    JoinPolicy JoinPolicy = JoinPolicy.Approval,
    int? ParentId = null);

public sealed record OrganizationPatch(
    [property: StringLength(200, MinimumLength = 2)] string? Name,
    [property: StringLength(4000)] string? Description,
    [property: StringLength(200)] string? Area,
    Visibility? Visibility,
    JoinPolicy? JoinPolicy);

public sealed record OrganizationView(
    int Id, string Name, OrganizationKind Kind, string Description, string Area, Visibility Visibility,
    JoinPolicy JoinPolicy, int? ParentId, DateTime CreatedUtc, Role? MyRole, MembershipStatus? MyStatus);

public sealed record OrganizationSummary(int Id, string Name, OrganizationKind Kind, string Area, int? ParentId);

/// Organization rules: load → decide → save, shared by the pages and the API.
public static class OrganizationRules
{
    public static OrganizationView View(Organization o, Membership? m) =>
        new(o.Id, o.Name, o.Kind, o.Description, o.Area, o.Visibility, o.JoinPolicy, o.ParentId, o.CreatedUtc,
            m is { Status: MembershipStatus.Active or MembershipStatus.Pending } ? m.Role : null, m?.Status);

    static Failure? CheckEnums(OrganizationKind kind, Visibility v, JoinPolicy j) =>
        !Enum.IsDefined(kind) ? Failure.Invalid("Unknown kind of organization.", "kind")
        : !Enum.IsDefined(v) ? Failure.Invalid("Unknown visibility.", "visibility")
        : !Enum.IsDefined(j) ? Failure.Invalid("Unknown join policy.", "joinPolicy")
        : null;

    /// The creator becomes its first admin. With a parent, the creator must be an admin of the parent: the
    /// parent's side is then approved by the same hand, so the chapter is federated at once.
    public static async Task<Outcome<Organization>> CreateAsync(AppDbContext db, string personId, OrganizationInput input, DateTime now, CancellationToken ct)
    {
        if (CheckEnums(input.Kind, input.Visibility, input.JoinPolicy) is { } bad) return bad;
        var name = input.Name.Trim();
        if (name.Length < 2) return Failure.Invalid("Give the organization a name.", "name");
        if (input.ParentId is { } parentId)
        {
            var parentMembership = await db.Memberships.AsNoTracking()
                .FirstOrDefaultAsync(m => m.OrganizationId == parentId && m.PersonId == personId, ct);
            if (!await db.Organizations.AnyAsync(o => o.Id == parentId, ct) || !OrganizationPermissions.IsActiveMember(parentMembership))
                return Failure.NotFound("The parent organization was not found.");
            if (!OrganizationPermissions.CanManage(parentMembership))
                return Failure.Forbidden("Only an admin of the parent organization can create a chapter inside it.");
        }
        var org = new Organization
        {
            Name = name, NormalizedName = Organization.Normalize(name), Kind = input.Kind,
            Description = input.Description?.Trim() ?? "", Area = input.Area?.Trim() ?? "",
            Visibility = input.Visibility, JoinPolicy = input.JoinPolicy, ParentId = input.ParentId, CreatedUtc = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Organizations.Add(org);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("An organization with this name already exists.", "name");
        }
        var membership = new Membership
        {
            OrganizationId = org.Id, PersonId = personId, Role = Role.Admin, Status = MembershipStatus.Active, JoinedUtc = now,
            Events = [new MembershipEvent { Kind = MembershipEventKind.Joined, AtUtc = now, Role = Role.Admin, ActorId = personId }],
        };
        db.Memberships.Add(membership);
        db.Record(now, AuditActions.OrganizationCreated, personId, org.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return org;
    }

    public static async Task<Outcome<Organization>> UpdateAsync(AppDbContext db, int orgId, string actorId, OrganizationPatch patch, DateTime now, CancellationToken ct)
    {
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null) return Failure.NotFound();
        if (patch.Visibility is { } v && !Enum.IsDefined(v)) return Failure.Invalid("Unknown visibility.", "visibility");
        if (patch.JoinPolicy is { } j && !Enum.IsDefined(j)) return Failure.Invalid("Unknown join policy.", "joinPolicy");
        if (patch.Name is { } name)
        {
            name = name.Trim();
            if (name.Length < 2) return Failure.Invalid("Give the organization a name.", "name");
            org.Name = name;
            org.NormalizedName = Organization.Normalize(name);
        }
        if (patch.Description is not null) org.Description = patch.Description.Trim();
        if (patch.Area is not null) org.Area = patch.Area.Trim();
        if (patch.Visibility is { } vis) org.Visibility = vis;
        if (patch.JoinPolicy is { } jp) org.JoinPolicy = jp;
        db.Record(now, AuditActions.OrganizationUpdated, actorId, org.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("An organization with this name already exists.", "name");
        }
        return org;
    }

    /// The public directory: public organizations only, searchable by name, kind and area.
    public static async Task<List<OrganizationSummary>> DirectoryAsync(AppDbContext db, string? q, OrganizationKind? kind, string? area, int page, CancellationToken ct)
    {
        var query = db.Organizations.AsNoTracking().Where(o => o.Visibility == Visibility.Public);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var n = Organization.Normalize(q);
            query = query.Where(o => o.NormalizedName.Contains(n));
        }
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        if (!string.IsNullOrWhiteSpace(area))
        {
            var a = area.Trim().ToUpperInvariant();
            query = query.Where(o => o.Area.ToUpper().Contains(a));
        }
        return await query.OrderBy(o => o.NormalizedName).Skip(Math.Max(0, page - 1) * 50).Take(50)
            .Select(o => new OrganizationSummary(o.Id, o.Name, o.Kind, o.Area, o.ParentId)).ToListAsync(ct);
    }

    public static async Task<List<OrganizationView>> MineAsync(AppDbContext db, string personId, CancellationToken ct)
    {
        var rows = await (from m in db.Memberships.AsNoTracking()
                          join o in db.Organizations.AsNoTracking() on m.OrganizationId equals o.Id
                          where m.PersonId == personId && (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Pending)
                          orderby o.NormalizedName
                          select new { o, m }).ToListAsync(ct);
        return [.. rows.Select(r => View(r.o, r.m))];
    }

    /// Children a caller may see: public and unlisted ones, plus secret ones they belong to.
    public static async Task<List<OrganizationSummary>> ChildrenAsync(AppDbContext db, int orgId, string? personId, CancellationToken ct) =>
        await db.Organizations.AsNoTracking()
            .Where(o => o.ParentId == orgId && (o.Visibility != Visibility.Secret
                || db.Memberships.Any(m => m.OrganizationId == o.Id && m.PersonId == personId && m.Status == MembershipStatus.Active)))
            .OrderBy(o => o.NormalizedName)
            .Select(o => new OrganizationSummary(o.Id, o.Name, o.Kind, o.Area, o.ParentId)).ToListAsync(ct);

    /// Root of the federation tree an organization belongs to (itself when it has no parent).
    public static async Task<int> RootOfAsync(AppDbContext db, int orgId, CancellationToken ct)
    {
        var current = orgId;
        for (var depth = 0; depth < 64; depth++)
        {
            var parent = await db.Organizations.Where(o => o.Id == current).Select(o => o.ParentId).FirstOrDefaultAsync(ct);
            if (parent is null) return current;
            current = parent.Value;
        }
        return current;
    }

    /// The same walk over an id → parent map already in memory: one query for a whole list instead of one per
    /// level per organization.
    public static int RootOf(IReadOnlyDictionary<int, int?> parents, int orgId)
    {
        var current = orgId;
        for (var depth = 0; depth < 64; depth++)
        {
            if (!parents.TryGetValue(current, out var parent) || parent is null) return current;
            current = parent.Value;
        }
        return current;
    }

    /// True when making <paramref name="parentId"/> the parent of <paramref name="childId"/> would close a loop.
    public static async Task<bool> WouldCycleAsync(AppDbContext db, int childId, int parentId, CancellationToken ct)
    {
        int? current = parentId;
        for (var depth = 0; current is not null && depth < 256; depth++)
        {
            if (current == childId) return true;
            var id = current.Value;
            current = await db.Organizations.Where(o => o.Id == id).Select(o => o.ParentId).FirstOrDefaultAsync(ct);
        }
        return current is not null;
    }
}
