using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Groundwork.Tally;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Questions;

namespace Groundwork.Decisions;

public sealed record OptionTotal(int OptionId, string Label, decimal Value);

public sealed record StageView(int Number, string Action, List<string> Subjects, List<string> Elected,
    List<OptionTotal> Totals, decimal Exhausted, decimal NonTransferable, decimal? Quota);

public sealed record LotView(string Reason, List<string> Among, string Chosen, int Seed);

public sealed record ReasonView(string Position, string Reason, string Name);

/// A poll's count. <see cref="Tally"/> is the `tally --json` line for the downloadable board (its "file" left out), so
/// anyone can check the page against the command.
public sealed record PollResult(
    string Method, int Ballots, long Weight, long Entitled, bool QuorumMet, bool? Passed, string Outcome,
    List<OptionTotal> Totals, List<string> Elected, List<StageView> Stages, List<LotView> Lots, List<string> Notes,
    decimal? Quota, string Tally)
{
    public List<ReasonView> Reasons { get; init; } = [];
}

/// One counted ballot: its marks, its weight, and (secret polls) its tracker.
public sealed record CountedBallot(Marks Marks, long Weight, string? Tracker = null);

/// Counting is the tally engine's: the ballots are written as the JSON ballot file of docs/tally.md (the board that
/// members download), read back by the engine's reader and counted by the engine's method — exactly what
/// `tally --method M --seed S --json board.json` does. Positional polls (proposal, consent …) add the decision rule on top.
public static class PollCount
{
    static readonly JsonWriterOptions writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// The `tally` method that counts this poll's board.
    public static string TallyMethod(Poll poll) => poll.Shape switch
    {
        BallotShape.Choice => "plurality",
        BallotShape.Choices => "approval",
        BallotShape.Points or BallotShape.Scores => "score",
        _ => poll.Method ?? "irv",
    };

    /// The board as a `tally` JSON ballot file. Ballots are written in the order given (the board's random order).
    public static byte[] Board(Poll poll, IReadOnlyList<PollOption> options, IEnumerable<CountedBallot> ballots)
    {
        var labels = options.OrderBy(o => o.Position).Select(o => o.Label).ToArray();
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using (var w = new Utf8JsonWriter(buffer, writerOptions))
        {
            w.WriteStartObject();
            w.WriteString("title", poll.Title);
            w.WriteNumber("seats", poll.Shape is BallotShape.Ranking ? poll.Seats : 1);
            w.WriteString("method", TallyMethod(poll));
            w.WriteNumber("seed", poll.LotSeed);
            w.WriteStartArray("candidates");
            foreach (var l in labels) w.WriteStringValue(l);
            w.WriteEndArray();
            if (poll.Shape is BallotShape.Points or BallotShape.Scores)
            {
                var (min, max) = poll.Shape == BallotShape.Scores ? (poll.ScoreMin, poll.ScoreMax) : (0, poll.MaxPerOption ?? poll.Points ?? 0);
                w.WriteStartObject("scale");
                w.WriteNumber("min", min);
                w.WriteNumber("max", max);
                w.WriteEndObject();
            }
            w.WriteStartArray("ballots");
            foreach (var b in ballots)
            {
                w.WriteStartObject();
                if (b.Tracker is not null) w.WriteString("tracker", b.Tracker);
                w.WriteNumber("count", b.Weight);
                var m = b.Marks;
                switch (poll.Shape)
                {
                    case BallotShape.Choice:
                    case BallotShape.Ranking:
                        w.WriteStartArray("ranking");
                        foreach (var o in m.Options) w.WriteStringValue(labels[o]);
                        w.WriteEndArray();
                        break;
                    case BallotShape.Choices:
                        // All marked options ranked equal first: approval reads that as approving each.
                        w.WriteStartArray("ranking");
                        w.WriteStartArray();
                        foreach (var o in m.Options) w.WriteStringValue(labels[o]);
                        w.WriteEndArray();
                        w.WriteEndArray();
                        break;
                    default:
                        w.WriteStartObject("scores");
                        for (var i = 0; i < m.Options.Length; i++) w.WriteNumber(labels[m.Options[i]], m.Values![i]);
                        w.WriteEndObject();
                        break;
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// Counts the board as `tally` would, then applies the poll's own rules (quorum, threshold, blocks, target).
    public static PollResult Count(Poll poll, IReadOnlyList<PollOption> options, IReadOnlyList<CountedBallot> ballots, long entitled)
    {
        var sorted = options.OrderBy(o => o.Position).ToList();
        var method = TallyMethod(poll);
        long weight = ballots.Sum(b => b.Weight);
        var quorumMet = poll.Quorum is not { } q || weight >= q;
        if (ballots.Count == 0)
            return new PollResult(method, 0, 0, entitled, quorumMet, poll.Shape == BallotShape.Choice && Poll.HasFixedOptions(poll.Kind) ? false : null,
                "No ballots were cast.", [.. sorted.Select(o => new OptionTotal(o.Id, o.Label, 0))], [], [], [], [], null, "");
        var board = Board(poll, sorted, ballots);
        using var stream = new MemoryStream(board);
        var read = JsonBallots.Read(stream, "board.json");
        if (read.Error is { } error) throw new InvalidOperationException("The board could not be read back: " + error.Message);
        var count = Methods.Find(method) ?? throw new InvalidOperationException($"No method {method}.");
        var election = read.Election!;
        TallyResult r;
        try
        {
            r = count(election, new MethodOptions { LotSeed = poll.LotSeed });
        }
        catch (ArgumentException e)
        {
            // More seats than options with support, or the like: say so rather than fail the close.
            return new PollResult(method, ballots.Count, weight, entitled, quorumMet, null, "The count could not be made: " + e.Message,
                [.. sorted.Select(o => new OptionTotal(o.Id, o.Label, 0))], [], [], [], [], null, "");
        }
        var line = new ArrayBufferWriter<byte>(4096);
        ResultWriter.WriteJsonLine(r, "board.json", line, method);
        var tallyJson = WithoutFile(Encoding.UTF8.GetString(line.WrittenSpan));

        List<OptionTotal> Totals(IReadOnlyDictionary<int, decimal> t) => [.. sorted.Select(o => new OptionTotal(o.Id, o.Label, t.GetValueOrDefault(o.Position)))];
        var totals = r.Counts is { } counts ? Totals(counts)
            : r.Stages.Count > 0 ? Totals(r.Stages[0].Totals)
            : r.Pairwise is { } pw ? Totals(Enumerable.Range(0, sorted.Count).ToDictionary(i => i, i => pw[i].Sum()))
            : Totals(new Dictionary<int, decimal>());
        var stages = r.Stages.Select((s, i) => new StageView(i + 1, s.Action, [.. s.Subjects.Select(c => sorted[c].Label)],
            [.. s.Elected.Select(c => sorted[c].Label)], Totals(s.Totals), s.Exhausted, s.NonTransferable, s.Quota)).ToList();
        var lots = r.Lots.Select(l => new LotView(l.Reason, [.. l.Among.Select(c => sorted[c].Label)], sorted[l.Chosen].Label, l.Seed)).ToList();
        var elected = r.Elected.Select(c => sorted[c].Label).ToList();
        var notes = new List<string>(r.Notes);

        bool? passed = null;
        string outcome;
        long W(int position) => ballots.Where(b => b.Marks.Options[0] == position).Sum(b => b.Weight);
        switch (poll.Kind)
        {
            case PollKind.Proposal:
            {
                // Agree, Abstain, Disagree, Block: a block stops it; otherwise the threshold on the chosen base.
                var votes = ballots.Select(b => new QuestionVote(b.Weight, b.Marks.Options[0] switch { 0 => Answer.Yes, 1 => Answer.Abstain, _ => Answer.No }));
                var threshold = new Threshold(new Fraction(poll.ThresholdNumerator, poll.ThresholdDenominator), poll.ThresholdStrict);
                var @base = poll.Base switch { MajorityBase.Valid => Base.YesAndNo, MajorityBase.Entitled => Base.EntitledVoters, _ => Base.VotesCast };
                var decision = Question.Decide(votes, threshold, @base, poll.Quorum is { } qq ? new Quorum(qq) : null,
                    entitledVoters: Math.Max(entitled, weight));
                var blocks = W(3);
                passed = decision.Passed && blocks == 0;
                outcome = blocks > 0 ? $"Blocked ({blocks} block{(blocks == 1 ? "" : "s")})." : decision.Explanation;
                break;
            }
            case PollKind.Consent:
            {
                var d = Consent.Decide(ballots.Select((b, i) => new ConsentResponse($"ballot {i + 1}",
                    b.Marks.Options[0] switch { 0 => ConsentPosition.Consent, 1 => ConsentPosition.StandAside, _ => ConsentPosition.Object })));
                passed = d.Passed && quorumMet;
                outcome = d.Passed ? "Passed: no objection stands." : $"Not passed: {d.StandingObjections.Count} objection(s) stand.";
                break;
            }
            case PollKind.Consensus:
            {
                var d = Consensus.Decide(ballots.Select((b, i) => new ConsensusResponse($"ballot {i + 1}",
                    b.Marks.Options[0] switch { 0 => ConsensusPosition.Agree, 1 => ConsensusPosition.StandAside, 2 => ConsensusPosition.Disagree, _ => ConsensusPosition.Block }, b.Weight)));
                passed = d.Passed && quorumMet;
                outcome = d.Block > 0 ? $"Blocked ({d.Block} block{(d.Block == 1 ? "" : "s")})." : d.Explanation;
                break;
            }
            case PollKind.CountMeIn:
                passed = poll.Target is { } target ? weight >= target : null;
                outcome = poll.Target is { } t ? (weight >= t ? $"Target reached: {weight} of {t}." : $"{weight} of {t}: target not reached.") : $"{weight} counted in.";
                break;
            case PollKind.Gradients:
            case PollKind.SenseCheck:
                outcome = $"Most chose: {string.Join(", ", r.Ranking is { Count: > 0 } rk ? rk[0].Select(c => sorted[c].Label) : [])}.";
                break;
            default:
                outcome = elected.Count == 0 ? "Nobody was elected." : (poll.Kind == PollKind.Election ? "Elected: " : "Chosen: ") + string.Join(", ", elected) + ".";
                break;
        }
        if (!quorumMet)
        {
            passed = passed is null ? null : false;
            outcome = $"No quorum: {weight} counted, {poll.Quorum} needed. " + outcome;
        }
        return new PollResult(method, ballots.Count, weight, entitled, quorumMet, passed, outcome, totals, elected, stages, lots, notes, r.Quota, tallyJson);
    }

    /// The `tally --json` line without its "file" property, which names wherever the file happened to be.
    public static string WithoutFile(string jsonLine)
    {
        using var doc = JsonDocument.Parse(jsonLine);
        var buffer = new ArrayBufferWriter<byte>(jsonLine.Length);
        using (var w = new Utf8JsonWriter(buffer, writerOptions))
        {
            w.WriteStartObject();
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Name != "file") p.WriteTo(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
