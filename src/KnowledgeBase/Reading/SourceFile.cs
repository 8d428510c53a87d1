namespace KnowledgeBase.Reading;

/// <summary>A post-mortem file as read from disk.</summary>
/// <param name="RelativePath">Relative to the input folder, forward slashes.</param>
public sealed record SourceFile(string FullPath, string RelativePath, string Text);
