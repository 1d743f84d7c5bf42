using System.Numerics;

namespace Groundwork.Tally.Questions;

public enum Answer { Yes, No, Abstain, Invalid }

/// One ballot on a question. A delegate carrying 45 members' votes casts Weight 45; a delegate splitting
/// 30 yes and 15 no casts two votes (30 Yes, 15 No).
public sealed record QuestionVote(long Weight, Answer Answer);

/// A fraction compared exactly: the threshold is never turned into a decimal, so "two thirds" of 300 is
/// 200, not 199.99999.
public readonly record struct Fraction
{
    public Fraction(long numerator, long denominator)
    {
        if (denominator <= 0 || numerator < 0 || numerator > denominator)
            throw new ArgumentOutOfRangeException(nameof(numerator), $"{numerator}/{denominator} is not a fraction between 0 and 1.");
        Numerator = numerator;
        Denominator = denominator;
    }

    public long Numerator { get; }
    public long Denominator { get; }

    public static Fraction Half { get; } = new(1, 2);
    public static Fraction TwoThirds { get; } = new(2, 3);
    public static Fraction ThreeQuarters { get; } = new(3, 4);

    public override string ToString() => $"{Numerator}/{Denominator}";
}

/// "More than half" and "at least two thirds" differ exactly at the boundary (150 of 300; 200 of 300), so
/// the comparison is part of the threshold, never implied by the fraction.
public sealed record Threshold(Fraction Fraction, bool Strict)
{
    public static Threshold MoreThan(long numerator, long denominator) => new(new Fraction(numerator, denominator), Strict: true);
    public static Threshold AtLeast(long numerator, long denominator) => new(new Fraction(numerator, denominator), Strict: false);
    public static Threshold SimpleMajority { get; } = MoreThan(1, 2);

    /// Exact: yes/base > n/d is yes·d > n·base, in BigInteger so no weight can overflow it.
    public bool IsMet(long yes, long @base)
    {
        var left = (BigInteger)yes * Fraction.Denominator;
        var right = (BigInteger)Fraction.Numerator * @base;
        return Strict ? left > right : left >= right;
    }

    /// The fewest yes votes that meet the threshold on this base.
    public long Required(long @base)
    {
        var product = (BigInteger)Fraction.Numerator * @base;
        var atLeast = BigInteger.DivRem(product, Fraction.Denominator, out var rest) + (rest > 0 ? 1 : 0);
        if (Strict && atLeast * Fraction.Denominator == product) atLeast += 1;
        return (long)atLeast;
    }

    public override string ToString() => $"{(Strict ? "more than" : "at least")} {Fraction}";
}

/// What the yes votes are measured against.
public enum Base
{
    /// Yes and no only; abstentions and invalid ballots do not count (Robert's Rules' "majority vote").
    YesAndNo,
    /// Yes, no and abstain: an abstention counts as a valid vote and so works like a no.
    ValidVotes,
    /// Every ballot cast, including invalid ones.
    VotesCast,
    /// The voters present at the meeting, voting or not (given by the caller: a roll call, not the ballots).
    VotersPresent,
    /// Every member entitled to vote (given by the caller: the register).
    EntitledVoters,
}

/// A quorum: at least <see cref="Required"/> participants, counted as <see cref="Counted"/> (ballots cast,
/// or voters present when the rules count attendance).
public sealed record Quorum(long Required, Base Counted = Base.VotesCast)
{
    /// For example a third of the members: the smallest whole number of people not below the fraction.
    public static Quorum FractionOf(long entitled, Fraction fraction, Base counted = Base.VotesCast) =>
        new(new Threshold(fraction, Strict: false).Required(entitled), counted);
}

public enum QuestionOutcome { Passed, Failed, NoQuorum }

public sealed record QuestionResult(
    QuestionOutcome Outcome,
    long Yes, long No, long Abstain, long Invalid,
    Base Base, long BaseCount, Threshold Threshold, long YesRequired,
    string Explanation)
{
    public bool Passed => Outcome == QuestionOutcome.Passed;
}

/// A yes/no/abstain question decided by a threshold against a chosen base, after a quorum check.
/// A tie is not "more than half", so it fails: no lot and no casting vote here, because bylaws that give
/// the chair a casting vote decide that outside the count.
public static class Question
{
    public static QuestionResult Decide(IEnumerable<QuestionVote> votes, Threshold threshold, Base @base = Base.YesAndNo,
        Quorum? quorum = null, long? votersPresent = null, long? entitledVoters = null)
    {
        long yes = 0, no = 0, abstain = 0, invalid = 0;
        foreach (var v in votes)
        {
            if (v.Weight < 0) throw new ArgumentOutOfRangeException(nameof(votes), v.Weight, "A vote's weight cannot be negative.");
            switch (v.Answer)
            {
                case Answer.Yes: yes = checked(yes + v.Weight); break;
                case Answer.No: no = checked(no + v.Weight); break;
                case Answer.Abstain: abstain = checked(abstain + v.Weight); break;
                case Answer.Invalid: invalid = checked(invalid + v.Weight); break;
                default: throw new ArgumentOutOfRangeException(nameof(votes), v.Answer, "Unknown answer.");
            }
        }
        var cast = yes + no + abstain + invalid;
        if (votersPresent < cast)
            throw new ArgumentException($"{votersPresent} voters present cannot have cast {cast} votes.", nameof(votersPresent));
        if (entitledVoters < (votersPresent ?? cast))
            throw new ArgumentException($"{entitledVoters} entitled voters is fewer than the {votersPresent ?? cast} who took part.", nameof(entitledVoters));

        long Count(Base b) => b switch
        {
            Base.YesAndNo => yes + no,
            Base.ValidVotes => yes + no + abstain,
            Base.VotesCast => cast,
            Base.VotersPresent => votersPresent ?? throw new ArgumentException("This base needs the number of voters present.", nameof(votersPresent)),
            Base.EntitledVoters => entitledVoters ?? throw new ArgumentException("This base needs the number of entitled voters.", nameof(entitledVoters)),
            _ => throw new ArgumentOutOfRangeException(nameof(@base), b, "Unknown base."),
        };

        var baseCount = Count(@base);
        var required = threshold.Required(baseCount);
        if (quorum is not null)
        {
            var participation = Count(quorum.Counted);
            if (participation < quorum.Required)
                return new(QuestionOutcome.NoQuorum, yes, no, abstain, invalid, @base, baseCount, threshold, required,
                    $"No quorum: {participation} counted ({quorum.Counted}), {quorum.Required} needed.");
        }
        // With an empty base nothing was decided, even though 0 ≥ 0·n/d would make "at least" vacuously true.
        var passed = baseCount > 0 && threshold.IsMet(yes, baseCount);
        var explanation = $"{yes} yes of {baseCount} ({@base}); {threshold} needs {required}: {(passed ? "passed" : "failed")}.";
        return new(passed ? QuestionOutcome.Passed : QuestionOutcome.Failed, yes, no, abstain, invalid, @base, baseCount, threshold, required, explanation);
    }
}
