using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Groundwork.Organizing.Import;

/// The tables of contact import: called from AppDbContext.OnModelCreating.
public static class ImportMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<ImportJob>(e =>
        {
            e.HasIndex(j => new { j.OrganizationId, j.Id });
            e.HasIndex(j => j.Status);
            e.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(j => j.Content).HasConversion(encrypted);
            e.Property(j => j.SettingsJson).HasConversion(encrypted).HasMaxLength(64000);
            e.Property(j => j.ErrorsJson).HasMaxLength(400000);
            e.Property(j => j.CreatedById).HasMaxLength(450);
            e.HasOne<Organizations.Organization>().WithMany().HasForeignKey(j => j.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportMerge>(e =>
        {
            e.HasIndex(m => new { m.ImportJobId, m.Id });
            e.HasIndex(m => m.ContactId);
            e.Property(m => m.Plan).HasConversion(encrypted!).HasMaxLength(64000);
            e.HasOne<ImportJob>().WithMany().HasForeignKey(m => m.ImportJobId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Cascade);
        });    }
}
