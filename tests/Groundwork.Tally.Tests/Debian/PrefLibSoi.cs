using System.Globalization;

namespace Groundwork.Tally.Tests.Debian;

/// PrefLib's "strict orders, incomplete" format: '# ALTERNATIVE NAME k: name' headers, then
/// 'count: a,b,c' lines (1-based). Used only to show what these lossy conversions do to a count.
internal static class PrefLibSoi
{
    public static Election Parse(string path)
    {
        var names = new List<string>();
        var ballots = new List<RankedBallot>();
        foreach (var line in System.IO.File.ReadLines(path))
        {
            if (line.StartsWith("# ALTERNATIVE NAME ", StringComparison.Ordinal))
            {
                names.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                continue;
            }
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            var parts = line.Split(':');
            var count = long.Parse(parts[0], CultureInfo.InvariantCulture);
            int[] order = [.. parts[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture) - 1)];
            ballots.Add(RankedBallot.Strict(count, order));
        }
        return new Election(names, 1, ballots);
    }
}
