using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// Checks a parsed page against what the site's Content-Security-Policy allows and what data may never become:
/// no inline script (JSON data blocks must parse as JSON), no event handler or style attribute, no style element,
/// no frame or plugin, no javascript:/data: URL to navigate to, nothing loaded from another origin.
/// </summary>
public static class HtmlSafety
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href", "background", "cite"];

    /// <summary>Attributes that make the browser load something (CSP: default-src/img-src/script-src/style-src 'self').</summary>
    private static readonly (string Selector, string Attribute)[] Loads =
    [
        ("script[src]", "src"), ("img[src]", "src"), ("link[href]", "href"), ("iframe[src]", "src"), ("source[src]", "src"),
        ("video[src]", "src"), ("audio[src]", "src"), ("embed[src]", "src"), ("object[data]", "data"), ("track[src]", "src"),
        ("input[src]", "src"), ("image", "href"), ("use", "href"),
    ];

    public static List<string> Problems(IDocument document, string where)
    {
        var problems = new List<string>();
        void Add(IElement e, string what) => problems.Add($"{where}: {what}: {Excerpt(e.OuterHtml)}");

        foreach (var script in document.QuerySelectorAll("script"))
        {
            var type = (script.GetAttribute("type") ?? "").Trim().ToLowerInvariant();
            var isData = type is "application/json" or "application/ld+json";
            if (script.HasAttribute("src"))
            {
                if (script.TextContent.Trim().Length > 0) Add(script, "script with both src and inline code");
            }
            else if (isData)
            {
                try { using var _ = JsonDocument.Parse(script.TextContent); }
                catch (JsonException e) { Add(script, "JSON data block that is not valid JSON (" + e.Message + ")"); }
            }
            else Add(script, "inline script");
        }
        foreach (var e in document.QuerySelectorAll("style")) Add(e, "style element (CSP style-src 'self')");
        foreach (var e in document.QuerySelectorAll("iframe, frame, object, embed, applet, base, form[action^='http'], meta[http-equiv=refresh]"))
            Add(e, $"<{e.LocalName}> element");

        foreach (var e in document.All)
        {
            foreach (var attribute in e.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                if (name.StartsWith("on", StringComparison.Ordinal)) Add(e, $"event handler attribute '{attribute.Name}'");
                if (name == "style") Add(e, "style attribute (CSP style-src 'self')");
                var dataImage = e.LocalName == "img" && name == "src" && attribute.Value.Trim().StartsWith("data:image/", StringComparison.OrdinalIgnoreCase);
                if (UrlAttributes.Contains(name) && IsScriptUrl(attribute.Value) && !dataImage) Add(e, $"{attribute.Name} with a script or data URL");
            }
        }

        foreach (var (selector, attribute) in Loads)
            foreach (var e in document.QuerySelectorAll(selector))
            {
                var value = e.GetAttribute(attribute) ?? e.GetAttribute("xlink:href") ?? "";
                if (IsOtherOrigin(value)) Add(e, $"loads {value} from another origin");
            }
        return problems;
    }

    /// <summary>javascript:, vbscript: or data: after the browser's own clean-up (whitespace and control characters dropped).</summary>
    public static bool IsScriptUrl(string value)
    {
        var cleaned = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        return cleaned.StartsWith("javascript:", StringComparison.Ordinal) || cleaned.StartsWith("vbscript:", StringComparison.Ordinal)
            || cleaned.StartsWith("data:", StringComparison.Ordinal);
    }

    public static bool IsOtherOrigin(string url)
    {
        var u = url.Trim();
        if (u.StartsWith("//", StringComparison.Ordinal) || u.StartsWith(@"\", StringComparison.Ordinal) || u.StartsWith("/\\", StringComparison.Ordinal)) return true;
        var colon = u.IndexOf(':');
        var delimiter = u.IndexOfAny(['/', '?', '#']);
        if (colon <= 0 || (delimiter >= 0 && delimiter < colon)) return false;
        // img-src allows data: (theme icons); scripts and styles never load from data: anyway (checked above for URLs).
        return !u.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase);
    }

    private static string Excerpt(string s) => s.Length <= 160 ? s : s[..157] + "…";
}
