using KnowledgeBase.Model;

namespace KnowledgeBase.Markdown;

public sealed record Heading(int Level, string Text, string Anchor);

/// <summary>What the Markdown stage makes of a post-mortem's body.</summary>
/// <param name="Html">The body's HTML, kept as UTF-8 (see <see cref="Utf8Text"/>): read by the incident page only.</param>
/// <param name="PlainText">The body's text, kept as UTF-8: read by the search index and similar incidents only.</param>
/// <param name="Timeline">The time-stamped entries of the body's timeline sections (null: none parsed).</param>
public sealed record RenderedBody(
    Utf8Text Html,
    IReadOnlyList<Heading> Headings,
    IReadOnlyList<string> Lessons,
    Utf8Text PlainText,
    int WordCount,
    IReadOnlyList<TimelineEntry>? Timeline = null);
