using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Accounts;

/// The re-authentication table: called from AppDbContext.OnModelCreating.
public static class ReauthenticationMapping
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Reauthentication>(e =>
        {
            e.HasIndex(r => new { r.PersonId, r.SessionHash, r.AtUtc });
            e.Property(r => r.SessionHash).HasMaxLength(80);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        });    }
}
