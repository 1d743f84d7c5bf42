namespace Groundwork.Deliberation;

/// A thread in an organization, or in one of its units (then only members placed there, and the organizers who cover
/// the unit, see it). Its opening words are its first <see cref="Post"/>; title and bodies are encrypted at rest.
public sealed class Discussion
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int? UnitId { get; set; }
    public required string Title { get; set; }
    public required string AuthorId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime LastPostUtc { get; set; }
    public int ReplyCount { get; set; }
    public bool IsLocked { get; set; }
    public bool IsPinned { get; set; }
}

/// The opening post or a reply. A deleted post stays in place (its body blanked) so the thread still reads in order.
public sealed class Post
{
    public int Id { get; set; }
    public int DiscussionId { get; set; }
    public required string AuthorId { get; set; }
    /// A reply to a reply is shown under that reply, one level deep (replies to nested replies join the same level).
    public int? ReplyToId { get; set; }
    public bool IsOpening { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// Bumped by every edit with a conditional UPDATE, so two edits at once cannot both win silently.
    public int Revision { get; set; } = 1;
    public DateTime? EditedUtc { get; set; }
    public DateTime? DeletedUtc { get; set; }
    public string? DeletedById { get; set; }
}

/// Every version of a post's body, the first included: the edit history.
public sealed class PostRevision
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public int Number { get; set; }
    public required string Body { get; set; }
    public required string EditorId { get; set; }
    public DateTime AtUtc { get; set; }
}
