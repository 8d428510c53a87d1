using System.Collections.Concurrent;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Rendering;

/// <summary>
/// The interface words of the theme per language (<c>i18n/&lt;lang&gt;.yml</c>), with English filling any gap so a
/// partly translated language still renders every label. Theme layers merge key by key, so a site can change
/// one word without copying the whole file.
/// </summary>
public sealed class UiStrings
{
    public const string Fallback = "en";
    private readonly Dictionary<string, IReadOnlyDictionary<string, object>> _byLanguage = new(StringComparer.Ordinal);
    private readonly Theme _theme;
    private readonly Lock _lock = new();

    public UiStrings(Theme theme) => _theme = theme;

    // By the language tag as pages ask for it: every label of every page is looked up here, from parallel renderers,
    // so the hit takes neither the lock nor a Split of the tag.
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, object>> _byTag = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object> For(string language) =>
        _byTag.TryGetValue(language, out var words) ? words : _byTag.GetOrAdd(language, ForPrimary);

    private IReadOnlyDictionary<string, object> ForPrimary(string language)
    {
        var key = Primary(language);
        lock (_lock)
        {
            if (_byLanguage.TryGetValue(key, out var cached)) return cached;
            var merged = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (k, v) in Load(Fallback)) merged[k] = v;
            if (key != Fallback)
                foreach (var (k, v) in Load(key)) merged[k] = v;
            _byLanguage[key] = merged;
            return merged;
        }
    }

    public string Get(string language, string key) =>
        For(language).TryGetValue(key, out var v) ? (string)v : key;

    /// <summary>Languages the theme has words for ("de-AT" uses "de").</summary>
    public static string Primary(string language) => language.Split('-')[0].ToLowerInvariant();

    private Dictionary<string, string> Load(string language)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in _theme.ReadAllLayers($"i18n/{language}.yml"))
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new ThemeException($"theme file 'i18n/{language}.yml' line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
            }
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map)
                foreach (var (k, v) in map.Children)
                    if (k is YamlScalarNode ks && v is YamlScalarNode vs && ks.Value is not null)
                        result[ks.Value] = vs.Value ?? "";
        }
        return result;
    }
}
