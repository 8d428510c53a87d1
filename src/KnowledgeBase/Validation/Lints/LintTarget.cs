using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// Everything a lint needs about one valid post-mortem: the incident, its source text, the front matter's nodes
/// with positions, the body's Markdown tree (parsed once, with the build's pipeline) and the body's prose.
/// </summary>
public sealed class LintTarget
{
    private LintTarget(Incident incident, SourceFile source, SiteSettings settings, DateOnly asOf,
        FrontMatterIndex frontMatter, MarkdownDocument document, TextLocator locator, int bodyOffset, string prose)
    {
        Incident = incident;
        Source = source;
        Settings = settings;
        AsOf = asOf;
        FrontMatter = frontMatter;
        Document = document;
        Locator = locator;
        BodyOffset = bodyOffset;
        BodyProse = prose;
    }

    public Incident Incident { get; }
    public SourceFile Source { get; }
    public SiteSettings Settings { get; }
    /// <summary>Reference date for overdue actions.</summary>
    public DateOnly AsOf { get; }
    public FrontMatterIndex FrontMatter { get; }
    public MarkdownDocument Document { get; }
    public TextLocator Locator { get; }
    /// <summary>Offset of the body's first character in the file.</summary>
    public int BodyOffset { get; }

    /// <summary>
    /// The body with everything that is not prose blanked out (code blocks and spans, HTML tags and comments, link
    /// targets, emphasis markers), same length and line breaks as the body, so an offset in it is an offset in the body.
    /// </summary>
    public string BodyProse { get; }

    public string File => Incident.SourcePath;

    /// <param name="yamlRoot">The front matter's YAML tree, as the reader loaded it (<see cref="IncidentReader.ReadWithFrontMatter"/>).</param>
    public static LintTarget? Create(SourceFile source, Incident incident, YamlDotNet.RepresentationModel.YamlMappingNode yamlRoot,
        SiteSettings settings, MarkdownPipeline pipeline, DateOnly asOf)
    {
        var split = FrontMatterSplitter.Split(source.Text, out _);
        if (split is null) return null;
        var locator = new TextLocator(source.Text);
        var frontMatter = new FrontMatterIndex(split.Yaml, locator.StartOfLine(split.YamlLine), split.YamlLine, yamlRoot);
        var document = Markdig.Markdown.Parse(incident.Body, pipeline);
        var bodyOffset = source.Text.Length - incident.Body.Length;
        return new LintTarget(incident, source, settings, asOf, frontMatter, document, locator, bodyOffset, Mask(incident.Body, document));
    }

    /// <summary>File position of an offset in the body.</summary>
    public SourcePosition BodyPosition(int offsetInBody) => Locator.PositionOf(BodyOffset + offsetInBody);

    /// <summary>File position of a Markdown block (its first character).</summary>
    public SourcePosition PositionOf(Block block) => new(Incident.BodyLine + block.Line, block.Column + 1);

    public LintFinding Warning(string rule, SourcePosition at, string field, string message, string? suggestion = null) =>
        new(rule, new Diagnostic(DiagnosticLevel.Warning, File, at.Line, at.Column, field, message), suggestion);

    private static string Mask(string body, MarkdownDocument document)
    {
        var chars = body.ToCharArray();
        void Blank(int start, int endInclusive)
        {
            for (var i = Math.Max(0, start); i <= endInclusive && i < chars.Length; i++)
                if (chars[i] is not ('\n' or '\r')) chars[i] = ' ';
        }

        foreach (var code in document.Descendants<CodeBlock>()) Blank(code.Span.Start, code.Span.End);
        // Of raw HTML blocks only comments are hidden from readers; the text of other blocks is shown.
        foreach (var html in document.Descendants<HtmlBlock>().Where(h => h.Type == HtmlBlockType.Comment)) Blank(html.Span.Start, html.Span.End);
        foreach (var inline in document.Descendants<Inline>())
        {
            switch (inline)
            {
                case CodeInline or AutolinkInline or HtmlInline:
                    Blank(inline.Span.Start, inline.Span.End);
                    break;
                case LinkInline link:
                    // Keep the link's words, blank its brackets and target: "[words](target)".
                    Blank(link.Span.Start, link.Span.Start);
                    var textEnd = link.LastChild?.Span.End ?? link.Span.Start;
                    Blank(textEnd + 1, link.Span.End);
                    break;
                case EmphasisInline emphasis when emphasis.DelimiterCount > 0:
                    // "human **error**" reads as "human error".
                    Blank(emphasis.Span.Start, emphasis.Span.Start + emphasis.DelimiterCount - 1);
                    Blank(emphasis.Span.End - emphasis.DelimiterCount + 1, emphasis.Span.End);
                    break;
            }
        }
        return new string(chars);
    }
}
