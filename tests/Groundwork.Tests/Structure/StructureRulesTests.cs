using System.Text;
using Groundwork.Accounts;
using Groundwork.Organizations;
using Groundwork.Organizing.Import;
using Groundwork.Organizing.Structure;

namespace Groundwork.Tests.Structure;

public sealed class StructureRulesTests
{
    [Theory]
    [InlineData(7, 10, 70, 70, true)]
    [InlineData(69, 100, 70, 69, false)]
    [InlineData(2, 3, 67, 66, false)] // 66.67% is below 67%, and shows as 66 (rounded down)
    [InlineData(2, 3, 66, 66, true)]
    [InlineData(0, 0, 50, 0, false)]  // a unit without eligible contacts never reaches anything
    public void A_unit_reaches_the_threshold_only_when_participants_over_eligible_is_at_least_the_line(int took, int eligible, int threshold, int percent, bool reached)
    {
        var r = Rates.Of(1, "U", took, eligible, threshold);
        Assert.Equal((percent, reached), (r.Percent, r.Reached));
    }

    [Fact]
    public void Headers_in_English_and_Spanish_suggest_their_targets_and_custom_fields_match_by_name()
    {
        var fields = new List<CustomFieldRef> { new(9, "Shift start", Groundwork.Organizing.CustomFieldType.Text) };
        var s = ImportPlanning.Suggest(["Name", "Correo", "Phone", "Turno", "Department", "Etiquetas", "Shift start", "Favourite colour"], fields);
        Assert.Equal([ImportTarget.Name, ImportTarget.Email, ImportTarget.Phone, ImportTarget.Unit, ImportTarget.Unit, ImportTarget.Tags, ImportTarget.Custom, ImportTarget.Ignore],
            s.Select(c => c.Target));
        Assert.Equal(UnitKind.Shift, s[3].UnitKind);
        Assert.Equal(9, s[6].CustomFieldId);
    }

    [Theory]
    [InlineData("=1+2", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("+cmd|' /C calc'!A0", true)]
    [InlineData("-(1)", true)]
    [InlineData("\tx", true)]
    [InlineData("+34 600 111 222", false)]
    [InlineData("-5", false)]
    [InlineData("Ana", false)]
    public void Cells_that_a_spreadsheet_would_run_are_recognised(string cell, bool formula) =>
        Assert.Equal(formula, ImportPlanning.LooksLikeFormula(cell));

    [Fact]
    public void A_row_plan_lists_every_problem_of_the_row()
    {
        var cols = new List<ColumnMapping> { new("N", ImportTarget.Name), new("E", ImportTarget.Email), new("P", ImportTarget.Phone), new("El", ImportTarget.Eligible) };
        var p = ImportPlanning.Plan(2, ["", "nope", "12", "maybe"], ["N", "E", "P", "El"], cols, []);
        Assert.Equal(4, p.Errors.Count);
        var ok = ImportPlanning.Plan(3, ["Ana", "a@b.example; c@d.example", "+34 600 111 222", "no"], ["N", "E", "P", "El"], cols, []);
        Assert.Empty(ok.Errors);
        Assert.Equal((2, 1, false), (ok.Emails.Count, ok.Phones.Count, ok.Eligible));
    }

    [Fact]
    public void Text_is_decoded_from_utf8_or_utf16_by_bom_and_anything_else_only_when_named()
    {
        const string t = "Nombre\nJosé\n";
        Assert.Equal(t, CsvText.Decode(Encoding.UTF8.GetBytes(t), null).Value);
        Assert.Equal(t, CsvText.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(t)], null).Value);
        Assert.Equal(t, CsvText.Decode([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(t)], "auto").Value);
        Assert.Equal(400, CsvText.Decode(Encoding.Latin1.GetBytes(t), null).Failure?.Status);
        Assert.Equal(400, CsvText.Decode(Encoding.Unicode.GetBytes(t), null).Failure?.Status); // UTF-16 without a BOM has NULs
        Assert.Equal(t, CsvText.Decode(Encoding.Latin1.GetBytes(t), "latin-1").Value);
        Assert.Equal(400, CsvText.Decode(Encoding.UTF8.GetBytes(t), "ebcdic").Failure?.Status);
        Assert.Equal(400, CsvText.Decode([], null).Failure?.Status);
    }

    [Fact]
    public void Parsing_reports_ragged_rows_and_stray_quotes_by_row_and_reads_semicolons()
    {
        var (table, errors) = CsvText.Parse("a;b\n1;2\n\"x;y\";3\n");
        Assert.Empty(errors);
        Assert.Equal(["a", "b"], table!.Headers);
        Assert.Equal("x;y", table.Rows[1][0]);
        Assert.Equal([2, 3], table.RowNumbers);
        var (bad, errs) = CsvText.Parse("a,b\n1,2\n1,2,3\n4,5\n");
        Assert.Null(bad);
        Assert.Equal(3, Assert.Single(errs).Row);
    }

    [Fact]
    public void Signing_tokens_have_one_shape_and_a_fresh_one_each_time()
    {
        var a = Signing.NewToken();
        Assert.True(Signing.LooksLikeToken(a));
        Assert.NotEqual(a, Signing.NewToken());
        Assert.False(Signing.LooksLikeToken(a[..^1]));
        Assert.False(Signing.LooksLikeToken(a[..^1] + "/"));
        Assert.False(Signing.LooksLikeToken(null));
    }

    [Fact]
    public void A_password_confirmation_counts_for_five_minutes()
    {
        var now = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
        Assert.True(Reauthentication.IsRecent(now.AddMinutes(-4.9), now));
        Assert.False(Reauthentication.IsRecent(now.AddMinutes(-5.1), now));
        Assert.False(Reauthentication.IsRecent(null, now));
        Assert.False(Reauthentication.IsRecent(now.AddMinutes(10), now));
    }

    [Fact]
    public void The_unit_chart_escapes_names_draws_the_threshold_and_states_the_figures()
    {
        var svg = Charts.UnitBars([Rates.Of(1, "<Kitchen & Co>", 7, 10, 70), Rates.Of(2, "Floor", 1, 10, 70)], 70, "Cards");
        Assert.Contains("&lt;Kitchen &amp; Co&gt;", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<Kitchen", svg, StringComparison.Ordinal);
        Assert.Contains("Threshold 70%", svg, StringComparison.Ordinal);
        Assert.Contains("Floor: 10% (1/10)", svg, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray", svg, StringComparison.Ordinal);
        var trend = Charts.Trend([new TrendPoint(1, "A", new DateOnly(2026, 1, 1), 1, 4, 25, 70), new TrendPoint(2, "B", new DateOnly(2026, 2, 1), 3, 4, 75, 70)], "Over time");
        Assert.Contains("<polyline", trend, StringComparison.Ordinal);
        Assert.Contains("2026-02-01 B: 75% (3/4)", trend, StringComparison.Ordinal);
    }
}
