using Groundwork.Members;

namespace Groundwork.Deliberation;

public sealed record DiscussionSummary(int Id, string Title, int? UnitId, string AuthorName, DateTime CreatedUtc, DateTime LastPostUtc,
    int ReplyCount, bool IsLocked, bool IsPinned);

public sealed record DiscussionPage(List<DiscussionSummary> Items, int Page, int Pages, int Total);

public sealed record PostView(int Id, string AuthorId, string AuthorName, int? ReplyToId, bool IsOpening, bool Deleted, string Body, string Html,
    DateTime CreatedUtc, DateTime? EditedUtc, int Revision, bool CanEdit, bool CanDelete);

public sealed record DiscussionView(int Id, string Title, int? UnitId, bool IsLocked, bool IsPinned, DateTime CreatedUtc,
    int ReplyCount, PostView Opening, List<PostView> Replies, int Page, int Pages, bool CanReply, bool CanModerate);

public sealed record PostRevisionView(int Number, string Body, string EditorName, DateTime AtUtc);

/// The caller's membership and the units they are placed in (unit threads are for those).
public sealed record Viewer(Membership Membership, int[] Units)
{
    public string PersonId => Membership.PersonId;
}
