using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Members;

public sealed record InvitationInput(
    [property: Range(1, 90, ErrorMessage = "An invitation is valid for 1 to 90 days.")] int ExpiresInDays = 14,
    [property: Range(1, 10_000, ErrorMessage = "An invitation can be used 1 to 10,000 times.")] int MaxUses = 1);

public sealed record InvitationCreated(int Id, string Token, string Url, DateTime ExpiresUtc, int MaxUses);

public sealed record InvitationView(int Id, DateTime CreatedUtc, DateTime ExpiresUtc, int MaxUses, int Uses, InvitationState State);

public sealed record AcceptInvitationInput(
    [property: Required(ErrorMessage = "This invitation does not exist."), StringLength(200, MinimumLength = 10, ErrorMessage = "This invitation does not exist.")] string Token);

/// Invitation links: created by organizers, each good for a number of uses until it expires or is revoked.
public static class InvitationLinks
{
    public static async Task<InvitationCreated> CreateAsync(AppDbContext db, int orgId, string actorId, InvitationInput input, string baseUrl, DateTime now, CancellationToken ct)
    {
        var token = "gwi_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var inv = new Invitation
        {
            OrganizationId = orgId, TokenHash = ApiTokens.Hash(token), CreatedById = actorId, CreatedUtc = now,
            ExpiresUtc = now.AddDays(input.ExpiresInDays), MaxUses = input.MaxUses,
        };
        db.Invitations.Add(inv);
        db.Record(now, AuditActions.InvitationCreated, actorId, orgId, detail: $"invitation:{input.MaxUses}");
        await db.SaveChangesAsync(ct);
        // The token travels in the fragment-free path of the invitation page; it is not personal data.
        return new InvitationCreated(inv.Id, token, $"{baseUrl.TrimEnd('/')}/invitations/{token}", inv.ExpiresUtc, inv.MaxUses);
    }

    public static async Task<List<InvitationView>> ListAsync(AppDbContext db, int orgId, DateTime now, CancellationToken ct)
    {
        var rows = await db.Invitations.AsNoTracking().Where(i => i.OrganizationId == orgId).OrderByDescending(i => i.Id).Take(200).ToListAsync(ct);
        return [.. rows.Select(i => new InvitationView(i.Id, i.CreatedUtc, i.ExpiresUtc, i.MaxUses, i.Uses, i.StateAt(now)))];
    }

    public static async Task<Outcome<bool>> RevokeAsync(AppDbContext db, int orgId, int id, string actorId, DateTime now, CancellationToken ct)
    {
        var n = await db.Invitations.Where(i => i.Id == id && i.OrganizationId == orgId && i.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedUtc, now), ct);
        if (n == 0) return Failure.NotFound();
        db.Record(now, AuditActions.InvitationRevoked, actorId, orgId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// Uses are claimed with one conditional UPDATE: two people racing for the last use cannot both win.
    public static async Task<Outcome<Membership>> AcceptAsync(AppDbContext db, string token, string personId, DateTime now, CancellationToken ct)
    {
        var hash = ApiTokens.Hash(token.Trim());
        var inv = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (inv is null) return Failure.NotFound("This invitation does not exist.");
        switch (inv.StateAt(now))
        {
            case InvitationState.Revoked: return new Failure(410, "This invitation was revoked.");
            case InvitationState.Expired: return new Failure(410, "This invitation has expired.");
            case InvitationState.UsedUp: return new Failure(410, "This invitation has been used up.");
        }
        var existing = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.OrganizationId == inv.OrganizationId && m.PersonId == personId, ct);
        if (existing is { Status: MembershipStatus.Active }) return Failure.Conflict("You are already a member.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Invitations
            .Where(i => i.Id == inv.Id && i.RevokedUtc == null && i.Uses < i.MaxUses && i.ExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Uses, i => i.Uses + 1), ct);
        if (claimed == 0) return new Failure(410, "This invitation has been used up.");
        var result = await MembershipLifecycle.AdmitAsync(db, inv.OrganizationId, personId, MembershipStatus.Active, Role.Member, now, null, AuditActions.MemberJoined, ct, MembershipEventKind.Joined);
        if (!result.Ok) return result.Failure!;
        await tx.CommitAsync(ct);
        return result;
    }
}
