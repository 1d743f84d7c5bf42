using System.ComponentModel.DataAnnotations;

namespace Groundwork.Deliberation;

public sealed record DiscussionInput(
    [property: Required(ErrorMessage = DiscussionInput.TitleMessage), StringLength(DiscussionInput.MaxTitle, MinimumLength = 1, ErrorMessage = DiscussionInput.TitleMessage)] string Title,
    [property: Required(ErrorMessage = DiscussionInput.BodyMessage), StringLength(DiscussionInput.MaxBody, MinimumLength = 1, ErrorMessage = DiscussionInput.BodyMessage)] string Body,
    int? UnitId = null)
{
    public const int MaxTitle = 200;
    public const int MaxBody = 20_000;
    const string TitleMessage = "Give the discussion a title of up to 200 characters.";
    const string BodyMessage = "Write the opening post, up to 20,000 characters.";
}

public sealed record ReplyInput(
    [property: Required(ErrorMessage = ReplyInput.BodyMessage), StringLength(DiscussionInput.MaxBody, MinimumLength = 1, ErrorMessage = ReplyInput.BodyMessage)] string Body,
    int? ReplyToId = null)
{
    const string BodyMessage = "Write a reply of up to 20,000 characters.";
}

public sealed record EditPostInput(
    [property: Required(ErrorMessage = EditPostInput.BodyMessage), StringLength(DiscussionInput.MaxBody, MinimumLength = 1, ErrorMessage = EditPostInput.BodyMessage)] string Body)
{
    const string BodyMessage = "Write the post, up to 20,000 characters.";
}

public sealed record ModerationInput(bool? Locked = null, bool? Pinned = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Locked is null && Pinned is null) yield return new("Say whether to lock or pin the discussion.", ["locked"]);
    }
}
