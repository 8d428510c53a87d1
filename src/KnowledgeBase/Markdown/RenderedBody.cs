namespace KnowledgeBase.Markdown;

public sealed record Heading(int Level, string Text, string Anchor);

/// <summary>What the Markdown stage makes of a post-mortem's body.</summary>
public sealed record RenderedBody(
    string Html,
    IReadOnlyList<Heading> Headings,
    IReadOnlyList<string> Lessons,
    string PlainText,
    int WordCount);
