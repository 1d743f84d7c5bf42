using Groundwork.Data;
using Groundwork.Organizing;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing.Structure;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class StructureMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<StructureTest>(e =>
        {
            e.HasIndex(t => new { t.OrganizationId, t.DateUtc });
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(t => t.Title).HasConversion(encrypted!).HasMaxLength(1000);
            e.Property(t => t.Statement).HasConversion(encrypted).HasMaxLength(12000);
            e.Property(t => t.CreatedById).HasMaxLength(450);
            e.HasOne<Organizations.Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Participation>(e =>
        {
            e.HasIndex(p => new { p.StructureTestId, p.ContactId }).IsUnique();
            e.HasIndex(p => p.ContactId);
            e.Property(p => p.Source).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.RecordedById).HasMaxLength(450);
            e.HasOne<StructureTest>().WithMany().HasForeignKey(p => p.StructureTestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(p => p.ContactId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Signature>(e =>
        {
            e.HasIndex(s => new { s.StructureTestId, s.ContactId }).IsUnique();
            e.HasIndex(s => new { s.StructureTestId, s.PersonId }).IsUnique();
            e.Property(s => s.Name).HasConversion(encrypted!).HasMaxLength(1000);
            e.Property(s => s.PersonId).HasMaxLength(450);
            e.HasOne<StructureTest>().WithMany().HasForeignKey(s => s.StructureTestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organizations.Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<SigningLink>(e =>
        {
            e.HasIndex(s => s.TokenHash).IsUnique();
            e.HasIndex(s => new { s.StructureTestId, s.ContactId });
            e.Property(s => s.TokenHash).HasMaxLength(64);
            e.Property(s => s.CreatedById).HasMaxLength(450);
            e.HasOne<StructureTest>().WithMany().HasForeignKey(s => s.StructureTestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(s => s.ContactId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
