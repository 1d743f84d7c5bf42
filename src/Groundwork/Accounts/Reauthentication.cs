namespace Groundwork.Accounts;

/// When a session or token last confirmed its password: exports need one within the last five minutes.
public sealed class Reauthentication
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public long Id { get; set; }
    public required string PersonId { get; set; }
    /// Hash of what identifies the session: the personal access token, or the random value of the re-authentication cookie.
    public required string SessionHash { get; set; }
    public DateTime AtUtc { get; set; }

    public static bool IsRecent(DateTime? lastUtc, DateTime nowUtc) =>
        lastUtc is { } at && at <= nowUtc.AddSeconds(5) && nowUtc - at <= Window;
}
