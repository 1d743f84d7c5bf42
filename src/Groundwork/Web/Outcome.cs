namespace Groundwork.Web;

/// The result of an operation: a value or a failure.
public readonly record struct Outcome<T>(T? Value, Failure? Failure)
{
    public bool Ok => Failure is null;
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Failure f) => new(default, f);
}
