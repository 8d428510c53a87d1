namespace KnowledgeBase.Reading;

/// <summary>The YAML block and the Markdown body of a post-mortem file.</summary>
/// <param name="YamlLine">1-based file line of the YAML block's first line.</param>
/// <param name="BodyLine">1-based file line of the body's first line.</param>
public sealed record FrontMatterSplit(string Yaml, int YamlLine, string Body, int BodyLine);

/// <summary>Splits <c>---</c>-delimited YAML front matter from the Markdown that follows it.</summary>
public static class FrontMatterSplitter
{
    /// <summary>Returns null when the file does not open with a front-matter block; the error names why.</summary>
    public static FrontMatterSplit? Split(string text, out string? error)
    {
        error = null;
        var firstEnd = LineEnd(text, 0, out var firstNext);
        if (text.AsSpan(0, firstEnd).TrimEnd() is not "---")
        {
            error = "expected YAML front matter: the file must start with a line '---', the fields, and a closing '---'";
            return null;
        }

        var line = 2;
        var pos = firstNext;
        while (pos < text.Length)
        {
            var end = LineEnd(text, pos, out var next);
            var content = text.AsSpan(pos, end - pos).TrimEnd();
            if (content is "---" or "...")
            {
                var yaml = text[firstNext..pos];
                return new FrontMatterSplit(yaml, 2, text[next..], line + 1);
            }
            pos = next;
            line++;
        }

        error = "the front matter is not closed: add a line '---' after the last field";
        return null;
    }

    private static int LineEnd(string text, int start, out int next)
    {
        var nl = text.IndexOf('\n', start);
        if (nl < 0) { next = text.Length; return text.Length; }
        next = nl + 1;
        return nl > start && text[nl - 1] == '\r' ? nl - 1 : nl;
    }
}
