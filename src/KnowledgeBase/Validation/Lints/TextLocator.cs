using KnowledgeBase.Model;

namespace KnowledgeBase.Validation.Lints;

/// <summary>Turns a character offset in a file's text into a 1-based line and column.</summary>
public sealed class TextLocator
{
    private readonly int[] _lineStarts;

    public TextLocator(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        _lineStarts = [.. starts];
    }

    public int LineCount => _lineStarts.Length;

    /// <summary>Offset of the first character of a 1-based line.</summary>
    public int StartOfLine(int line) => _lineStarts[Math.Clamp(line, 1, _lineStarts.Length) - 1];

    public SourcePosition PositionOf(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        return new SourcePosition(index + 1, offset - _lineStarts[index] + 1);
    }
}
