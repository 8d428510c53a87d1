using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using KnowledgeBase.Model;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KnowledgeBase.Markdown;

/// <summary>
/// The raw-HTML policy for post-mortem bodies (unless site.yml says <c>trust_html: true</c>): formatting, tables,
/// lists, links and same-site images stay; script, event handlers, styles (the site's Content-Security-Policy
/// forbids inline styles), frames, forms, embedded documents and javascript:/data: URLs go. Each removal is
/// reported as a warning at the line of the raw HTML that caused it.
/// </summary>
public static class RawHtmlSanitizer
{
    /// <summary>Elements kept (everything Markdig itself writes, plus harmless formatting).</summary>
    private static readonly string[] AllowedTags =
    [
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small",
        "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
        "ul", "var", "wbr",
    ];

    /// <summary>No <c>style</c>, no <c>on*</c>, no <c>data-*</c> (the theme's scripts act on data attributes).</summary>
    private static readonly string[] AllowedAttributes =
    [
        "href", "src", "alt", "title", "id", "class", "colspan", "rowspan", "scope", "headers", "start", "reversed",
        "type", "checked", "disabled", "datetime", "cite", "open", "lang", "dir", "abbr", "width", "height", "span",
    ];

    /// <summary>Removed together with everything inside them: their content is code, styles or another document.</summary>
    private static readonly HashSet<string> RemovedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
        "noembed", "noframes", "svg", "math", "textarea", "title", "xmp", "plaintext", "select", "option", "base",
        "link", "meta", "head", "canvas", "audio", "video", "source", "track", "portal", "dialog", "form", "button",
    };

    private static readonly HtmlSanitizerOptions Options = new()
    {
        AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
        AllowedAttributes = new HashSet<string>(AllowedAttributes, StringComparer.OrdinalIgnoreCase),
        AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
        UriAttributes = new HashSet<string>(HtmlSanitizerDefaults.UriAttributes, StringComparer.OrdinalIgnoreCase),
        AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        AllowedClasses = new HashSet<string>(StringComparer.Ordinal),
    };

    /// <summary>What was removed: <paramref name="Needle"/> is searched in the raw HTML to locate it.</summary>
    public sealed record Removal(string Needle, string Message);

    /// <summary>Sanitizes a rendered body; every removal is added to <paramref name="removals"/>.</summary>
    public static string Sanitize(string html, ICollection<Removal> removals)
    {
        // One sanitizer per call: its events report into this call's list (bodies are rendered in parallel).
        var sanitizer = new HtmlSanitizer(Options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            var tag = e.Tag.LocalName;
            if (RemovedWithContent.Contains(tag))
            {
                while (e.Tag.FirstChild is { } child) e.Tag.RemoveChild(child);
                removals.Add(new Removal("<" + tag, $"raw HTML <{tag}> is not allowed in a post-mortem and was removed with its content"));
            }
            else
                removals.Add(new Removal("<" + tag, $"raw HTML <{tag}> is not allowed and was removed (its text is kept); to show it as text, write it in backticks: `<{tag}>`"));
        };
        sanitizer.RemovingAttribute += (_, e) =>
        {
            var tag = e.Tag.LocalName;
            var name = e.Attribute.Name;
            removals.Add(new Removal(name, e switch
            {
                _ when name.StartsWith("on", StringComparison.OrdinalIgnoreCase) =>
                    $"raw HTML attribute '{name}' on <{tag}> was removed: no script runs on the site",
                _ when name.Equals("style", StringComparison.OrdinalIgnoreCase) =>
                    $"raw HTML attribute 'style' on <{tag}> was removed: the site's Content-Security-Policy blocks inline styles",
                { Reason: RemoveReason.NotAllowedUrlValue } when tag == "img" && IsOffSite(e.Attribute.Value) =>
                    $"raw HTML <img {name}> pointing to another site was removed: the site's Content-Security-Policy only loads images from the site itself",
                { Reason: RemoveReason.NotAllowedUrlValue } =>
                    $"raw HTML attribute {name}=\"{Shorten(e.Attribute.Value)}\" on <{tag}> was removed: use http(s), mailto or a relative link",
                _ => $"raw HTML attribute '{name}' on <{tag}> is not allowed and was removed",
            }));
        };
        sanitizer.FilterUrl += (_, e) =>
        {
            // Links may go anywhere; what the page loads (images) must come from the site (CSP img-src 'self').
            if (e.Tag.LocalName != "a" && e.SanitizedUrl is { } url && IsOffSite(url)) e.SanitizedUrl = null;
        };
        sanitizer.PostProcessDom += (_, e) =>
        {
            // Task-list checkboxes are the only inputs: disabled, never a text field.
            foreach (var input in e.Document.QuerySelectorAll("input").ToList())
            {
                if (!string.Equals(input.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase))
                {
                    removals.Add(new Removal("<input", "raw HTML <input> (other than a task-list checkbox) is not allowed and was removed"));
                    input.Remove();
                }
                else input.SetAttribute("disabled", "disabled");
            }
        };
        return sanitizer.Sanitize(html);
    }

    /// <summary>An absolute or protocol-relative URL: something that would load from another origin.</summary>
    public static bool IsOffSite(string url)
    {
        var u = url.Trim();
        if (u.StartsWith("//", StringComparison.Ordinal) || u.StartsWith(@"\\", StringComparison.Ordinal) || u.StartsWith("/\\", StringComparison.Ordinal)) return true;
        var colon = u.IndexOf(':');
        var delimiter = u.IndexOfAny(['/', '?', '#']);
        return colon > 0 && (delimiter < 0 || colon < delimiter);
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "…";
}

/// <summary>The readable text of raw HTML (for search and word counts): no tags, no script or style content.</summary>
public static class HtmlText
{
    public static string Of(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll("script, style, template, noscript, textarea, title, svg, math").ToList())
            element.Remove();
        return document.Body?.TextContent ?? "";
    }
}

/// <summary>
/// Makes Markdig's own output fit the site's Content-Security-Policy: column alignment becomes a class instead of
/// a <c>style</c> attribute, grid-table column widths are dropped, and images from other sites become links.
/// </summary>
public static class CspSafeMarkdown
{
    public static void Apply(MarkdownDocument document, Incident incident, ICollection<Diagnostic> diagnostics)
    {
        foreach (var table in document.Descendants<Table>())
        {
            var columns = table.ColumnDefinitions;
            if (columns.Count == 0) continue;
            foreach (var row in table.OfType<TableRow>())
                for (var i = 0; i < row.Count; i++)
                {
                    if (row[i] is not TableCell cell) continue;
                    var index = cell.ColumnIndex < 0 || cell.ColumnIndex >= columns.Count ? i : cell.ColumnIndex;
                    index = Math.Min(index, columns.Count - 1);
                    if (columns[index].Alignment is { } alignment)
                        cell.GetAttributes().AddClass(alignment switch
                        {
                            TableColumnAlign.Center => "align-center",
                            TableColumnAlign.Right => "align-right",
                            _ => "align-left",
                        });
                }
            foreach (var column in columns)
            {
                column.Alignment = null;
                column.Width = 0;
            }
        }

        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            if (image.Url is not { } url || !RawHtmlSanitizer.IsOffSite(url) || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) continue;
            image.IsImage = false;
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Warning, incident.SourcePath, incident.BodyLine + image.Line, image.Column + 1, "body",
                $"the image '{url}' is on another site, which the site's Content-Security-Policy does not load; it is shown as a link"));
        }
    }
}
