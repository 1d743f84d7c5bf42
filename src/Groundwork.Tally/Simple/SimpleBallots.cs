namespace Groundwork.Tally.Simple;

// Weighted and split ballots, for every method in this library: a delegate carrying 45 members' votes is one
// ballot of Weight 45; a delegate casting 30 one way and 15 another is simply two ballots, of Weight 30 and
// 15. We chose several weighted ballots over one ballot with weighted parts because every method already
// treats a ballot of weight k as k identical ballots, so a split needs no rule of its own and cannot be
// counted differently from its parts (a property test holds us to that).

/// Approval or plurality: the candidates marked (0-based indexes). Marking one candidate twice counts once.
public sealed record MarkBallot(long Weight, int[] Marks);

/// Score (range) voting: Scores[c] is the score given to candidate c, or null where left blank.
public sealed record ScoreBallot(long Weight, int?[] Scores);

/// Cumulative or dot voting: Points[c] is how many points the voter puts on candidate c.
public sealed record PointsBallot(long Weight, int[] Points);

/// How a blank score counts: as the minimum score (the usual rule for score ballots on paper), or not at
/// all, so a candidate is judged on the average of the scores actually given.
public enum BlankScore { Minimum, Ignored }
