namespace KnowledgeBase.Model;

/// <summary>A 1-based line/column inside a source file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition Unknown = new(0, 0);
}
