using Groundwork.Data;
using Groundwork.Pledges;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Pledges;

/// Pledges and signatures written straight into the database, for tests that need one in a given state (the
/// authorization matrix, the sealing sweep). The API paths that make them are tested on their own.
public static class PledgeSeed
{
    public sealed record Seeded(int Id, string? Slug);

    public static Task<Seeded> PledgeAsync(GroundworkFactory f, int orgId, string creatorId, PledgeStatus status = PledgeStatus.Gathering,
        bool reveal = false, PledgeEligibility eligibility = PledgeEligibility.Members, DateTime? action = null) => f.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var p = new Pledge
        {
            OrganizationId = orgId, Statement = "Seeded pledge", ActivationMessage = "Go", Eligibility = eligibility, RevealNames = reveal,
            DeadlineUtc = now.AddDays(7), ActionUtc = action, Status = status, CreatedById = creatorId, CreatedUtc = now,
            ActivatedUtc = status == PledgeStatus.Active ? now : null,
            PublicSlug = eligibility == PledgeEligibility.Public ? Guid.NewGuid().ToString("N") : null,
            Organizations = [new PledgeOrganization { OrganizationId = orgId }],
        };
        db.Pledges.Add(p);
        await db.SaveChangesAsync();
        db.PledgeTallies.Add(new PledgeTally { PledgeId = p.Id, Scope = TallyScope.Total, Open = status == PledgeStatus.Gathering, TargetCount = 1000, Eligible = 10 });
        db.PledgeTallies.Add(new PledgeTally { PledgeId = p.Id, Scope = TallyScope.Organization, RefId = orgId, Eligible = 10 });
        await db.SaveChangesAsync();
        f.Services.GetRequiredService<SealedKeys>().GetOrCreate(p.KeyName);
        return new Seeded(p.Id, p.PublicSlug);
    });

    public static Task SignAsync(GroundworkFactory f, int pledgeId, string identity, bool bound = false, int? orgId = null) => f.WithDbAsync(async db =>
    {
        var key = f.Services.GetRequiredService<SealedKeys>().GetOrCreate(Pledge.KeyNameOf(pledgeId));
        db.PledgeSignatures.Add(new PledgeSignature
        {
            Id = Guid.NewGuid(), PledgeId = pledgeId, SignerHash = SignerIdentity.Hash(key, identity),
            SealedIdentity = SealedKeys.Seal(key, identity, Pledge.SealContextOf(pledgeId)), OrganizationId = orgId, Bound = bound, Told = bound,
        });
        await db.SaveChangesAsync();
        await db.PledgeTallies.Where(t => t.PledgeId == pledgeId && (t.Scope == TallyScope.Total || t.RefId == orgId))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Signed, t => t.Signed + 1));
    });

    /// A pending public signature and the token of its link.
    public static Task<string> ConfirmationAsync(GroundworkFactory f, int pledgeId, string email) => f.WithDbAsync(async db =>
    {
        var key = f.Services.GetRequiredService<SealedKeys>().GetOrCreate(Pledge.KeyNameOf(pledgeId));
        var token = "gwp_" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        db.PledgeEmailConfirmations.Add(new PledgeEmailConfirmation
        {
            PledgeId = pledgeId, TokenHash = PublicSigning.TokenHash(token), SignerHash = SignerIdentity.Hash(key, SignerIdentity.Email(email)),
            SealedEmail = SealedKeys.Seal(key, SignerIdentity.Email(email), Pledge.SealContextOf(pledgeId)), ExpiresUtc = DateTime.UtcNow.AddHours(2),
        });
        await db.SaveChangesAsync();
        return token;
    });
}
