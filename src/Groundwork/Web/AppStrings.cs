using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace Groundwork.Web;

/// The app's strings. Keys are the English text; each feature keeps its Spanish in its own folder
/// (<c>&lt;Feature&gt;/Resources/&lt;Feature&gt;.es.resx</c>), and what several features share in
/// <c>Web/Resources/Shared.es.resx</c>. Pages and operations ask one localizer (<c>L</c>, an
/// <c>IStringLocalizer&lt;SharedResource&gt;</c>) whatever the feature: it reads every feature's table of the culture
/// (and its parent cultures), merged once per culture. A key with no translation is shown as it is, in English.
public sealed class AppStrings : IStringLocalizer<SharedResource>
{
    static readonly ConcurrentDictionary<string, FrozenDictionary<string, string>> tables = new(StringComparer.Ordinal);
    static readonly Lazy<IReadOnlyList<ResourceManager>> managers = new(Discover);

    /// Every table of the app for one culture, merged (a key in two tables is a mistake that the l10n check reports).
    public static FrozenDictionary<string, string> For(CultureInfo culture) => tables.GetOrAdd(culture.Name, _ => Build(culture));

    public static IReadOnlyList<string> BaseNames => [.. managers.Value.Select(m => m.BaseName)];

    public LocalizedString this[string name] => Find(name, null);

    public LocalizedString this[string name, params object[] arguments] => Find(name, arguments);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        For(CultureInfo.CurrentUICulture).Select(e => new LocalizedString(e.Key, e.Value, resourceNotFound: false));

    static LocalizedString Find(string name, object[]? arguments)
    {
        var found = For(CultureInfo.CurrentUICulture).TryGetValue(name, out var value);
        var text = value ?? name;
        if (arguments is { Length: > 0 }) text = string.Format(CultureInfo.CurrentCulture, text, arguments);
        return new LocalizedString(name, text, resourceNotFound: !found);
    }

    static FrozenDictionary<string, string> Build(CultureInfo culture)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        // Parents first, so that a specific culture (es-MX) overrides its neutral one (es).
        var chain = new List<CultureInfo>();
        for (var c = culture; !c.Equals(CultureInfo.InvariantCulture); c = c.Parent) chain.Insert(0, c);
        foreach (var c in chain)
            foreach (var rm in managers.Value)
            {
                var set = rm.GetResourceSet(c, createIfNotExists: true, tryParents: false);
                if (set is null) continue;
                foreach (System.Collections.DictionaryEntry e in set)
                    if (e.Key is string k && e.Value is string v && v.Length > 0) merged[k] = v;
            }
        return merged.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// The tables are the compiled .resx files of the app (their satellite assemblies hold "<base>.<culture>.resources").
    static List<ResourceManager> Discover()
    {
        var app = typeof(AppStrings).Assembly;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var culture in new[] { "es" })
        {
            Assembly? satellite;
            try { satellite = app.GetSatelliteAssembly(CultureInfo.GetCultureInfo(culture)); }
            catch (FileNotFoundException) { continue; }
            foreach (var n in satellite.GetManifestResourceNames())
            {
                var suffix = "." + culture + ".resources";
                if (n.EndsWith(suffix, StringComparison.Ordinal)) names.Add(n[..^suffix.Length]);
            }
        }
        return [.. names.Order(StringComparer.Ordinal).Select(n => new ResourceManager(n, app))];
    }
}
