using KnowledgeBase.Model;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Reading;

/// <summary>Reads the optional <c>input/site.yml</c>; a missing file means defaults.</summary>
public static class SiteSettingsReader
{
    public const string FileName = "site.yml";

    private static readonly IReadOnlyList<string> Known =
        ["title", "description", "base_url", "default_lang", "edit_url", "severities", "action_due_limits", "trust_html"];

    public static SiteSettings Read(string inputDir, ICollection<Diagnostic> diagnostics)
    {
        var path = Path.Combine(inputDir, FileName);
        if (!File.Exists(path)) return new SiteSettings();
        if (InputScanner.IsLink(path))
        {
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, FileName, 0, 0, "",
                "site.yml is a symbolic link; kb does not follow links inside the input folder (they can point anywhere): make it a real file"));
            return new SiteSettings();
        }
        var source = InputScanner.Read(inputDir, path, diagnostics);
        if (source is null) return new SiteSettings();
        if (string.IsNullOrWhiteSpace(source.Text)) return new SiteSettings();
        var root = YamlDocumentLoader.LoadMapping(source.Text, FileName, 0, diagnostics, allowEmpty: true);
        if (root is null) return new SiteSettings();

        var r = new FieldReader(FileName, 0, diagnostics);
        var settings = new SiteSettings();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "title" when r.String(value, key) is { } title:
                    settings = settings with { Title = title };
                    break;
                case "description" when r.String(value, key) is { } description:
                    settings = settings with { Description = description };
                    break;
                case "base_url" when r.String(value, key) is { } baseUrl:
                    if (baseUrl.Contains("://") && !SafeUrl.IsAbsoluteHttp(baseUrl))
                        r.Error(value, key, $"expected a path such as /kb/ or an http(s) URL, found '{baseUrl}'");
                    else settings = settings with { BaseUrl = SiteSettings.NormalizeBaseUrl(baseUrl) };
                    break;
                case "default_lang" when r.String(value, key) is { } lang:
                    settings = settings with { DefaultLanguage = lang };
                    break;
                case "edit_url" when r.String(value, key) is { } edit:
                    if (SafeUrl.IsAbsoluteHttp(edit)) settings = settings with { EditUrl = edit };
                    else r.Error(value, key, $"expected an http(s) URL prefix for edit links, found '{edit}'");
                    break;
                case "severities":
                    var list = r.StringList(value, key);
                    var clash = list.GroupBy(Aggregation.Slug.From).FirstOrDefault(g => g.Count() > 1);
                    if (list.Count == 0) r.Error(value, key, "expected a non-empty list of severities, worst first (e.g. [SEV1, SEV2, SEV3, SEV4])");
                    // Severities get one page each at /severity/<slug>/, so two that differ only in case would collide.
                    else if (clash is not null) r.Error(value, key, $"severities must differ by more than case or punctuation: {string.Join(", ", clash)}");
                    else settings = settings with { Severities = list };
                    break;
                case "trust_html" when r.String(value, key) is { } trust:
                    if (trust is "true" or "false") settings = settings with { TrustHtml = trust == "true" };
                    else r.Error(value, key, $"expected true or false, found '{trust}'");
                    break;
                case "action_due_limits":
                    if (ReadDueLimits(value, r) is { } limits) settings = settings with { ActionDueLimits = limits };
                    break;
                default:
                    if (!Known.Contains(key))
                    {
                        var hint = Spelling.Closest(key, Known);
                        r.Warning(keyNode, key, hint is null ? $"unknown setting '{key}' is ignored" : $"unknown setting '{key}' is ignored; did you mean '{hint}'?");
                    }
                    break;
            }
        }
        return settings;
    }

    /// <summary><c>action_due_limits: {SEV1: 56, SEV2: 56}</c>: days after the incident date; replaces the default map.</summary>
    private static Dictionary<string, int>? ReadDueLimits(YamlNode node, FieldReader r)
    {
        if (node is YamlScalarNode s && FieldReader.IsNull(s)) return new Dictionary<string, int>(StringComparer.Ordinal);
        var map = r.Mapping(node, "action_due_limits");
        if (map is null) return null;
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var severity = (keyNode as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(severity)) { r.Error(keyNode, "action_due_limits", "expected a severity such as SEV1 as the key"); continue; }
            if (r.PositiveInt(valueNode, $"action_due_limits.{severity}") is { } days) limits[severity] = days;
        }
        return limits;
    }
}
