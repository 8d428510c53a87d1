using Markdig.Syntax;

namespace KnowledgeBase.Markdown;

/// <summary>The conventional sections of a post-mortem body and how their headings are recognised in en/ru/fr/de.</summary>
public static class SectionHeadings
{
    private static readonly HashSet<string> TimelineTitles = new(StringComparer.Ordinal)
    {
        "timeline", "timeline of events", "incident timeline", "chronology", "sequence of events",
        "хронология", "хронология событий", "хронология инцидента", "таймлайн", "ход событий", "временная шкала",
        "chronologie", "chronologie des événements", "chronologie de l'incident", "déroulement", "déroulé", "frise chronologique",
        "zeitleiste", "zeitlicher ablauf", "ablauf", "zeitstrahl", "chronologie des vorfalls",
    };

    /// <summary>Words that make a heading a root-cause section ("Root causes (5 whys)", "Первопричины (5 почему)"…).</summary>
    private static readonly string[] RootCauseWords =
    [
        "root cause", "5 whys", "five whys", "5 why", "5-why",
        "первопричин", "корневые причины", "корневая причина", "причины", "5 почему", "пять почему",
        "cause racine", "causes racines", "causes profondes", "5 pourquoi", "cinq pourquoi",
        "ursache", "5 warum", "fünf warum", "5-warum",
    ];

    public static bool IsTimeline(string heading) => TimelineTitles.Contains(WithoutParentheses(LessonHeadings.Normalize(heading)));

    public static bool IsRootCauses(string heading)
    {
        // Not normalised: numbering is dropped by normalising, and "5 Whys" starts with its number.
        var h = heading.Trim().ToLowerInvariant();
        return RootCauseWords.Any(w => h.Contains(w, StringComparison.Ordinal));
    }

    public static bool IsLessons(string heading) => LessonHeadings.IsLessonsHeading(WithoutParentheses(LessonHeadings.Normalize(heading)));

    /// <summary>The top-level blocks under a heading, up to the next heading of the same or a higher level.</summary>
    public static IEnumerable<Block> SectionOf(MarkdownDocument document, HeadingBlock heading)
    {
        var start = document.IndexOf(heading);
        for (var i = start + 1; i < document.Count; i++)
        {
            if (document[i] is HeadingBlock next && next.Level <= heading.Level) yield break;
            yield return document[i];
        }
    }

    /// <summary>The first heading (any level) the predicate accepts.</summary>
    public static HeadingBlock? Find(MarkdownDocument document, Func<string, bool> accepts) =>
        document.OfType<HeadingBlock>().FirstOrDefault(h => accepts(InlineText.Of(h.Inline)));

    /// <summary>The conventional section titles, in the order the contract gives them, for a language (English fills gaps).</summary>
    public static Conventional TitlesFor(string language) => (language.Length >= 2 ? language[..2].ToLowerInvariant() : language) switch
    {
        "ru" => new("Резюме", "Хронология", "Влияние", "Первопричины (5 почему)", "Что прошло хорошо", "Извлечённые уроки", "Задачи"),
        "fr" => new("Résumé", "Chronologie", "Impact", "Causes racines (5 pourquoi)", "Ce qui a bien fonctionné", "Leçons apprises", "Actions"),
        "de" => new("Zusammenfassung", "Zeitleiste", "Auswirkungen", "Ursachen (5 Warum)", "Was gut lief", "Erkenntnisse", "Maßnahmen"),
        _ => new("Summary", "Timeline", "Impact", "Root causes (5 whys)", "What went well", "Lessons learned", "Action items"),
    };

    public sealed record Conventional(string Summary, string Timeline, string Impact, string RootCauses, string WentWell, string Lessons, string Actions);

    private static string WithoutParentheses(string text)
    {
        var open = text.IndexOf('(');
        return open > 0 ? text[..open].TrimEnd() : text;
    }
}
