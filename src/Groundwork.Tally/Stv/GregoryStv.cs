namespace Groundwork.Tally.Stv;

/// Scottish STV: The Scottish Local Government Elections Order 2007 (SSI 2007/42), rules 45–52.
/// Every value is an integer count of 1e-5 votes, so the arithmetic is exactly the statute's.
public static class ScottishStv
{
    public const string Name = "scottish-stv";
    public static TallyResult Count(Election election, StvOptions? options = null) =>
        GregoryStv.Count(PreferenceTable.From(election), election.Seats, options ?? new(), Name, decimals: 5, scottish: true);
    public static TallyResult Count(PreferenceTable table, int seats, StvOptions? options = null) =>
        GregoryStv.Count(table, seats, options ?? new(), Name, decimals: 5, scottish: true);
}

/// Weighted inclusive Gregory: the same stages as the Scottish rules (all of a candidate's papers pass on
/// at a reduced value, one surplus or exclusion per stage), but with the exact Droop quota
/// votes ÷ (seats + 1) (to 9 places) which a candidate must exceed, and values to 9 decimal places.
public static class WigmStv
{
    public const string Name = "wigm-stv";
    public static TallyResult Count(Election election, StvOptions? options = null) =>
        GregoryStv.Count(PreferenceTable.From(election), election.Seats, options ?? new(), Name, decimals: 9, scottish: false);
    public static TallyResult Count(PreferenceTable table, int seats, StvOptions? options = null) =>
        GregoryStv.Count(table, seats, options ?? new(), Name, decimals: 9, scottish: false);
}

static class GregoryStv
{
    // A bundle of identical papers sitting with a candidate: which list, where in it, and the value of each.
    struct Parcel(int ballot, int position, long value)
    {
        public int Ballot = ballot;
        public int Position = position;
        public long Value = value;
    }

    enum State : byte { Hopeful, Elected, Excluded }

    public static TallyResult Count(PreferenceTable table, int electionSeats, StvOptions options, string method, int decimals, bool scottish)
    {
        int n = table.Candidates.Count;
        int seats = options.Seats ?? electionSeats;
        if (seats < 1) throw new ArgumentException("At least one seat must be filled.", nameof(options));
        long unit = 1;
        for (int i = 0; i < decimals; i++) unit *= 10;
        decimal unitD = unit;

        // Rule 46: quota = votes / (seats + 1), fractions ignored, plus one; reaching it elects.
        // Generic WIGM: the exact Droop share (truncated to the unit), which must be exceeded; electing at
        // "quota + one unit" is the same test in integers.
        long quota = scottish
            ? checked((table.TotalWeight / (seats + 1) + 1) * unit)
            : (long)((Int128)table.TotalWeight * unit / (seats + 1));
        long reach = scottish ? quota : quota + 1;
        var result = new TallyResult { Method = method, Candidates = table.Candidates, Seats = seats, Quota = quota / unitD };
        var lot = new Lot(options.LotSeed);

        var parcels = new List<Parcel>[n];
        for (int c = 0; c < n; c++) parcels[c] = [];
        var total = new long[n];
        var state = new State[n];
        var surplusDone = new bool[n];
        var history = new List<long[]>();
        long exhausted = 0, residue = 0;
        var prefs = table.Prefs;
        var start = table.Start;
        var weights = table.Weights;
        int hopefulCount = n;
        foreach (int w in table.Withdrawn)
        {
            state[w] = State.Excluded;
            hopefulCount--;
        }

        // Candidates who appear on no ballot still stand (they can be elected under rule 52 or excluded).
        for (int b = 0; b < table.Count; b++)
        {
            int c = prefs[start[b]];
            parcels[c].Add(new Parcel(b, start[b], unit));
            total[c] += weights[b] * unit;
        }

        // Moves one parcel to the next continuing preference after its position; returns nothing, books the
        // value either to that candidate or to the exhausted papers.
        void Pass(Parcel p, long value)
        {
            int end = start[p.Ballot + 1];
            for (int i = p.Position + 1; i < end; i++)
            {
                int c = prefs[i];
                if (state[c] != State.Hopeful) continue;
                parcels[c].Add(new Parcel(p.Ballot, i, value));
                total[c] += weights[p.Ballot] * value;
                return;
            }
            exhausted += weights[p.Ballot] * value;
        }

        void Record(string action, List<int> subjects, List<int> electedNow)
        {
            history.Add((long[])total.Clone());
            var totals = new Dictionary<int, decimal>(n);
            for (int c = 0; c < n; c++) totals[c] = total[c] / unitD;
            result.Stages.Add(new Stage(action, subjects, totals, exhausted / unitD, (exhausted + residue) / unitD)
            {
                Elected = electedNow,
            });
        }

        // Rule 49: among tied candidates, look back to the most recent earlier stage at which their votes
        // differed and take the highest (surplus) or lowest (exclusion) there; if they never differed, by lot.
        int BreakTie(List<int> tied, bool highest, string reason)
        {
            var left = new List<int>(tied);
            for (int s = history.Count - 2; s >= 0 && left.Count > 1; s--)
            {
                var at = history[s];
                long best = highest ? left.Max(c => at[c]) : left.Min(c => at[c]);
                left.RemoveAll(c => at[c] != best);
            }
            return left.Count == 1 ? left[0] : lot.Draw(result, reason, left);
        }

        // Elects every hopeful at or above the quota, highest first.
        List<int> ElectReached()
        {
            var reached = new List<int>();
            for (int c = 0; c < n; c++)
                if (state[c] == State.Hopeful && total[c] >= reach) reached.Add(c);
            var ordered = new List<int>(reached.Count);
            while (reached.Count > 0)
            {
                long top = reached.Max(c => total[c]);
                var tied = reached.FindAll(c => total[c] == top);
                int next = tied.Count == 1 ? tied[0] : BreakTie(tied, highest: true, "order of election");
                ordered.Add(next);
                reached.Remove(next);
            }
            if (ordered.Count > seats - result.Elected.Count) ordered.RemoveRange(seats - result.Elected.Count, ordered.Count - (seats - result.Elected.Count));
            foreach (int c in ordered)
            {
                state[c] = State.Elected;
                hopefulCount--;
                result.Elected.Add(c);
            }
            return ordered;
        }

        // Rule 52: when the continuing candidates are no more than the vacancies, they are all elected and no
        // further transfer is made.
        bool FillLastSeats(List<int> electedNow)
        {
            int vacancies = seats - result.Elected.Count;
            if (vacancies == 0 || hopefulCount > vacancies) return vacancies == 0;
            var rest = new List<int>();
            for (int c = 0; c < n; c++) if (state[c] == State.Hopeful) rest.Add(c);
            while (rest.Count > 0)
            {
                long top = rest.Max(c => total[c]);
                var tied = rest.FindAll(c => total[c] == top);
                int next = tied.Count == 1 ? tied[0] : BreakTie(tied, highest: true, "order of election");
                rest.Remove(next);
                state[next] = State.Elected;
                hopefulCount--;
                result.Elected.Add(next);
                electedNow.Add(next);
            }
            return true;
        }

        var firstElected = ElectReached();
        Record("first", [], firstElected);
        bool done = FillLastSeats(firstElected);

        while (!done)
        {
            // Rule 48: the largest surplus that exceeds the quota moves first (a candidate exactly at the
            // quota has no surplus and gets no stage).
            int from = -1;
            var equal = new List<int>();
            for (int c = 0; c < n; c++)
            {
                if (state[c] != State.Elected || surplusDone[c] || total[c] <= quota) continue;
                if (from < 0 || total[c] > total[from]) { from = c; equal.Clear(); equal.Add(c); }
                else if (total[c] == total[from]) equal.Add(c);
            }
            List<int> electedNow;
            if (from >= 0)
            {
                if (equal.Count > 1) from = BreakTie(equal, highest: true, "equal surpluses");
                surplusDone[from] = true;
                long surplus = total[from] - quota, credited = total[from];
                long moved = 0;
                foreach (var p in parcels[from])
                {
                    // Rule 48(3): surplus × value ÷ votes credited, to five places, remainder ignored.
                    long value = (long)((Int128)surplus * p.Value / credited);
                    moved += weights[p.Ballot] * value;
                    if (value > 0) Pass(p, value);
                }
                residue += surplus - moved;
                parcels[from].Clear();
                total[from] = quota;
                electedNow = ElectReached();
                Record("surplus", [from], electedNow);
            }
            else
            {
                // Rule 50: exclude the lowest continuing candidate; each paper moves at the value it came with.
                int low = -1;
                var tiedLow = new List<int>();
                for (int c = 0; c < n; c++)
                {
                    if (state[c] != State.Hopeful) continue;
                    if (low < 0 || total[c] < total[low]) { low = c; tiedLow.Clear(); tiedLow.Add(c); }
                    else if (total[c] == total[low]) tiedLow.Add(c);
                }
                if (low < 0) break;
                if (tiedLow.Count > 1) low = BreakTie(tiedLow, highest: false, "exclusion");
                state[low] = State.Excluded;
                hopefulCount--;
                result.Excluded.Add(low);
                foreach (var p in parcels[low]) Pass(p, p.Value);
                parcels[low].Clear();
                total[low] = 0;
                electedNow = ElectReached();
                Record("exclude", [low], electedNow);
            }
            done = FillLastSeats(electedNow);
        }
        return result;
    }
}
