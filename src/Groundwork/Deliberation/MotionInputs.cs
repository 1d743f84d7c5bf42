using System.ComponentModel.DataAnnotations;
using Groundwork.Tally.Questions;

namespace Groundwork.Deliberation;

/// A new motion. Its rules are here once: the API runs them before the handler, the page before it calls
/// <see cref="ProposeMotion"/>.
public sealed record MotionInput(
    [property: Required(ErrorMessage = MotionInput.TitleMessage), StringLength(MotionInput.MaxTitle, MinimumLength = 1, ErrorMessage = MotionInput.TitleMessage)] string Title,
    [property: Required(ErrorMessage = MotionInput.TextMessage), StringLength(MotionInput.MaxText, MinimumLength = 1, ErrorMessage = MotionInput.TextMessage)] string Text,
    [property: EnumDataType(typeof(MotionMajority), ErrorMessage = "Choose a simple or a two-thirds majority.")] MotionMajority Majority = MotionMajority.Simple,
    Base Base = Base.YesAndNo,
    [property: Range(1, 1_000_000, ErrorMessage = "A quorum is a number of members from 1 to 1,000,000.")] int? Quorum = null) : IValidatableObject
{
    public const int MaxTitle = 200;
    public const int MaxText = 50_000;
    const string TitleMessage = "Give the motion a title of up to 200 characters.";
    const string TextMessage = "Write the motion's text, up to 50,000 characters.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Base is not (Base.YesAndNo or Base.ValidVotes or Base.VotesCast or Base.EntitledVoters))
            yield return new("Count the majority of yes and no votes, of valid votes, of votes cast, or of all members.", ["base"]);
        var paragraphs = MotionText.Split(Text ?? "");
        if (paragraphs.Count > MotionText.MaxParagraphs) yield return new("A motion has at most 200 paragraphs.", ["text"]);
        else if (paragraphs.Any(p => p.Length > MotionText.MaxParagraph)) yield return new("A paragraph has at most 10,000 characters.", ["text"]);
    }
}

public sealed record AdvanceInput(
    [property: Required(ErrorMessage = "A motion moves on to debate, or from debate to a vote.")] MotionStatus? To,
    [property: EnumDataType(typeof(VoteMethod), ErrorMessage = "Vote electronically or by a show of hands.")] VoteMethod Method = VoteMethod.Electronic);

/// An amendment: which paragraph (by its number now), and the new text of that one paragraph (none for a deletion).
/// That the paragraph exists needs the motion's text: <see cref="AmendMotion"/> checks it.
public sealed record AmendmentInput(
    [property: Required(ErrorMessage = AmendmentInput.KindMessage), EnumDataType(typeof(AmendmentKind), ErrorMessage = AmendmentInput.KindMessage)] AmendmentKind? Kind,
    [property: Range(0, MotionText.MaxParagraphs, ErrorMessage = "The motion has no paragraph with this number.")] int Paragraph,
    [property: StringLength(MotionText.MaxParagraph, ErrorMessage = "A paragraph has at most 10,000 characters.")] string? Text = null) : IValidatableObject
{
    const string KindMessage = "Say whether the amendment replaces, inserts after or deletes a paragraph.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var text = MotionText.Split(Text ?? "");
        if (Kind == AmendmentKind.Delete && text.Count > 0) yield return new("A deletion has no new text.", ["text"]);
        else if (Kind is { } k && k != AmendmentKind.Delete && text.Count == 0) yield return new("Write the new paragraph.", ["text"]);
        else if (text.Count > 1) yield return new("An amendment changes one paragraph: write it without blank lines.", ["text"]);
    }
}

public sealed record OpenVoteInput(
    [property: EnumDataType(typeof(VoteMethod), ErrorMessage = "Vote electronically or by a show of hands.")] VoteMethod Method = VoteMethod.Electronic);

public sealed record BallotInput(
    [property: Required(ErrorMessage = "Vote for, against or abstain."), EnumDataType(typeof(MotionAnswer), ErrorMessage = "Vote for, against or abstain.")] MotionAnswer? Answer);

/// The counts of a show of hands, entered by the chair; none for an electronic vote.
public sealed record CloseVoteInput(
    [property: Range(0, 10_000_000, ErrorMessage = CloseVoteInput.CountMessage)] long? For = null,
    [property: Range(0, 10_000_000, ErrorMessage = CloseVoteInput.CountMessage)] long? Against = null,
    [property: Range(0, 10_000_000, ErrorMessage = CloseVoteInput.CountMessage)] long? Abstain = null)
{
    const string CountMessage = "Enter each count as a whole number from 0 to 10,000,000.";
}
