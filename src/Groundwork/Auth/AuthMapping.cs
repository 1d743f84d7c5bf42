using Groundwork.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Groundwork.Auth;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class AuthMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<ApiToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Name).HasConversion(encrypted!).HasMaxLength(1024);
            e.Property(t => t.Scope).HasConversion<string>().HasMaxLength(10);
            e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<UsedTotpStep>(e =>
        {
            e.HasKey(x => new { x.PersonId, x.TimeStep });
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
