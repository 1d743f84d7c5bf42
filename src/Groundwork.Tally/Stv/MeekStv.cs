namespace Groundwork.Tally.Stv;

/// Meek STV as Hill, Wichmann and Woodall specified it (Algorithm 123, Computer Journal 1987; the New
/// Zealand rules): every elected candidate keeps a fraction (keep value) of each vote that reaches them and
/// passes the rest on, keep values are iterated until each elected candidate holds the quota, and the quota
/// itself falls as votes exhaust. Fixed point at 9 decimal places: keep values round up, kept votes round up,
/// so votes are never created. A ballot that ranks candidates equally is split among them at each rank, as
/// Droop's Meek does (<see cref="EqualRankings"/>).
public static class MeekStv
{
    public const string Name = "meek-stv";
    const long Unit = 1_000_000_000;
    const long Omega = 10_000;          // 0.00001: iteration stops when the total surplus is below this
    const int MaxIterations = 10_000;

    public static TallyResult Count(Election election, StvOptions? options = null) =>
        Count(PreferenceTable.From(election, splitEqual: true), election.Seats, options);

    public static TallyResult Count(PreferenceTable table, int electionSeats, StvOptions? options = null)
    {
        options ??= new();
        int n = table.Candidates.Count;
        int seats = options.Seats ?? electionSeats;
        if (seats < 1) throw new ArgumentException("At least one seat must be filled.", nameof(options));
        var result = new TallyResult { Method = Name, Candidates = table.Candidates, Seats = seats };
        var lot = new Lot(options.LotSeed);

        var keep = new long[n];
        Array.Fill(keep, Unit);
        var elected = new bool[n];
        var excluded = new bool[n];
        var votes = new long[n];
        var history = new List<long[]>();
        long exhausted = 0, quota = 0;
        int hopeful = n;
        foreach (int w in table.Withdrawn)
        {
            excluded[w] = true;
            keep[w] = 0;
            hopeful--;
        }
        long totalUnits = checked(table.TotalWeight * Unit);

        var groups = new BallotGroups(table, n);

        void Distribute()
        {
            Array.Clear(votes);
            exhausted = groups.Distribute(keep, votes, Unit);
            if (table.Equal is { } equal) exhausted += equal.Distribute(keep, excluded, votes, Unit);
            // Quota = active votes / (seats + 1), truncated, plus the smallest unit: "more than a Droop share".
            quota = (totalUnits - exhausted) / (seats + 1) + 1;
        }

        List<int> ElectReached(List<int>? into = null)
        {
            var reached = new List<int>();
            for (int c = 0; c < n; c++)
                if (!elected[c] && !excluded[c] && votes[c] >= quota) reached.Add(c);
            reached.Sort((a, b) => votes[b].CompareTo(votes[a]));
            into ??= [];
            foreach (int c in reached)
            {
                if (result.Elected.Count == seats) break;
                elected[c] = true;
                hopeful--;
                result.Elected.Add(c);
                into.Add(c);
                groups.Restop(c, elected, excluded);
            }
            return into;
        }

        long Surplus()
        {
            long s = 0;
            for (int c = 0; c < n; c++) if (elected[c] && votes[c] > quota) s += votes[c] - quota;
            return s;
        }

        // Iterates keep values until the surplus is negligible or a hopeful candidate reaches the quota.
        List<int> Iterate()
        {
            for (int it = 0; it < MaxIterations; it++)
            {
                if (Surplus() < Omega) return [];
                bool changed = false;
                for (int c = 0; c < n; c++)
                {
                    if (!elected[c] || votes[c] == 0) continue;
                    long k = (long)Int128.Min(Unit, ((Int128)keep[c] * quota + votes[c] - 1) / votes[c]);
                    if (k != keep[c]) { keep[c] = k; changed = true; }
                }
                if (!changed) return [];
                Distribute();
                var now = ElectReached();
                if (now.Count > 0) return now;
            }
            result.Notes.Add($"keep values had not converged after {MaxIterations} iterations");
            return [];
        }

        void Record(string action, List<int> subjects, List<int> electedNow)
        {
            history.Add((long[])votes.Clone());
            var totals = new Dictionary<int, decimal>(n);
            for (int c = 0; c < n; c++) totals[c] = votes[c] / (decimal)Unit;
            result.Stages.Add(new Stage(action, subjects, totals, exhausted / (decimal)Unit, exhausted / (decimal)Unit)
            {
                Elected = electedNow,
                Quota = quota / (decimal)Unit,
            });
        }

        Distribute();
        var first = ElectReached();
        Record("first", [], first);
        var last = first;

        while (result.Elected.Count < seats)
        {
            if (hopeful <= seats - result.Elected.Count)
            {
                for (int c = 0; c < n; c++)
                    if (!elected[c] && !excluded[c]) { elected[c] = true; result.Elected.Add(c); last.Add(c); }
                break;
            }
            if (Surplus() >= Omega)
            {
                var now = Iterate();
                bool moved = history.Count == 0 || !history[^1].AsSpan().SequenceEqual(votes);
                if (now.Count > 0 || moved)
                {
                    Record("surplus", [.. result.Elected], now);
                    last = now;
                    continue;
                }
            }
            // Exclude the lowest hopeful; ties go to the most recent stage where they differed, then lot.
            var low = new List<int>();
            long min = long.MaxValue;
            for (int c = 0; c < n; c++)
            {
                if (elected[c] || excluded[c]) continue;
                if (votes[c] < min) { min = votes[c]; low.Clear(); low.Add(c); }
                else if (votes[c] == min) low.Add(c);
            }
            for (int s = history.Count - 2; s >= 0 && low.Count > 1; s--)
            {
                var at = history[s];
                long best = low.Min(c => at[c]);
                low.RemoveAll(c => at[c] != best);
            }
            int loser = low.Count == 1 ? low[0] : lot.Draw(result, "exclusion", low);
            excluded[loser] = true;
            keep[loser] = 0;
            groups.Restop(loser, elected, excluded);
            hopeful--;
            result.Excluded.Add(loser);
            Distribute();
            // An exclusion is one recount with the loser's keep value at zero; the surpluses it changes are
            // settled in the next stage (as in the Hill–Wichmann–Woodall reference's stage numbering).
            var electedNow = ElectReached();
            Record("exclude", [loser], electedNow);
            last = electedNow;
        }
        result.Notes.Add("quota falls as votes exhaust; each stage records its own");
        return new TallyResult { Method = Name, Candidates = table.Candidates, Seats = seats, Quota = quota / (decimal)Unit }
            .CopyCountFrom(result);
    }

    static TallyResult CopyCountFrom(this TallyResult target, TallyResult source)
    {
        target.Elected.AddRange(source.Elected);
        target.Excluded.AddRange(source.Excluded);
        target.Stages.AddRange(source.Stages);
        target.Lots.AddRange(source.Lots);
        target.Notes.AddRange(source.Notes);
        return target;
    }
}
