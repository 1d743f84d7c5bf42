using Groundwork.Tally.Questions;

namespace Groundwork.Tally.Tests.Questions;

public sealed class QuestionTests
{
    static IEnumerable<QuestionVote> Votes(long yes, long no, long abstain = 0, long invalid = 0) =>
        [new(yes, Answer.Yes), new(no, Answer.No), new(abstain, Answer.Abstain), new(invalid, Answer.Invalid)];

    [Fact]
    public void A_tie_is_not_more_than_half()
    {
        Assert.Equal(QuestionOutcome.Failed, Question.Decide(Votes(150, 150), Threshold.SimpleMajority).Outcome);
        Assert.True(Question.Decide(Votes(151, 150), Threshold.SimpleMajority).Passed);
        Assert.True(Question.Decide(Votes(150, 150), Threshold.AtLeast(1, 2)).Passed);
    }

    [Fact]
    public void At_least_two_thirds_passes_exactly_at_two_thirds_but_more_than_two_thirds_does_not()
    {
        var exact = Question.Decide(Votes(200, 100), Threshold.AtLeast(2, 3));
        Assert.True(exact.Passed);
        Assert.Equal(200, exact.YesRequired);
        var strict = Question.Decide(Votes(200, 100), Threshold.MoreThan(2, 3));
        Assert.False(strict.Passed);
        Assert.Equal(201, strict.YesRequired);
    }

    [Fact]
    public void Three_quarters_is_compared_without_rounding()
    {
        // 3/4 of 1,000,000,000,001 is 750,000,000,000.75: 750,000,000,000 yes is not enough.
        Assert.False(Question.Decide(Votes(750_000_000_000, 250_000_000_001), Threshold.AtLeast(3, 4)).Passed);
        Assert.True(Question.Decide(Votes(750_000_000_001, 250_000_000_000), Threshold.AtLeast(3, 4)).Passed);
    }

    [Fact]
    public void The_base_decides_whether_abstentions_and_absentees_count_against()
    {
        var votes = Votes(60, 40, abstain: 30, invalid: 10);
        Assert.True(Question.Decide(votes, Threshold.SimpleMajority, Base.YesAndNo).Passed);         // 60 of 100
        Assert.False(Question.Decide(votes, Threshold.SimpleMajority, Base.ValidVotes).Passed);      // 60 of 130
        Assert.False(Question.Decide(votes, Threshold.SimpleMajority, Base.VotesCast).Passed);       // 60 of 140
        var present = Question.Decide(votes, Threshold.AtLeast(1, 3), Base.VotersPresent, votersPresent: 180);
        Assert.True(present.Passed);
        Assert.Equal(180, present.BaseCount);
        Assert.False(Question.Decide(votes, Threshold.AtLeast(1, 3), Base.EntitledVoters, entitledVoters: 181, votersPresent: 180).Passed);
    }

    [Fact]
    public void Without_a_quorum_nothing_is_decided()
    {
        var quorum = Quorum.FractionOf(300, new Fraction(1, 3));
        Assert.Equal(100, quorum.Required);
        var result = Question.Decide(Votes(90, 9), Threshold.SimpleMajority, quorum: quorum, entitledVoters: 300);
        Assert.Equal(QuestionOutcome.NoQuorum, result.Outcome);
        Assert.Equal(QuestionOutcome.Passed, Question.Decide(Votes(90, 9, abstain: 1), Threshold.SimpleMajority, quorum: quorum).Outcome);
        // Counting attendance instead: 120 present is a quorum even if only 99 voted.
        Assert.True(Question.Decide(Votes(90, 9), Threshold.SimpleMajority, quorum: new Quorum(100, Base.VotersPresent), votersPresent: 120).Passed);
    }

    [Fact]
    public void A_delegate_can_split_their_votes()
    {
        var split = Question.Decide([new(30, Answer.Yes), new(15, Answer.No), new(10, Answer.No)], Threshold.SimpleMajority);
        Assert.Equal(30, split.Yes);
        Assert.Equal(25, split.No);
        Assert.True(split.Passed);
    }

    [Fact]
    public void Impossible_counts_are_errors()
    {
        Assert.Throws<ArgumentException>(() => Question.Decide(Votes(10, 10), Threshold.SimpleMajority, Base.VotersPresent, votersPresent: 19));
        Assert.Throws<ArgumentException>(() => Question.Decide(Votes(10, 10), Threshold.SimpleMajority, Base.EntitledVoters));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Fraction(3, 2));
    }

    [Fact]
    public void Consent_passes_unless_an_objection_stands()
    {
        Assert.True(Consent.Decide([new("ann", ConsentPosition.Consent), new("bo", ConsentPosition.StandAside)]).Passed);
        var objected = Consent.Decide([new("ann", ConsentPosition.Consent), new("bo", ConsentPosition.Object)]);
        Assert.False(objected.Passed);
        Assert.Equal(["bo"], objected.StandingObjections);
        Assert.True(Consent.Decide([new("ann", ConsentPosition.Consent), new("bo", ConsentPosition.Object, Withdrawn: true)]).Passed);
    }

    [Fact]
    public void Consensus_is_stopped_by_blocks_and_can_require_a_share_of_agreement()
    {
        ConsensusResponse[] responses =
        [
            new("ann", ConsensusPosition.Agree, 45), new("bo", ConsensusPosition.Disagree, 10),
            new("cy", ConsensusPosition.StandAside), new("di", ConsensusPosition.Block, 1),
        ];
        var blocked = Consensus.Decide(responses);
        Assert.False(blocked.Passed);
        Assert.Equal(["di"], blocked.Blockers);
        Assert.True(Consensus.Decide(responses, blocksToStop: 2).Passed);
        Assert.True(Consensus.Decide(responses, blocksToStop: 2, agreement: Threshold.AtLeast(3, 4)).Passed);      // 45 of 55
        Assert.False(Consensus.Decide(responses, blocksToStop: 2, agreement: Threshold.AtLeast(9, 10)).Passed);
    }
}
