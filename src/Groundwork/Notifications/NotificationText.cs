namespace Groundwork.Notifications;

/// The text of a notification, composed in the recipient's language.
public sealed record NotificationText(string Title, string Body, string? Link);
