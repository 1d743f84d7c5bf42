using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Cli;

/// `admin rotate-keys`: adds a new current key to the ring file, then rewrites every encrypted value so
/// that the old key can be retired. Reading works throughout: values name the key they were sealed with.
public static class KeyRotation
{
    public static async Task<int> RotateAsync(WebApplication app)
    {
        var instance = app.Services.GetRequiredService<InstanceOptions>();
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GROUNDWORK_FIELD_KEYS")))
            throw new CommandException("The key ring comes from GROUNDWORK_FIELD_KEYS: rotate it in your secret store.");
        var ring = FieldCrypto.KeyRing.Load(null, instance.KeyFile).Rotate();
        var crypto = new FieldCrypto(ring);
        AppDbContext Open()
        {
            if (instance.Provider == DatabaseProvider.Sqlite)
            {
                var o = new DbContextOptionsBuilder<SqliteAppDbContext>();
                Database.Configure(o, instance);
                o.UseApplicationServiceProvider(app.Services).WithFieldCrypto(crypto);
                return new SqliteAppDbContext(o.Options);
            }
            var p = new DbContextOptionsBuilder<PostgresAppDbContext>();
            Database.Configure(p, instance);
            p.UseApplicationServiceProvider(app.Services).WithFieldCrypto(crypto);
            return new PostgresAppDbContext(p.Options);
        }
        await using var db = Open();
        await using var tx = await db.Database.BeginTransactionAsync();
        var count = 0;
        // Marking each encrypted property modified makes EF write it again through the converter, now with the new key.
        foreach (var entityType in db.Model.GetEntityTypes())
        {
            var props = entityType.GetProperties().Where(p => p.GetValueConverter() is { } c && c.ModelClrType == typeof(string) && p.Name is not ("NormalizedEmail" or "NormalizedUserName")).ToList();
            if (props.Count == 0 || entityType.ClrType is null || entityType.IsOwned()) continue;
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entityType.ClrType).Invoke(db, null)!;
            foreach (var entity in await set.ToListAsync())
            {
                var entry = db.Entry(entity);
                foreach (var p in props) entry.Property(p.Name).IsModified = true;
                count++;
            }
        }
        await db.SaveChangesAsync();
        // Save the ring before committing: if the commit fails, the new key is still there to read what was written.
        FieldCrypto.KeyRing.Save(ring, instance.KeyFile);
        await tx.CommitAsync();
        Console.Error.WriteLine($"Rotated to key {ring.Current}; re-encrypted {count} rows. Restart the app to write with the new key.");
        return 0;
    }
}
