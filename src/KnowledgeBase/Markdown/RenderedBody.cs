namespace KnowledgeBase.Markdown;

public sealed record Heading(int Level, string Text, string Anchor);

/// <summary>What the Markdown stage makes of a post-mortem's body.</summary>
/// <param name="Timeline">The time-stamped entries of the body's timeline sections (null: none parsed).</param>
public sealed record RenderedBody(
    string Html,
    IReadOnlyList<Heading> Headings,
    IReadOnlyList<string> Lessons,
    string PlainText,
    int WordCount,
    IReadOnlyList<TimelineEntry>? Timeline = null);
