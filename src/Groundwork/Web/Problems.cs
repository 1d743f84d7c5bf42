namespace Groundwork.Web;

/// Expected failures as values; the edge maps them to problem details (API) or a form message (pages).
public sealed record Failure(int Status, string Title, string? Field = null)
{
    public static Failure NotFound(string what = "Not found.") => new(404, what);
    public static Failure Conflict(string title, string? field = null) => new(409, title, field);
    public static Failure Invalid(string title, string? field = null) => new(400, title, field);
    public static Failure Forbidden(string title) => new(403, title);

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem() =>
        TypedResults.Problem(statusCode: Status, title: Title,
            extensions: Field is null ? null : new Dictionary<string, object?> { ["field"] = Field });
}

/// The result of an operation: a value or a failure.
public readonly record struct Outcome<T>(T? Value, Failure? Failure)
{
    public bool Ok => Failure is null;
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Failure f) => new(default, f);
}

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
