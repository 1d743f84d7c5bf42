namespace Groundwork.Notifications;

public enum EmailState { Pending = 0, Sending = 1, Sent = 2, NoAddress = 3, Failed = 4, Off = 5 }

/// One thing a person is told, in the app and by email. Title and body are encrypted at rest (they can say which
/// pledge activated or which poll someone may vote in); the key makes "tell each person once" a unique index.
public sealed class Notification
{
    public long Id { get; set; }
    public required string PersonId { get; set; }
    /// What this is about, chosen by the capability that sends it (e.g. "poll-opened:12"): one per person and key.
    public required string Key { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// App-relative, e.g. "organizations/3/decisions/polls/5".
    public string? Link { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
    public EmailState Email { get; set; }
}
