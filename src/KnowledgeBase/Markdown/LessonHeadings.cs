namespace KnowledgeBase.Markdown;

/// <summary>The section titles under which authors list lessons, in every supported language.</summary>
public static class LessonHeadings
{
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        // en
        "lessons learned", "lessons learnt", "lessons", "key lessons", "learnings", "takeaways", "key takeaways",
        // ru
        "извлечённые уроки", "извлеченные уроки", "уроки", "полученные уроки", "выводы", "извлечённые уроки и выводы",
        // fr
        "leçons apprises", "leçons tirées", "leçons", "enseignements", "enseignements tirés", "retours d'expérience",
        // de
        "erkenntnisse", "lehren", "gelernte lektionen", "learnings und erkenntnisse", "wichtige erkenntnisse",
    };

    public static bool IsLessonsHeading(string text) => Titles.Contains(Normalize(text));

    /// <summary>Lower-cases, unifies apostrophes and drops numbering and trailing punctuation ("6. Lessons learned:").</summary>
    public static string Normalize(string text)
    {
        var t = text.Trim().ToLowerInvariant().Replace('’', '\'');
        var start = 0;
        while (start < t.Length && (char.IsDigit(t[start]) || t[start] is '.' or ')' or ' ')) start++;
        t = t[start..].TrimEnd(':', '.', ' ');
        return t;
    }
}
