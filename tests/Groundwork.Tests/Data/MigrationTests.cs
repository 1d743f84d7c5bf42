using Groundwork.Data;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Data;

/// Runs on whichever provider the suite runs on (test.sh runs it once per provider).
public sealed class MigrationTests
{
    [Fact]
    public async Task The_model_has_no_pending_changes_and_the_migrations_apply_to_a_fresh_database()
    {
        using var f = await new GroundworkFactory().StartAsync();
        await f.WithDbAsync(async db =>
        {
            Assert.Equal(GroundworkFactory.OnPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
            Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the last migration: add a migration for this provider.");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            // The schema is usable: every table answers a query.
            Assert.Equal(0, await db.Organizations.CountAsync());
            Assert.Equal(0, await db.AuditEvents.CountAsync());
        });
    }
}
