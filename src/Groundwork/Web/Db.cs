namespace Groundwork.Web;

public static class Db
{
    /// True when a save failed on a unique index: the database decided a race, and the caller answers 409.
    public static bool IsUniqueViolation(this Microsoft.EntityFrameworkCore.DbUpdateException e) =>
        e.InnerException is System.Data.Common.DbException inner && inner.IsUniqueViolation();

    /// The same for a database exception thrown outside SaveChanges (a bulk insert, a raw command).
    public static bool IsUniqueViolation(this System.Data.Common.DbException e) => e switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == "23505",
        _ => false,
    };
}
