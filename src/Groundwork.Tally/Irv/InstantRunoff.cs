using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Irv;

/// Instant-runoff voting (and its multi-seat forms) as the RCTab tabulator counts, round by round:
/// each round every ballot counts for its highest continuing choice, subject to the overvote and skipped-rank
/// rules; then either winners are declared or candidates are eliminated.
public static class InstantRunoff
{
    public const string Name = "irv";

    enum Status : byte { Continuing, Winner, Eliminated }

    public static TallyResult Count(Election election, IrvRules? rules = null)
    {
        rules ??= IrvRules.Minneapolis;
        if (rules.MultiSeat == MultiSeatMode.Sequential && (rules.Seats ?? election.Seats) > 1) return Sequential(election, rules);
        int n = election.Candidates.Count;
        int seats = rules.Seats ?? election.Seats;
        if (seats < 1) throw new ArgumentException("At least one seat must be filled.", nameof(rules));
        long unit = 1;
        for (int i = 0; i < rules.Decimals; i++) unit *= 10;
        decimal unitD = unit;
        int? uwi = election.UndeclaredWriteIn;

        // Identical ballots are merged by the readers; the groups here are the election's own entries.
        var ballots = election.Ballots;
        int m = ballots.Count;
        var recipient = new int[m];
        var exhausted = new bool[m];
        var value = new long[m];
        var lastRank = new int[m];
        long blank = 0;
        for (int b = 0; b < m; b++)
        {
            if (ballots[b].Weight < 0) throw new ArgumentException("A ballot weight cannot be negative.", nameof(election));
            recipient[b] = -1;
            value[b] = unit;
            var r = ballots[b].Ranking;
            for (int t = r.Length - 1; t >= 0; t--) if (r[t].Length > 0) { lastRank[b] = t + 1; break; }
            foreach (var tier in r)
                foreach (int c in tier)
                    if (c != RankedBallot.Overvote && (uint)c >= (uint)n)
                        throw new ArgumentException($"Ballot names candidate index {c}, but there are {n} candidates.", nameof(election));
            if (lastRank[b] == 0) { exhausted[b] = true; blank += ballots[b].Weight; }
        }

        var status = new Status[n];
        foreach (int w in election.Withdrawn) status[w] = Status.Eliminated;
        var result = new TallyResult { Method = Name, Candidates = election.Candidates, Seats = seats, Blank = blank };
        var lot = new Lot(rules.LotSeed);
        var history = new List<long[]>();
        var electedRound = new int[n];
        var keptByWinner = new long[n];
        long threshold = 0;
        bool multi = seats > 1;

        bool Continuing(int c) => c >= 0 && status[c] == Status.Continuing;

        for (int round = 1; ; round++)
        {
            var tally = new long[n];
            long inactive = 0;
            for (int b = 0; b < m; b++)
            {
                long w = ballots[b].Weight;
                if (exhausted[b]) { if (lastRank[b] > 0) inactive += w * value[b]; continue; }
                if (Continuing(recipient[b])) { tally[recipient[b]] += w * value[b]; continue; }
                int chosen = Choose(ballots[b].Ranking, lastRank[b], rules, Continuing);
                if (chosen < 0) { exhausted[b] = true; recipient[b] = -1; inactive += w * value[b]; }
                else { recipient[b] = chosen; tally[chosen] += w * value[b]; }
            }

            // Previous winners' totals (multi-seat): what their ballots kept when the surplus left.
            if (multi)
            {
                for (int c = 0; c < n; c++)
                {
                    if (status[c] != Status.Winner) continue;
                    if (electedRound[c] == round - 1)
                    {
                        long kept = keptByWinner[c];
                        tally[c] = kept > threshold && rules.MultiSeat == MultiSeatMode.FractionalSurplus ? threshold : kept;
                    }
                    else tally[c] = history[^1][c];
                }
            }

            long active = 0;
            for (int c = 0; c < n; c++) if (status[c] == Status.Continuing) active += tally[c];
            if (round == 1 || !multi)
            {
                // RCTab: floor(active ÷ (seats + 1)) + 1 whole votes, or ceil(active ÷ seats) under Hare.
                threshold = rules.HareQuota
                    ? (active + seats * unit - 1) / (seats * unit) * unit
                    : (active / (seats + 1) / unit + 1) * unit;
            }
            history.Add(tally);

            var continuing = Enumerable.Range(0, n).Where(c => status[c] == Status.Continuing).ToList();
            int unfilled = seats - result.Elected.Count;
            var winners = new List<int>();
            bool uwiLive = uwi is int u && status[u] == Status.Continuing && tally[u] != 0;
            if (!uwiLive && unfilled > 0)
            {
                if (continuing.Count == unfilled)
                    winners.AddRange(continuing.OrderByDescending(c => tally[c]));
                else if (!(multi && rules.MultiSeat == MultiSeatMode.BottomsUp))
                    winners.AddRange(continuing.Where(c => c != uwi && tally[c] >= threshold).OrderByDescending(c => tally[c]));
                if (winners.Count == 0 && seats == 1 && continuing.Count == 2)
                {
                    long top = continuing.Max(c => tally[c]);
                    var tied = continuing.Where(c => tally[c] == top).ToList();
                    winners.Add(tied.Count == 1 ? tied[0] : BreakTie(tied, highest: true));
                }
            }

            var eliminated = new List<int>();
            if (winners.Count > 0)
            {
                foreach (int w in winners)
                {
                    status[w] = Status.Winner;
                    electedRound[w] = round;
                    result.Elected.Add(w);
                }
                if (multi && rules.MultiSeat == MultiSeatMode.FractionalSurplus)
                {
                    foreach (int w in winners)
                    {
                        long extra = tally[w] - threshold;
                        // Surplus fraction to the configured places, rounded down; each ballot passes on its
                        // value × fraction rounded down, so the winner never falls below the threshold.
                        long fraction = extra > 0 ? (long)((Int128)extra * unit / tally[w]) : 0;
                        long kept = 0;
                        for (int b = 0; b < m; b++)
                        {
                            if (exhausted[b] || recipient[b] != w) continue;
                            long moving = (long)((Int128)value[b] * fraction / unit);
                            kept += ballots[b].Weight * (value[b] - moving);
                            value[b] = moving;
                        }
                        keptByWinner[w] = kept;
                    }
                }
            }
            else if (result.Elected.Count < seats && continuing.Count == 0)
            {
                // More seats than candidates left standing (withdrawals): the rest stay empty.
                result.Notes.Add($"only {result.Elected.Count} of {seats} seats could be filled: no candidates remain");
                break;
            }
            else if (result.Elected.Count < seats)
            {
                if (uwi is int wi && status[wi] == Status.Continuing && tally[wi] > 0) eliminated.Add(wi);
                if (eliminated.Count == 0 && rules.BatchElimination) eliminated = Batch(continuing, tally);
                if (eliminated.Count == 0)
                {
                    long low = continuing.Min(c => tally[c]);
                    var tied = continuing.Where(c => tally[c] == low).ToList();
                    eliminated.Add(tied.Count == 1 ? tied[0] : BreakTie(tied, highest: false));
                }
                foreach (int c in eliminated)
                {
                    status[c] = Status.Eliminated;
                    result.Excluded.Add(c);
                }
            }

            var totals = new Dictionary<int, decimal>();
            for (int c = 0; c < n; c++)
                if (status[c] != Status.Eliminated || eliminated.Contains(c)) totals[c] = tally[c] / unitD;
            result.Stages.Add(new Stage(winners.Count > 0 ? "elect" : eliminated.Count > 0 ? "eliminate" : "final",
                eliminated, totals, inactive / unitD, inactive / unitD)
            {
                Elected = winners,
                Quota = threshold / unitD,
            });

            bool more = result.Elected.Count < seats
                || (multi && winners.Count > 0 && rules.MultiSeat == MultiSeatMode.FractionalSurplus);
            if (!more) break;
            if (continuing.Count == 0 && winners.Count == 0 && eliminated.Count == 0) break;
        }
        return new TallyResult { Method = Name, Candidates = election.Candidates, Seats = seats, Quota = threshold / unitD, Blank = blank }
            .With(result);

        int BreakTie(List<int> tied, bool highest)
        {
            var left = new List<int>(tied);
            if (rules.TieBreak == IrvTieBreak.PreviousRoundsThenLot)
            {
                for (int s = history.Count - 2; s >= 0 && left.Count > 1; s--)
                {
                    var at = history[s];
                    long best = highest ? left.Max(c => at[c]) : left.Min(c => at[c]);
                    left.RemoveAll(c => at[c] != best);
                }
            }
            return left.Count == 1 ? left[0] : lot.Draw(result, highest ? "winner" : "elimination", left);
        }
    }

    // Multi-pass IRV: each pass is a single-winner count with the earlier winners withdrawn; the rounds of
    // all passes are reported in order, and each pass's elected candidate is a winner.
    static TallyResult Sequential(Election election, IrvRules rules)
    {
        int seats = rules.Seats ?? election.Seats;
        var withdrawn = new HashSet<int>(election.Withdrawn);
        var passes = new List<TallyResult>();
        for (int pass = 1; pass <= seats && withdrawn.Count < election.Candidates.Count; pass++)
        {
            var one = Count(election with { Withdrawn = new HashSet<int>(withdrawn) }, rules with { Seats = 1, MultiSeat = MultiSeatMode.FractionalSurplus, LotSeed = rules.LotSeed + pass - 1 });
            passes.Add(one);
            if (one.Elected.Count == 0) break;
            withdrawn.Add(one.Elected[0]);
        }
        var result = new TallyResult { Method = Name, Candidates = election.Candidates, Seats = seats, Quota = passes[^1].Quota, Blank = passes[0].Blank };
        for (int p = 0; p < passes.Count; p++)
        {
            result.Elected.AddRange(passes[p].Elected);
            result.Excluded.AddRange(passes[p].Excluded.Where(c => !result.Excluded.Contains(c)));
            foreach (var stage in passes[p].Stages) result.Stages.Add(stage with { Note = $"pass {p + 1}" });
            result.Lots.AddRange(passes[p].Lots);
            result.Notes.AddRange(passes[p].Notes.Select(n => $"pass {p + 1}: {n}"));
        }
        return result;
    }

    // RCTab batch elimination: walking up from the lowest, everyone below a point where the running total of
    // the lower candidates cannot reach the next tally is eliminated together (only if that is two or more).
    static List<int> Batch(List<int> continuing, long[] tally)
    {
        var groups = continuing.GroupBy(c => tally[c]).OrderBy(g => g.Key).ToList();
        long running = 0;
        var seen = new List<int>();
        var eliminated = new List<int>();
        foreach (var g in groups)
        {
            if (running < g.Key)
                foreach (int c in seen) if (!eliminated.Contains(c)) eliminated.Add(c);
            running += g.Key * g.Count();
            seen.AddRange(g);
        }
        return eliminated.Count > 1 ? eliminated : [];
    }

    // The ballot's current choice under the rules, or -1 when it exhausts. Ranks are 1-based positions; an
    // empty tier is a skipped rank.
    static int Choose(int[][] ranking, int lastRank, IrvRules rules, Func<int, bool> continuing)
    {
        int lastSeen = 0;
        HashSet<int>? seen = rules.ExhaustOnDuplicateCandidate ? [] : null;
        for (int t = 0; t < ranking.Length; t++)
        {
            var tier = ranking[t];
            if (tier.Length == 0) continue;
            int rank = t + 1;
            if (rules.MaxSkippedRanks is int max && rank - lastSeen > max + 1) return -1;
            lastSeen = rank;
            if (seen is not null)
                foreach (int c in tier)
                    if (c != RankedBallot.Overvote && !seen.Add(c)) return -1;
            bool overvote = tier.Length > 1 || tier[0] == RankedBallot.Overvote;
            if (overvote)
            {
                switch (rules.Overvote)
                {
                    case OvervoteRule.ExhaustImmediately:
                        return -1;
                    case OvervoteRule.AlwaysSkipToNextRank:
                        if (rank == lastRank) return -1;
                        continue;
                    case OvervoteRule.ExhaustIfMultipleContinuing:
                        if (tier.Count(c => c != RankedBallot.Overvote && continuing(c)) > 1) return -1;
                        break;
                }
            }
            foreach (int c in tier)
                if (c != RankedBallot.Overvote && continuing(c)) return c;
            if (rank == lastRank) return -1;
        }
        return -1;
    }

    static TallyResult With(this TallyResult target, TallyResult source)
    {
        target.Elected.AddRange(source.Elected);
        target.Excluded.AddRange(source.Excluded);
        target.Stages.AddRange(source.Stages);
        target.Lots.AddRange(source.Lots);
        target.Notes.AddRange(source.Notes);
        return target;
    }
}
