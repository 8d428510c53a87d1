namespace KnowledgeBase.Reading;

/// <summary>
/// Refuses Markdown bodies nested deeper than the Markdown parser allows, with the line where it happens, before
/// anything parses them (the build and <c>kb check</c> alike). Markdig stops at about 128 levels with an exception
/// that names no line; other tree walkers recurse per level, and a stack overflow cannot be caught in .NET.
/// </summary>
public static class MarkdownLimits
{
    /// <summary>Nesting units per line: a block quote counts 1, a list 2 (list + item), as in Markdig's own count.</summary>
    public const int MaxDepth = 100;

    /// <summary>The first body line (0-based) nested deeper than <see cref="MaxDepth"/>, with its estimated depth.</summary>
    public static (int Line, int Depth)? FindTooDeep(string body)
    {
        var line = 0;
        var pos = 0;
        char fence = '\0';
        while (pos <= body.Length)
        {
            var end = body.IndexOf('\n', pos);
            if (end < 0) end = body.Length;
            var depth = Depth(body.AsSpan(pos, end - pos), ref fence);
            if (depth > MaxDepth) return (line, depth);
            pos = end + 1;
            line++;
        }
        return null;
    }

    /// <summary>Deepest nesting of raw HTML elements (browsers stop at 512; parsing costs grow with depth times tags).</summary>
    public const int MaxHtmlDepth = 256;

    private static readonly HashSet<string> NoEndTag = new(StringComparer.OrdinalIgnoreCase)
    {
        // Void elements, and elements whose end tag may be left out (closed by their next sibling or parent).
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rp", "rt", "colgroup", "caption",
    };

    /// <summary>
    /// The first body line (0-based) where raw HTML elements are open more than <see cref="MaxHtmlDepth"/> deep
    /// (an estimate: start tags that need an end tag, minus end tags). HTML parsers spend time proportional to
    /// depth for every tag, so 100,000 unclosed &lt;div&gt;s would take minutes to sanitize.
    /// </summary>
    public static (int Line, int Depth)? FindTooDeepHtml(string body)
    {
        var depth = 0;
        var line = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\n') { line++; continue; }
            if (c != '<' || i + 1 >= body.Length) continue;
            var closing = body[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < body.Length && end - start < 32 && (char.IsAsciiLetterOrDigit(body[end]) || body[end] == '-')) end++;
            if (end == start || !char.IsAsciiLetter(body[start])) continue;
            var name = body.AsSpan(start, end - start);
            if (closing)
            {
                if (depth > 0) depth--;
                continue;
            }
            if (NoEndTag.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name)) continue;
            // A self-closing tag ("<x/>") opens nothing.
            var close = body.IndexOf('>', end);
            if (close > 0 && close - end < 2048 && body[close - 1] == '/') continue;
            if (++depth > MaxHtmlDepth) return (line, depth);
        }
        return null;
    }

    /// <summary>
    /// An upper estimate: leading block-quote and list markers, plus indentation (a nested list needs at least two
    /// columns per level). Lines inside fenced code blocks are text, not nesting.
    /// </summary>
    private static int Depth(ReadOnlySpan<char> text, ref char fence)
    {
        var depth = 0;
        var i = 0;
        while (true)
        {
            var columns = 0;
            while (i < text.Length && text[i] is ' ' or '\t') { columns += text[i] == '\t' ? 4 : 1; i++; }
            if (fence == '\0') depth += columns;
            if (i >= text.Length) break;
            var c = text[i];
            if (c == '>') { depth++; i++; continue; }
            if (c is '-' or '+' or '*' && (i + 1 == text.Length || text[i + 1] is ' ' or '\t')) { depth += 2; i++; continue; }
            var digits = 0;
            while (i + digits < text.Length && digits < 10 && char.IsAsciiDigit(text[i + digits])) digits++;
            if (digits is > 0 and < 10 && i + digits < text.Length && text[i + digits] is '.' or ')'
                && (i + digits + 1 == text.Length || text[i + digits + 1] is ' ' or '\t'))
            {
                depth += 2;
                i += digits + 1;
                continue;
            }
            break;
        }

        // Fences open and close code blocks, whose lines are not nested markup.
        var rest = text[i..];
        if (rest.Length >= 3 && rest[0] is '`' or '~' && rest[1] == rest[0] && rest[2] == rest[0])
        {
            if (fence == '\0') fence = rest[0];
            else if (fence == rest[0]) fence = '\0';
            return depth;
        }
        return fence == '\0' ? depth : 0;
    }
}
