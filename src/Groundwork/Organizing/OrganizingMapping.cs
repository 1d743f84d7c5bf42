using Groundwork.Data;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class OrganizingMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<Contact>(e =>
        {
            e.HasIndex(c => new { c.OrganizationId, c.Id });
            // Covers the wall chart's scan of who is in the organization (visible, eligible, leader): the index, not the wide
            // encrypted rows, is read for 10,000 contacts (half the time of that query on SQLite).
            e.HasIndex(c => new { c.OrganizationId, c.ImportJobId, c.Eligible, c.IsLeader });
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
            // Contacts of an import that is still running are nobody's business yet (see ImportJob).
            e.HasQueryFilter(c => c.ImportJobId == null);
            e.HasIndex(c => c.ImportJobId);
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
    
        b.Entity<AssessmentScale>(e =>
        {
            e.Property(x => x.Name).HasConversion(encrypted!).HasMaxLength(1024);
            e.Property(x => x.SeedKey).HasMaxLength(20);
            e.HasIndex(x => new { x.OrganizationId, x.SeedKey }).IsUnique();
            e.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Levels).WithOne().HasForeignKey(x => x.ScaleId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AssessmentLevel>(e =>
        {
            e.Property(x => x.Name).HasConversion(encrypted!).HasMaxLength(1024);
            e.HasIndex(x => x.ScaleId);
        });
        b.Entity<Assessment>(e =>
        {
            e.Property(x => x.Level).HasConversion(encrypted!).HasMaxLength(200);
            e.HasIndex(x => new { x.ContactId, x.ScaleId, x.Id });
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AssessmentScale>().WithMany().HasForeignKey(x => x.ScaleId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ContactLevel>(e =>
        {
            e.HasKey(x => new { x.ContactId, x.ScaleId });
            e.Property(x => x.Level).HasConversion(encrypted!).HasMaxLength(200);
            e.HasIndex(x => new { x.OrganizationId, x.ScaleId });
            e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AssessmentScale>().WithMany().HasForeignKey(x => x.ScaleId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<LevelSheet>(e =>
        {
            e.HasKey(x => new { x.OrganizationId, x.ScaleId, x.Shard });
            e.Property(x => x.Data).HasConversion(encrypted!);
            e.HasOne<AssessmentScale>().WithMany().HasForeignKey(x => x.ScaleId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OrganizingIssue>(e =>
        {
            e.Property(x => x.Name).HasConversion(encrypted!).HasMaxLength(1024);
            e.Property(x => x.NameLookup).HasMaxLength(64);
            e.HasIndex(x => new { x.OrganizationId, x.NameLookup }).IsUnique();
            e.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Conversation>(e =>
        {
            e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Notes).HasConversion(encrypted).HasMaxLength(32000);
            e.Property(x => x.NextStep).HasConversion(encrypted).HasMaxLength(4000);
            e.HasIndex(x => new { x.ContactId, x.AtUtc });
            e.HasIndex(x => new { x.OrganizationId, x.AtUtc });
            e.HasIndex(x => new { x.FollowUpOwnerId, x.FollowUpDoneUtc, x.FollowUpUtc });
            e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.FollowUpOwnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Speakers).WithOne().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Issues).WithOne().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ConversationSpeaker>(e =>
        {
            e.HasKey(x => new { x.ConversationId, x.PersonId });
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ConversationIssue>(e =>
        {
            e.HasKey(x => new { x.ConversationId, x.IssueId });
            e.HasIndex(x => x.IssueId);
            e.HasOne<OrganizingIssue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Relationship>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Notes).HasConversion(encrypted).HasMaxLength(4000);
            e.HasIndex(x => new { x.FromContactId, x.ToContactId, x.Kind }).IsUnique();
            e.HasIndex(x => x.ToContactId);
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Contact>().WithMany().HasForeignKey(x => x.FromContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ToContactId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OrganizingSettings>(e =>
        {
            e.HasKey(x => x.OrganizationId);
            e.HasOne<Organizations.Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
