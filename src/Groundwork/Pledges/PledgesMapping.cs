using Groundwork.Data;
using Groundwork.Organizations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Pledges;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class PledgesMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<Pledge>(e =>
        {
            e.Property(p => p.Statement).HasConversion(encrypted!).HasMaxLength(8000);
            e.Property(p => p.ActivationMessage).HasConversion(encrypted!).HasMaxLength(16000);
            e.Property(p => p.CreatedById).HasMaxLength(64);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(p => p.Eligibility).HasConversion<string>().HasMaxLength(12);
            e.Property(p => p.PublicSlug).HasMaxLength(64);
            e.HasIndex(p => p.PublicSlug).IsUnique();
            e.HasIndex(p => new { p.Status, p.DeadlineUtc });
            e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Organizations).WithOne().HasForeignKey(o => o.PledgeId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PledgeOrganization>(e =>
        {
            e.HasKey(x => new { x.PledgeId, x.OrganizationId });
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PledgeUnit>(e =>
        {
            e.HasKey(x => new { x.PledgeId, x.UnitId });
            e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PledgeTally>(e =>
        {
            e.HasKey(x => new { x.PledgeId, x.Scope, x.RefId });
            e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PledgeSignature>(e =>
        {
            // No foreign key to people, units or memberships, and no timestamp: nothing lines a signature up with anyone.
            // One index: every lookup is by pledge and signer, and the reads by status take most of a pledge's rows anyway.
            // A second index on (pledge, status) was what PostgreSQL chose, with the statistics of a table that had just
            // filled, for a batch's "which of these signers are there already": it filtered every signature of the pledge.
            e.HasIndex(x => new { x.PledgeId, x.SignerHash }).IsUnique();
            e.Property(x => x.SignerHash).HasMaxLength(64);
            e.Property(x => x.SealedIdentity).HasMaxLength(600);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(x => x.ConditionScope).HasConversion<string>().HasMaxLength(12);
            e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PledgeEmailConfirmation>(e =>
        {
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.PledgeId, x.SignerHash }).IsUnique();
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.SignerHash).HasMaxLength(64);
            e.Property(x => x.SealedEmail).HasMaxLength(600);
            e.HasOne<Pledge>().WithMany().HasForeignKey(x => x.PledgeId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
