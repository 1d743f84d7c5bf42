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
