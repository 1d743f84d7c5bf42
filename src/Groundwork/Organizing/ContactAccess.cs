using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

/// Need to know for contacts: admins see the whole organization, organizers see the units they are assigned to (and
/// the units below them), an organizer with no assigned unit sees the whole organization, members see no contacts.
/// Pure predicates plus the one query every contact-reading route starts from, so no route can forget the rule.
public static class ContactAccess
{
    public static bool CanWorkWithContacts(Membership? m) => OrganizationPermissions.HasRole(m, Role.Organizer);

    /// The units an organizer covers, with every descendant; null means "the whole organization".
    public static HashSet<int>? CoveredUnits(Membership m, IReadOnlyCollection<(int Id, int? ParentId)> orgUnits)
    {
        if (m.Role == Role.Admin || m.OrganizerScopes.Count == 0) return null;
        var children = orgUnits.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
        var covered = new HashSet<int>();
        var stack = new Stack<int>(m.OrganizerScopes.Select(s => s.UnitId));
        while (stack.Count > 0)
        {
            var u = stack.Pop();
            if (!covered.Add(u)) continue;
            foreach (var c in children[u]) stack.Push(c);
        }
        return covered;
    }

    /// Whether a contact in <paramref name="contactUnits"/> is within reach. A contact in no unit is reachable only by
    /// those who cover the whole organization.
    public static bool Covers(HashSet<int>? covered, IEnumerable<int> contactUnits) =>
        covered is null || contactUnits.Any(covered.Contains);

    /// The caller's units in scope (null = all), loaded from the organization's unit tree.
    public static async Task<HashSet<int>?> CoveredUnitsAsync(AppDbContext db, Membership m, CancellationToken ct)
    {
        if (m.Role == Role.Admin || m.OrganizerScopes.Count == 0) return null;
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == m.OrganizationId)
            .Select(u => new { u.Id, u.ParentUnitId }).ToListAsync(ct);
        return CoveredUnits(m, units.Select(u => (u.Id, u.ParentUnitId)).ToList());
    }

    /// The contacts of the organization the caller may see: start every contact query here.
    public static IQueryable<Contact> Visible(AppDbContext db, int orgId, HashSet<int>? covered)
    {
        var q = db.Contacts.Where(c => c.OrganizationId == orgId);
        if (covered is not null)
        {
            var ids = covered.ToList();
            q = q.Where(c => db.ContactUnits.Any(cu => cu.ContactId == c.Id && ids.Contains(cu.UnitId)));
        }
        return q;
    }
}
