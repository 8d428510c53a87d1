using System.Text;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KnowledgeBase.Markdown;

/// <summary>Parses a post-mortem body once and derives everything from that one tree: HTML, headings, lessons, text.</summary>
public sealed class PostmortemMarkdown(MarkdownPipeline pipeline, BodyLinkResolver links)
{
    /// <summary>site.yml <c>trust_html: true</c>: raw HTML passes through; otherwise it is sanitized (<see cref="RawHtmlSanitizer"/>).</summary>
    public bool TrustHtml { get; init; }

    public RenderedBody Render(Incident incident, ICollection<Diagnostic> diagnostics)
    {
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(incident.Body, pipeline);
        }
        catch (ArgumentException e) when (e.Message.Contains("deeply nested", StringComparison.Ordinal))
        {
            // Markdig's own depth limit (e.g. emphasis inside emphasis 128 times); block nesting is refused earlier, with its line.
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, incident.SourcePath, incident.BodyLine, 1, "body",
                "the Markdown is nested too deeply (lists, quotes or emphasis inside each other more than about 100 levels); flatten it"));
            return new RenderedBody("", [], [], "", 0);
        }
        CheckLinks(document, incident, diagnostics);
        CspSafeMarkdown.Apply(document, incident, diagnostics);

        var headings = new List<Heading>();
        foreach (var h in document.Descendants<HeadingBlock>())
            headings.Add(new Heading(h.Level, InlineText.Of(h.Inline), h.GetAttributes().Id ?? ""));

        var text = new StringBuilder(incident.Body.Length);
        InlineText.AppendBlock(document, text);
        var plain = text.ToString();

        using var writer = new StringWriter(new StringBuilder(incident.Body.Length * 2));
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();

        var html = writer.ToString();
        if (!TrustHtml) html = SanitizeRawHtml(html, document, incident, diagnostics);
        return new RenderedBody(html, headings, LessonExtractor.FromBody(document), plain, CountWords(plain), TimelineEntries.Parse(document, FirstDay(incident)));
    }

    /// <summary>Entries that give only a time happened on the day the incident started, in its own offset.</summary>
    private static DateOnly FirstDay(Incident incident) =>
        incident.Times.Origin is { } origin ? DateOnly.FromDateTime(origin.DateTime) : incident.Date;

    /// <summary>
    /// Markdig's own output is safe (links are checked above, text is escaped); raw HTML from the author is not, so a
    /// body that has any goes through the sanitizer as a whole (inline tags open and close in different nodes).
    /// </summary>
    private static string SanitizeRawHtml(string html, MarkdownDocument document, Incident incident, ICollection<Diagnostic> diagnostics)
    {
        var raw = new List<(int Line, string Text)>();
        foreach (var node in document.Descendants())
        {
            if (node is HtmlBlock block) raw.Add((block.Line, block.Lines.ToString()));
            else if (node is HtmlInline inline) raw.Add((inline.Line, inline.Tag));
        }
        if (raw.Count == 0) return html;

        var removals = new List<RawHtmlSanitizer.Removal>();
        var clean = RawHtmlSanitizer.Sanitize(html, removals);
        foreach (var removal in removals.DistinctBy(r => r.Message))
        {
            var at = raw.FirstOrDefault(r => r.Text.Contains(removal.Needle, StringComparison.OrdinalIgnoreCase));
            var line = at.Text is null ? raw[0].Line : at.Line;
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Warning, incident.SourcePath, incident.BodyLine + line, 0, "body",
                removal.Message + " (site.yml trust_html: true lets raw HTML through)"));
        }
        return clean;
    }

    private void CheckLinks(MarkdownDocument document, Incident incident, ICollection<Diagnostic> diagnostics)
    {
        // CommonMark autolinks (<scheme:...>) accept any scheme, javascript: included.
        foreach (var auto in document.Descendants<AutolinkInline>().ToList())
        {
            if (auto.IsEmail || SafeUrl.IsAllowed(auto.Url)) continue;
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, incident.SourcePath, incident.BodyLine + auto.Line, auto.Column + 1, "body",
                $"link target '{auto.Url}' is not allowed: use http(s), mailto or a relative link"));
            auto.ReplaceBy(new LiteralInline(auto.Url));
        }
        foreach (var link in document.Descendants<LinkInline>())
        {
            var url = link.Url ?? "";
            var line = incident.BodyLine + link.Line;
            var column = link.Column + 1;
            if (!SafeUrl.IsAllowed(url))
            {
                diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, incident.SourcePath, line, column, "body",
                    $"link target '{url}' is not allowed: use http(s), mailto or a relative link"));
                link.Url = "#";
                continue;
            }
            switch (links.Resolve(incident.SourcePath, url, out var resolved))
            {
                case LinkTarget.Included:
                    link.Url = resolved;
                    break;
                case LinkTarget.Excluded:
                    // The target exists but is not part of this build (draft, private): keep the words, drop the link.
                    link.Url = null;
                    link.IsImage = false;
                    ReplaceWithChildren(link);
                    break;
                case LinkTarget.Missing:
                    diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, incident.SourcePath, line, column, "body",
                        $"link to '{url}' does not match any post-mortem file under {InputScanner.PostmortemsFolder}/"));
                    break;
            }
        }
    }

    private static void ReplaceWithChildren(LinkInline link)
    {
        var children = link.ToList();
        Inline anchor = link;
        foreach (var child in children)
        {
            child.Remove();
            anchor.InsertAfter(child);
            anchor = child;
        }
        link.Remove();
    }

    private static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWordChar = char.IsLetterOrDigit(c);
            if (isWordChar && !inWord) count++;
            inWord = isWordChar;
        }
        return count;
    }
}
