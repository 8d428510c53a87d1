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
    public RenderedBody Render(Incident incident, ICollection<Diagnostic> diagnostics)
    {
        var document = Markdig.Markdown.Parse(incident.Body, pipeline);
        CheckLinks(document, incident, diagnostics);

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

        return new RenderedBody(writer.ToString(), headings, LessonExtractor.FromBody(document), plain, CountWords(plain));
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
