using Groundwork.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Groundwork.Organizations;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class OrganizationsMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<Organization>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.NormalizedName).HasMaxLength(200);
            e.HasIndex(o => o.NormalizedName).IsUnique();
            e.Property(o => o.Description).HasMaxLength(4000);
            e.Property(o => o.Area).HasMaxLength(200);
            e.HasIndex(o => o.ParentId);
            e.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(o => o.Visibility).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.JoinPolicy).HasConversion<string>().HasMaxLength(20);
        });
        b.Entity<Unit>(e =>
        {
            e.Property(u => u.Name).HasMaxLength(200);
            e.Property(u => u.NormalizedName).HasMaxLength(200);
            e.HasIndex(u => new { u.OrganizationId, u.NormalizedName }).IsUnique();
            e.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentUnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        });
        b.Entity<Invitation>(e =>
        {
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AffiliationRequest>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.ChildId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Cascade);
            // One pending request per pair, by constraint.
            e.HasIndex(x => new { x.ChildId, x.ParentId, x.Status });
        });
        b.Entity<TransferRequest>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Note).HasConversion(encrypted!).HasMaxLength(4000);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.PersonId, x.Status });
        });
    }
}
