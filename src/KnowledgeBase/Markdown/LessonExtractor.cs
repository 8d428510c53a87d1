using Markdig.Syntax;

namespace KnowledgeBase.Markdown;

/// <summary>Takes the lessons from the list under the body's lessons heading (in any supported language).</summary>
public static class LessonExtractor
{
    public static IReadOnlyList<string> FromBody(MarkdownDocument document)
    {
        for (var i = 0; i < document.Count; i++)
        {
            if (document[i] is not HeadingBlock heading || !LessonHeadings.IsLessonsHeading(InlineText.Of(heading.Inline)))
                continue;
            var lessons = new List<string>();
            for (var j = i + 1; j < document.Count; j++)
            {
                if (document[j] is HeadingBlock next && next.Level <= heading.Level) break;
                if (document[j] is ListBlock list)
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var text = ItemText(item);
                        if (text.Length > 0) lessons.Add(text);
                    }
            }
            return lessons;
        }
        return [];
    }

    /// <summary>The item's own paragraphs, without nested lists (those are details, not separate lessons).</summary>
    private static string ItemText(ListItemBlock item)
    {
        var parts = item.OfType<ParagraphBlock>().Select(p => InlineText.Of(p.Inline)).Where(t => t.Length > 0);
        return string.Join(" ", parts);
    }
}
