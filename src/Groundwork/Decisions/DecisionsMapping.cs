using Groundwork.Data;
using Groundwork.Organizations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Decisions;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class DecisionsMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<Poll>(e =>
        {
            e.HasIndex(p => new { p.OrganizationId, p.Status });
            e.HasIndex(p => new { p.Status, p.ClosesUtc });
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Description).HasMaxLength(8000);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(p => p.Base).HasConversion<string>().HasMaxLength(12);
            e.Property(p => p.Method).HasMaxLength(40);
            e.Property(p => p.EligibleUnits).HasMaxLength(1200);
            e.Property(p => p.EligibleRoles).HasMaxLength(60);
            e.Property(p => p.CreatedById).HasMaxLength(64);
            e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.PollId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PollOption>(e =>
        {
            e.HasIndex(o => new { o.PollId, o.Position }).IsUnique();
            e.Property(o => o.Label).HasMaxLength(200);
            e.Property(o => o.PersonId).HasMaxLength(64);
        });
        b.Entity<Nomination>(e =>
        {
            // One nomination per poll and nominee: nominating someone twice is a 409, not a second row.
            e.HasIndex(n => new { n.PollId, n.NomineeId }).IsUnique();
            e.Property(n => n.NomineeId).HasMaxLength(64);
            e.Property(n => n.NominatedById).HasMaxLength(64);
            e.Property(n => n.Statement).HasMaxLength(4000);
            e.Property(n => n.Status).HasConversion<string>().HasMaxLength(12);
            e.HasOne<Poll>().WithMany().HasForeignKey(n => n.PollId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PollEntitlement>(e =>
        {
            e.HasIndex(x => new { x.PollId, x.PersonId }).IsUnique();
            e.Property(x => x.PersonId).HasMaxLength(64);
            e.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        });
        // The secret-ballot tables: ids given by the app (random, or a keyed hash for the box's slots), never generated in
        // order by the database; both tables are written in a random order when the poll opens, and casting only deletes
        // from the roll and overwrites a slot, so nothing is appended in the order of voting.
        b.Entity<VoterRollEntry>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.PollId, x.PersonId }).IsUnique();
            e.Property(x => x.PersonId).HasMaxLength(64);
            e.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SealedBallot>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            // PostgreSQL: pages a fifth full at open, so filling a slot (an UPDATE of the unindexed Sealed column) writes
            // the new row version on the slot's own page (a HOT update), not appended at the end of the table in the
            // order of voting. SQLite updates in place and ignores this.
            e.HasStorageParameter("fillfactor", 20);
            e.HasIndex(x => x.PollId);
            e.Property(x => x.Sealed).HasMaxLength(8000);
            e.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PublishedBallot>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.PollId, x.Tracker }).IsUnique();
            e.Property(x => x.Tracker).HasMaxLength(40);
            e.Property(x => x.Content).HasMaxLength(4000);
            e.HasOne<Poll>().WithMany().HasForeignKey(x => x.PollId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Vote>(e =>
        {
            // One latest vote per person and poll; older ones stay as history.
            e.HasIndex(v => new { v.PollId, v.PersonId }).IsUnique().HasFilter("\"Latest\"");
            e.HasIndex(v => new { v.PollId, v.Latest });
            e.Property(v => v.PersonId).HasMaxLength(64);
            e.Property(v => v.Content).HasConversion(encrypted!).HasMaxLength(8000);
            e.Property(v => v.Reason).HasConversion(encrypted).HasMaxLength(8000);
            e.HasOne<Poll>().WithMany().HasForeignKey(v => v.PollId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
