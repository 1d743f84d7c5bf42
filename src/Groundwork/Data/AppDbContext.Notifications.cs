using Groundwork.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Groundwork.Data;

public abstract partial class AppDbContext
{
    public DbSet<Notification> Notifications => Set<Notification>();

    partial void ConfigureNotifications(ModelBuilder b, ValueConverter<string?, string?> encrypted)
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
