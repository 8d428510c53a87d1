using KnowledgeBase.Markdown;

namespace KnowledgeBase.Aggregation.Similarity;

/// <summary>
/// The text of a post-mortem's root-cause section ("Root causes (5 whys)", "Коренные причины", "Causes racines",
/// "Ursachen"…): from that heading to the next heading of the same or a higher level. Empty when there is none.
/// </summary>
public static class RootCauseText
{
    /// <summary>Longest text taken from the section, so a huge body cannot dominate the build time.</summary>
    public const int MaxChars = 600;

    private static readonly string[] Prefixes =
    [
        // en
        "root cause", "causes", "cause", "contributing factor", "why", "5 whys", "five whys",
        // ru
        "первопричин", "коренн", "причин", "анализ причин",
        // fr
        "causes racines", "cause racine", "causes profondes", "pourquoi", "analyse des causes",
        // de
        "ursache", "grundursache", "warum", "ursachenanalyse",
    ];

    public static bool IsRootCauseHeading(string text)
    {
        var t = LessonHeadings.Normalize(text);
        foreach (var p in Prefixes)
            if (t.StartsWith(p, StringComparison.Ordinal)) return true;
        return false;
    }

    public static string Of(RenderedBody body)
    {
        var headings = body.Headings;
        for (var h = 0; h < headings.Count; h++)
        {
            if (!IsRootCauseHeading(headings[h].Text)) continue;
            var text = body.PlainText.ToString();
            var start = LineOf(text, headings[h].Text, 0);
            if (start < 0) return "";
            start += headings[h].Text.Length;
            var end = text.Length;
            for (var n = h + 1; n < headings.Count; n++)
            {
                if (headings[n].Level > headings[h].Level) continue;
                var next = LineOf(text, headings[n].Text, start);
                if (next >= 0) end = next;
                break;
            }
            var length = Math.Min(end - start, MaxChars);
            return length > 0 ? text.Substring(start, length) : "";
        }
        return "";
    }

    /// <summary>Where a whole line equal to <paramref name="line"/> starts, at or after <paramref name="from"/>; −1 if none.</summary>
    private static int LineOf(string text, string line, int from)
    {
        if (line.Length == 0) return -1;
        var at = from;
        while ((at = text.IndexOf(line, at, StringComparison.Ordinal)) >= 0)
        {
            var startsLine = at == 0 || text[at - 1] == '\n';
            var endsLine = at + line.Length == text.Length || text[at + line.Length] == '\n';
            if (startsLine && endsLine) return at;
            at++;
        }
        return -1;
    }
}
