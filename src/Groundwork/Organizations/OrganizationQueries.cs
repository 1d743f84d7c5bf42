using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

public sealed record OrganizationView(
    int Id, string Name, OrganizationKind Kind, string Description, string Area, Visibility Visibility,
    JoinPolicy JoinPolicy, int? ParentId, DateTime CreatedUtc, Role? MyRole, MembershipStatus? MyStatus);

public sealed record OrganizationSummary(int Id, string Name, OrganizationKind Kind, string Area, int? ParentId);

/// What the pages and the API read about organizations: one view, the directory, mine, children.
public static class OrganizationQueries
{
    public static OrganizationView View(Organization o, Membership? m) =>
        new(o.Id, o.Name, o.Kind, o.Description, o.Area, o.Visibility, o.JoinPolicy, o.ParentId, o.CreatedUtc,
            m is { Status: MembershipStatus.Active or MembershipStatus.Pending } ? m.Role : null, m?.Status);

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
}
