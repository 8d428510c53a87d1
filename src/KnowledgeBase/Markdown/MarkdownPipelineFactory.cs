using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace KnowledgeBase.Markdown;

/// <summary>Builds the one Markdig pipeline the whole build shares (Markdig pipelines are immutable and thread-safe).</summary>
public static class MarkdownPipelineFactory
{
    public static MarkdownPipeline Create() => new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseFootnotes()
        .UseDefinitionLists()
        // GitHub-style ids keep Unicode letters, so Russian headings get readable, stable anchors.
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        // Raw HTML is parsed, then sanitized after rendering (RawHtmlSanitizer), unless site.yml sets trust_html: true:
        // nothing in a post-mortem may run script.
        .Build();
}
