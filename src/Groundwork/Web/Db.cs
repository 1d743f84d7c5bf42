using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web;

public static class Db
{
    /// Saves; when a unique index refuses the change (the database decided a race, or the thing exists already), the
    /// answer is <paramref name="conflict"/>, and the refused change leaves the tracker so nothing saves it again.
    public static async Task<Failure?> SaveOrConflictAsync(this DbContext db, Failure conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return conflict;
        }
    }

    /// True when a save failed on a unique index: the database decided a race, and the caller answers 409.
    public static bool IsUniqueViolation(this DbUpdateException e) =>
        e.InnerException is System.Data.Common.DbException inner && inner.IsUniqueViolation();

    /// The same for a database exception thrown outside SaveChanges (a bulk insert, a raw command).
    public static bool IsUniqueViolation(this System.Data.Common.DbException e) => e switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == "23505",
        _ => false,
    };
}
