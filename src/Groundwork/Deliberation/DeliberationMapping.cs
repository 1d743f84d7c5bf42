using Groundwork.Data;
using Groundwork.Organizations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Deliberation;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class DeliberationMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        // Members' words are encrypted; lengths are of the ciphertext (base64 of the text plus a header).
        b.Entity<Discussion>(e =>
        {
            e.HasIndex(d => new { d.OrganizationId, d.IsPinned, d.LastPostUtc });
            e.Property(d => d.Title).HasConversion(encrypted!).HasMaxLength(2000);
            e.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            // A unit's threads go with the unit: turning them into organization threads would show them to everyone.
            e.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Cascade);
            e.Property(d => d.AuthorId).HasMaxLength(64);
        });
        b.Entity<Post>(e =>
        {
            e.HasIndex(p => new { p.DiscussionId, p.Id });
            e.Property(p => p.Body).HasConversion(encrypted!);
            e.HasOne<Discussion>().WithMany().HasForeignKey(p => p.DiscussionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Post>().WithMany().HasForeignKey(p => p.ReplyToId).OnDelete(DeleteBehavior.NoAction);
            // No foreign key to the author: a deleted account leaves its words in the thread, shown as a former member.
            e.Property(p => p.AuthorId).HasMaxLength(64);
            e.Property(p => p.DeletedById).HasMaxLength(64);
        });
        b.Entity<PostRevision>(e =>
        {
            e.HasIndex(r => new { r.PostId, r.Number }).IsUnique();
            e.Property(r => r.Body).HasConversion(encrypted!);
            e.Property(r => r.EditorId).HasMaxLength(64);
            e.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Motion>(e =>
        {
            e.HasIndex(m => new { m.OrganizationId, m.Status });
            e.Property(m => m.Title).HasConversion(encrypted!).HasMaxLength(2000);
            e.Property(m => m.Result).HasMaxLength(400);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(m => m.Majority).HasConversion<string>().HasMaxLength(12);
            e.Property(m => m.Base).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.Property(m => m.MoverId).HasMaxLength(64);
            e.Property(m => m.SeconderId).HasMaxLength(64);
        });
        b.Entity<MotionVersion>(e =>
        {
            // Two changes to the same version of the text cannot both become the next one.
            e.HasIndex(v => new { v.MotionId, v.Number }).IsUnique();
            e.Property(v => v.Paragraphs).HasConversion(encrypted!);
            e.Property(v => v.ChangedById).HasMaxLength(64);
            e.HasOne<Motion>().WithMany().HasForeignKey(v => v.MotionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Amendment>(e =>
        {
            e.HasIndex(a => new { a.MotionId, a.Status });
            e.Property(a => a.OriginalText).HasConversion(encrypted!);
            e.Property(a => a.NewText).HasConversion(encrypted!);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(12);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(a => a.ProposerId).HasMaxLength(64);
            e.Property(a => a.SeconderId).HasMaxLength(64);
            e.HasOne<Motion>().WithMany().HasForeignKey(a => a.MotionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MotionVote>(e =>
        {
            // One question at a time per motion, by constraint.
            e.HasIndex(v => v.MotionId).IsUnique().HasFilter("\"Status\" = 'Open'");
            e.HasIndex(v => new { v.MotionId, v.Id });
            e.Property(v => v.Method).HasConversion<string>().HasMaxLength(12);
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(8);
            e.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(10);
            e.Property(v => v.Explanation).HasMaxLength(400);
            e.HasOne<Motion>().WithMany().HasForeignKey(v => v.MotionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Amendment>().WithMany().HasForeignKey(v => v.AmendmentId).OnDelete(DeleteBehavior.NoAction);
            e.Property(v => v.OpenedById).HasMaxLength(64);
        });
        b.Entity<MotionBallot>(e =>
        {
            e.HasIndex(x => new { x.MotionVoteId, x.PersonId }).IsUnique();
            e.Property(x => x.Answer).HasConversion<string>().HasMaxLength(8);
            e.HasOne<MotionVote>().WithMany().HasForeignKey(x => x.MotionVoteId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
