using System.Globalization;
using System.Net;
using System.Text;

namespace Groundwork.Organizing.Structure;

/// Charts drawn on the server as SVG (no script, no third-party origin), each with a title and a description that
/// state the figures; the pages put a table beside them as well.
public static class Charts
{
    const int Width = 640;
    const int Left = 150;
    const int Bar = 22;
    const int Gap = 10;

    static string E(string s) => WebUtility.HtmlEncode(s);
    static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    /// One horizontal bar per unit (its participation percent) and a vertical dashed line at the threshold.
    public static string UnitBars(IReadOnlyList<UnitRate> units, int threshold, string title, Func<string, string>? t = null)
    {
        t ??= s => s;
        var plot = Width - Left - 60;
        var height = 40 + Math.Max(1, units.Count) * (Bar + Gap) + 20;
        var sb = new StringBuilder();
        var desc = string.Join("; ", units.Select(u => $"{u.UnitName}: {u.Percent}% ({u.Participants}/{u.Eligible})"));
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"ct dc\" class=\"chart\">");
        sb.Append("<title id=\"ct\">").Append(E(title)).Append("</title>");
        sb.Append("<desc id=\"dc\">").Append(E($"{t("Threshold")} {threshold}%. {desc}")).Append("</desc>");
        sb.Append("<g font-family=\"system-ui,sans-serif\" font-size=\"13\" fill=\"#1a1a1a\">");
        var y = 30;
        if (units.Count == 0) sb.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + 15}\">{E(t("No units yet."))}</text>");
        foreach (var u in units)
        {
            var w = plot * u.Percent / 100.0;
            var name = u.UnitName.Length > 20 ? u.UnitName[..19] + "…" : u.UnitName;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{y + 16}\" text-anchor=\"end\">{E(name)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect fill=\"#ececec\" x=\"{Left}\" y=\"{y}\" width=\"{plot}\" height=\"{Bar}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect fill=\"{(u.Reached ? "#1d6b3a" : "#8a4b00")}\" x=\"{Left}\" y=\"{y}\" width=\"{N(w)}\" height=\"{Bar}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plot + 6}\" y=\"{y + 16}\">{u.Percent}%</text>");
            y += Bar + Gap;
        }
        var tx = Left + plot * threshold / 100.0;
        sb.Append(CultureInfo.InvariantCulture, $"<line stroke=\"#b00020\" stroke-width=\"2\" stroke-dasharray=\"6 4\" x1=\"{N(tx)}\" y1=\"22\" x2=\"{N(tx)}\" y2=\"{y}\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(tx)}\" y=\"16\" text-anchor=\"middle\">{E(t("Threshold"))} {threshold}%</text>");
        sb.Append("</g></svg>");
        return sb.ToString();
    }

    /// Participation over time: one point per test (its overall percent), joined by a line, with each test's threshold.
    public static string Trend(IReadOnlyList<TrendPoint> points, string title, Func<string, string>? t = null)
    {
        t ??= s => s;
        const int h = 240, top = 20, bottom = 200, left = 40, right = Width - 20;
        var sb = new StringBuilder();
        var desc = string.Join("; ", points.Select(p => $"{p.Date:yyyy-MM-dd} {p.Title}: {p.Percent}% ({p.Participants}/{p.Eligible})"));
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {h}\" width=\"100%\" role=\"img\" aria-labelledby=\"tt td\" class=\"chart\">");
        sb.Append("<title id=\"tt\">").Append(E(title)).Append("</title><desc id=\"td\">").Append(E(desc)).Append("</desc>");
        sb.Append("<g font-family=\"system-ui,sans-serif\" font-size=\"12\" fill=\"#1a1a1a\">");
        double Y(int pct) => bottom - (bottom - top) * pct / 100.0;
        foreach (var g in new[] { 0, 50, 100 })
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{N(Y(g) + 4)}\" text-anchor=\"end\">{g}%</text><line stroke=\"#555\" x1=\"{left}\" y1=\"{N(Y(g))}\" x2=\"{right}\" y2=\"{N(Y(g))}\" stroke-opacity=\"0.25\"/>");
        if (points.Count == 0) sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 10}\" y=\"{bottom / 2}\">{E(t("No tests yet."))}</text>");
        double X(int i) => points.Count == 1 ? (left + right) / 2.0 : left + 10 + (right - left - 20) * i / (double)(points.Count - 1);
        if (points.Count > 1)
        {
            sb.Append("<polyline fill=\"none\" stroke=\"#1d4f91\" stroke-width=\"2\" points=\"").AppendJoin(' ', points.Select((p, i) => $"{N(X(i))},{N(Y(p.Percent))}")).Append("\"/>");
            sb.Append("<polyline fill=\"none\" stroke=\"#b00020\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\" points=\"").AppendJoin(' ', points.Select((p, i) => $"{N(X(i))},{N(Y(p.ThresholdPercent))}")).Append("\"/>");
        }
        for (var i = 0; i < points.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<circle fill=\"#1d4f91\" cx=\"{N(X(i))}\" cy=\"{N(Y(points[i].Percent))}\" r=\"4\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(i))}\" y=\"{bottom + 18}\" text-anchor=\"middle\">{points[i].Date:MM-dd}</text>");
        }
        sb.Append("</g></svg>");
        return sb.ToString();
    }
}
