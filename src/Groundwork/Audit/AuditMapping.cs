using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Groundwork.Audit;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class AuditMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted)
    {
        b.Entity<AuditEvent>(e =>
        {
            e.HasIndex(x => new { x.OrganizationId, x.Id });
            e.HasIndex(x => new { x.SubjectPersonId, x.Id });
            e.HasIndex(x => new { x.ActorId, x.Id });
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Detail).HasMaxLength(400);
        });
    }
}
