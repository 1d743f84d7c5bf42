using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizations;

/// Walks of the federation tree (parent links between organizations).
public static class FederationTree
{
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
