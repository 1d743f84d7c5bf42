using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Groundwork.Audit;
using Groundwork.Organizations;
using Groundwork.Web;

namespace Groundwork.Tests.Localization;

/// Every English string the app shows through the localizer has a Spanish translation in the compiled
/// satellite assembly (so the resource name the localizer looks up is checked too). tools/check-l10n.py
/// is the same check from the command line.
public sealed partial class SpanishCoverageTests
{
    static readonly string AppDir = FindAppDir();

    [Fact]
    public void Every_localized_string_has_a_Spanish_translation()
    {
        var spanish = SpanishStrings();
        var missing = Keys().Where(k => !spanish.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "No Spanish for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Translations_keep_the_placeholders_of_their_key()
    {
        var spanish = SpanishStrings();
        var differ = spanish.Where(e => !Placeholders(e.Key).SequenceEqual(Placeholders(e.Value))).Select(e => e.Key).ToList();
        Assert.True(differ.Count == 0, "Placeholders differ for:\n" + string.Join("\n", differ));
    }

    [Fact]
    public void An_import_message_with_a_column_or_a_row_in_it_is_shown_in_Spanish_with_its_values()
    {
        var l = new AppStrings();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es");
            Assert.Equal("La celda «Correo \"personal\"» no es una dirección de correo.",
                global::Groundwork.Organizing.Import.ImportMessages.Localize(l, global::Groundwork.Organizing.Import.ImportMessages.Say(
                    global::Groundwork.Organizing.Import.ImportMessages.NotEmail, "Correo \"personal\"")));
            Assert.Equal("Esta fila tiene 3 campos; la cabecera tiene 5",
                global::Groundwork.Organizing.Import.ImportMessages.Localize(l, "This row has 3 fields; the header has 5"));
            Assert.Equal("El mismo correo o teléfono que la fila 12",
                global::Groundwork.Organizing.Import.ImportMessages.Localize(l, "Same email or phone as row 12"));
            // Any other message is looked up as it is.
            Assert.Equal("Esta importación ya se ha iniciado.",
                global::Groundwork.Organizing.Import.ImportMessages.Localize(l, "This import has already been started."));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    static Dictionary<string, string> SpanishStrings()
    {
        // Every feature's table and the shared one, as the app's localizer merges them from the compiled satellite assembly.
        Assert.Contains("Groundwork.Web.Resources.Shared", AppStrings.BaseNames);
        Assert.Contains("Groundwork.Pledges.Resources.Pledges", AppStrings.BaseNames);
        return AppStrings.For(CultureInfo.GetCultureInfo("es")).ToDictionary(e => e.Key, e => e.Value);
    }

    static HashSet<string> Keys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(AppDir, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LiteralKey().Matches(text)) keys.Add(Regex.Unescape(m.Groups[1].Value));
            foreach (Match m in FailureTitle().Matches(text)) keys.Add(Regex.Unescape(m.Groups[1].Value));
            foreach (Match m in ValidationMessage().Matches(text)) keys.Add(Regex.Unescape(m.Groups[1].Value));
        }
        foreach (var v in Enum.GetValues<OrganizationKind>()) keys.Add(KindNames.Of(v));
        foreach (var v in Enum.GetValues<Visibility>()) keys.Add(KindNames.Of(v));
        foreach (var v in Enum.GetValues<JoinPolicy>()) keys.Add(KindNames.Of(v));
        foreach (var v in Enum.GetValues<global::Groundwork.Members.Role>()) keys.Add(KindNames.Of(v));
        foreach (var v in Enum.GetValues<UnitKind>()) keys.Add(KindNames.Of(v));
        foreach (var name in Enum.GetNames<RequestStatus>().Concat(Enum.GetNames<InvitationState>())) keys.Add(name);
        foreach (var f in typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            keys.Add(AuditNames.Of((string)f.GetRawConstantValue()!));
        foreach (var f in typeof(global::Groundwork.Organizing.Import.ImportMessages).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            keys.Add((string)f.GetRawConstantValue()!);
        keys.Remove("name"); // Failure.Invalid("name") in Settings.razor marks a field; it is never shown
        return keys;
    }

    static string[] Placeholders(string s) =>
        [.. Regex.Matches(s, @"\{(\d+)(?:[,:][^}]*)?\}").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    static string FindAppDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Groundwork.slnx")))
                return Path.Combine(d.FullName, "src", "Groundwork");
        throw new DirectoryNotFoundException("Groundwork.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?<![\w.])L\[\s*""((?:[^""\\\n]|\\.)*)""\s*[,\]]")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"Failure\.(?:NotFound|Conflict|Invalid|Forbidden)\(\s*""((?:[^""\\\n]|\\.)*)""")]
    private static partial Regex FailureTitle();

    /// A validation attribute's message, or a constant named …Message that attributes use: pages show them through L.
    [GeneratedRegex(@"(?:ErrorMessage\s*=|const string \w*(?:Message|Rule)\s*=)\s*""((?:[^""\\\n]|\\.)*)""")]
    private static partial Regex ValidationMessage();
}
