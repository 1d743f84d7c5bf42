using Groundwork.Data;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Notifications;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class NotificationsMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<Notification>(e =>
        {
            e.HasIndex(n => new { n.PersonId, n.Key }).IsUnique();
            e.HasIndex(n => new { n.PersonId, n.Id });
            e.HasIndex(n => new { n.PersonId, n.ReadUtc });
            e.HasIndex(n => new { n.Email, n.Id });
            e.Property(n => n.Key).HasMaxLength(120);
            e.Property(n => n.Title).HasConversion(encrypted!).HasMaxLength(2000);
            e.Property(n => n.Body).HasConversion(encrypted!).HasMaxLength(16000);
            e.Property(n => n.Link).HasMaxLength(400);
            e.Property(n => n.Email).HasConversion<string>().HasMaxLength(12);
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
