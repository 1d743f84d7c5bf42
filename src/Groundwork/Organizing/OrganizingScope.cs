using Groundwork.Data;
using Groundwork.Members;

namespace Groundwork.Organizing;

/// What a caller may reach: their membership and the units they cover (null = the whole organization).
public sealed record OrganizingScope(int OrgId, Membership Me, HashSet<int>? Covered)
{
    public string PersonId => Me.PersonId;

    public static async Task<OrganizingScope> LoadAsync(AppDbContext db, Membership me, CancellationToken ct) =>
        new(me.OrganizationId, me, await ContactAccess.CoveredUnitsAsync(db, me, ct));
}
