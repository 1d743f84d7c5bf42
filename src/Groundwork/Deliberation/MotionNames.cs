using Groundwork.Tally.Questions;

namespace Groundwork.Deliberation;

/// English names of motion states and rules, used as localization keys on the pages.
public static class MotionNames
{
    public static string Of(MotionStatus s) => s switch
    {
        MotionStatus.Submitted => "Submitted",
        MotionStatus.Seconded => "Seconded",
        MotionStatus.Debate => "In debate",
        MotionStatus.Voting => "Being voted",
        MotionStatus.Adopted => "Adopted",
        MotionStatus.Rejected => "Rejected",
        _ => "Withdrawn",
    };

    public static string Of(AmendmentStatus s) => s switch
    {
        AmendmentStatus.Proposed => "Proposed",
        AmendmentStatus.Seconded => "Seconded",
        AmendmentStatus.Voting => "Being voted",
        AmendmentStatus.Adopted => "Adopted",
        AmendmentStatus.Rejected => "Rejected",
        AmendmentStatus.Withdrawn => "Withdrawn",
        _ => "Lapsed",
    };

    public static string Of(AmendmentKind k) => k switch
    {
        AmendmentKind.Replace => "Replace paragraph {0}",
        AmendmentKind.InsertAfter => "Insert after paragraph {0}",
        _ => "Delete paragraph {0}",
    };

    public static string Of(Base b) => b switch
    {
        Base.YesAndNo => "Votes for and against",
        Base.ValidVotes => "Votes for, against and abstaining",
        Base.VotesCast => "All votes cast",
        _ => "All members",
    };

    public static string Of(MotionAnswer a) => a switch { MotionAnswer.For => "In favour", MotionAnswer.Against => "Against", _ => "Abstain" };

    public static string Of(QuestionOutcome o) => o switch { QuestionOutcome.Passed => "Carried", QuestionOutcome.Failed => "Lost", _ => "No quorum" };
}
