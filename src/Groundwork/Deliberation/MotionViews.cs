using Groundwork.Tally.Questions;

namespace Groundwork.Deliberation;

public sealed record MotionSummary(int Id, string Title, MotionStatus Status, string MoverName, DateTime CreatedUtc, DateTime? DecidedUtc, string? Result);

public sealed record ParagraphView(int Number, int Key, string Text);

public sealed record AmendmentView(int Id, AmendmentKind Kind, int? ParagraphNumber, string OriginalText, string NewText,
    List<MotionText.Segment> Diff, string ProposerName, string? SeconderName, AmendmentStatus Status, DateTime CreatedUtc,
    bool CanSecond, bool CanWithdraw, bool CanPutToVote);

public sealed record VoteView(int Id, int? AmendmentId, VoteMethod Method, VoteStatus Status, DateTime OpenedUtc, DateTime? ClosedUtc,
    long? For, long? Against, long? Abstain, long? Entitled, QuestionOutcome? Outcome, string? Explanation, int BallotsCast, MotionAnswer? MyAnswer);

public sealed record VersionView(int Number, string ChangedByName, int? AmendmentId, DateTime AtUtc, List<ParagraphView> Paragraphs);

public sealed record MotionView(int Id, string Title, MotionStatus Status, string MoverId, string MoverName, string? SeconderName,
    MotionMajority Majority, Base Base, int? Quorum, int CurrentVersion, List<ParagraphView> Paragraphs, List<AmendmentView> Amendments,
    List<VersionView> History, List<VoteView> Votes, VoteView? OpenVote, string? Result, DateTime CreatedUtc, DateTime? DecidedUtc,
    bool CanSecond, bool CanWithdraw, bool CanChair, bool CanProposeAmendment);
