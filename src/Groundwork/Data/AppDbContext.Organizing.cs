using Groundwork.Organizing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Groundwork.Data;

public abstract partial class AppDbContext
{
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactUnit> ContactUnits => Set<ContactUnit>();
    public DbSet<ContactChannel> ContactChannels => Set<ContactChannel>();
    public DbSet<OrganizingTag> OrganizingTags => Set<OrganizingTag>();
    public DbSet<ContactTag> ContactTags => Set<ContactTag>();
    public DbSet<CustomField> CustomFields => Set<CustomField>();

    partial void ConfigureOrganizing(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<Contact>(e =>
        {
            e.HasIndex(c => new { c.OrganizationId, c.Id });
            e.HasIndex(c => c.PersonId);
            e.Property(c => c.NameLookup).HasMaxLength(64);
            e.HasIndex(c => new { c.OrganizationId, c.NameLookup });
            e.HasOne<Organizations.Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.SetNull);
            e.Property(c => c.Name).HasConversion(encrypted!).HasMaxLength(1024);
            e.Property(c => c.Role).HasConversion(encrypted).HasMaxLength(1024);
            e.Property(c => c.Employer).HasConversion(encrypted).HasMaxLength(1024);
            e.Property(c => c.Languages).HasConversion(encrypted).HasMaxLength(1024);
            e.Property(c => c.Notes).HasConversion(encrypted).HasMaxLength(32000);
            e.Property(c => c.CustomFieldsJson).HasConversion(encrypted).HasMaxLength(32000);
            e.Property(c => c.IneligibleReason).HasConversion(encrypted).HasMaxLength(2000);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Channels).WithOne().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Tags).WithOne().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ContactUnit>(e =>
        {
            e.HasKey(x => new { x.ContactId, x.UnitId });
            e.HasIndex(x => x.UnitId);
            e.HasOne<Organizations.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ContactChannel>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Value).HasConversion(encrypted!).HasMaxLength(2000);
            e.Property(x => x.Lookup).HasMaxLength(64);
            e.HasIndex(x => new { x.OrganizationId, x.Lookup });
        });
        b.Entity<OrganizingTag>(e =>
        {
            e.Property(x => x.Name).HasConversion(encrypted!).HasMaxLength(1024);
            e.Property(x => x.NameLookup).HasMaxLength(64);
            e.HasIndex(x => new { x.OrganizationId, x.NameLookup }).IsUnique();
            e.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ContactTag>(e =>
        {
            e.HasKey(x => new { x.ContactId, x.TagId });
            e.HasIndex(x => x.TagId);
            e.HasOne<OrganizingTag>().WithMany().HasForeignKey(x => x.TagId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CustomField>(e =>
        {
            e.Property(x => x.Name).HasConversion(encrypted!).HasMaxLength(1024);
            e.Property(x => x.Choices).HasConversion(encrypted).HasMaxLength(8000);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
