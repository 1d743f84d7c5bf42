using System.ComponentModel.DataAnnotations;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

public sealed record LeaderInput([property: Required] bool? IsLeader);

public static class MarkLeader
{
    public static async Task<Failure?> SetLeaderAsync(AppDbContext db, OrganizingScope s, int contactId, bool isLeader, DateTime now, CancellationToken ct)
    {
        var n = await ContactAccess.Visible(db, s.OrgId, s.Covered).Where(c => c.Id == contactId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.IsLeader, isLeader).SetProperty(c => c.UpdatedUtc, now).SetProperty(c => c.Version, c => c.Version + 1), ct);
        return n == 0 ? Failure.NotFound("No such contact.") : null;
    }
}
