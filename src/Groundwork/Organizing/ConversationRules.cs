namespace Groundwork.Organizing;

/// The pure rules of a logged conversation's times.
public static class ConversationRules
{
    /// Why a follow-up day cannot be used, or null. Today counts as not in the past.
    public static string? FollowUpProblem(DateOnly? day, DateTime now) =>
        day is { } d && d < DateOnly.FromDateTime(now) ? "The follow-up date is in the past: choose today or a later day." : null;

    public static string? WhenProblem(DateTime at, DateTime now) =>
        at > now.AddMinutes(5) ? "The conversation cannot be in the future."
        : at < now.AddYears(-20) ? "The conversation date is too far in the past." : null;
}
