using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Accounts;

/// A person's personal access tokens, created and revoked from the account page or the API alike, each change in the
/// audit log.
public static class AccessTokens
{
    public static async Task<TokenCreated> CreateAsync(AppDbContext db, Person p, TokenInput input, DateTime now, CancellationToken ct)
    {
        var name = input.Name.Trim();
        db.Record(now, AuditActions.TokenCreated, p.Id, subjectPersonId: p.Id, detail: input.Scope.ToString());
        var token = await ApiTokens.CreateAsync(db, p, name, input.Scope, now, ct);
        var id = await db.ApiTokens.Where(t => t.Hash == ApiTokens.Hash(token)).Select(t => t.Id).FirstAsync(ct);
        return new TokenCreated(id, name, input.Scope, token);
    }

    public static async Task<Outcome<bool>> RevokeAsync(AppDbContext db, string personId, int tokenId, DateTime now, CancellationToken ct)
    {
        var n = await db.ApiTokens.Where(t => t.Id == tokenId && t.PersonId == personId && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), ct);
        if (n == 0) return Failure.NotFound();
        db.Record(now, AuditActions.TokenRevoked, personId, subjectPersonId: personId);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
