namespace KnowledgeBase.Bench.Generation;

/// <summary>The thing that broke, with the grammatical forms a language needs to use it in a
/// sentence, and its gender/number (0 masculine, 1 feminine, 2 neuter, 3 plural).</summary>
public sealed record Component(int Gender, string[] Forms);

/// <summary>Section headings of a post-mortem in one language, in the conventional order.</summary>
public sealed record Headings(
    string Summary, string Timeline, string Impact, string RootCauses,
    string WentWell, string Lessons, string ActionItems);

/// <summary>
/// Everything language-specific the generator needs: headings, phrase banks of engineering
/// sentences with slots, names, components with their inflected forms, number formatting.
/// The raw text lives in the <c>Banks.*.cs</c> files; this class parses it once.
/// </summary>
public sealed class LanguageBank
{
    public required string Code { get; init; }
    public required Headings Headings { get; init; }
    /// <summary>Names of the component forms, e.g. Russian cases; "comp" alone is form 0.</summary>
    public required string[] ComponentFormNames { get; init; }
    public required Component[] Components { get; init; }
    public required string[] Names { get; init; }
    public required string[] DetectedBy { get; init; }
    /// <summary>Digit-group separator for numbers ≥ 1000 ("12,400", "12 400", "12.400").</summary>
    public required string GroupSeparator { get; init; }
    /// <summary>How a team is named as an action owner, e.g. "Team {0}".</summary>
    public required string TeamOwnerFormat { get; init; }
    /// <summary>One action item as a body line: {0} title, {1} owner, {2} due date.</summary>
    public required string ActionLineFormat { get; init; }

    public required Template[] Titles { get; init; }
    public required Template[] Summaries { get; init; }
    public required Template[] Overview { get; init; }
    public required Template[] TimelineNote { get; init; }
    public required Template[] TimelineStart { get; init; }
    public required Template[] TimelineSymptom { get; init; }
    public required Template[] TimelineDetect { get; init; }
    public required Template[] TimelineInvestigate { get; init; }
    public required Template[] TimelineMitigate { get; init; }
    public required Template[] TimelineVerify { get; init; }
    public required Template[] TimelineResolve { get; init; }
    public required Template[] Impact { get; init; }
    public required Template[] WhysIntro { get; init; }
    /// <summary>Five levels of the five-whys chain, from symptom to organisation.</summary>
    public required Template[][] Whys { get; init; }
    public required Template[] Discussion { get; init; }
    public required Template[] WentWell { get; init; }
    public required Template[] Lessons { get; init; }
    public required Template[] ActionTitles { get; init; }
    public required Template[] Success { get; init; }

    /// <summary>Every sentence template of the bank (for counting and tests).</summary>
    public IEnumerable<Template> AllTemplates() =>
        Titles.Concat(Summaries).Concat(Overview).Concat(TimelineNote).Concat(TimelineStart)
            .Concat(TimelineSymptom).Concat(TimelineDetect).Concat(TimelineInvestigate)
            .Concat(TimelineMitigate).Concat(TimelineVerify).Concat(TimelineResolve).Concat(Impact)
            .Concat(WhysIntro).Concat(Whys.SelectMany(w => w)).Concat(Discussion).Concat(WentWell)
            .Concat(Lessons).Concat(ActionTitles).Concat(Success);

    /// <summary>Parses component definitions written as "gender|form1|form2|…" with gender one of
    /// m, f, n, pl.</summary>
    internal static Component[] ParseComponents(string[] formNames, params string[] definitions) =>
        definitions.Select(d =>
        {
            var parts = d.Split('|');
            if (parts.Length != formNames.Length + 1)
                throw new FormatException($"Component needs {formNames.Length} forms: {d}");
            var gender = parts[0] switch
            {
                "m" => 0, "f" => 1, "n" => 2, "pl" => 3,
                _ => throw new FormatException($"Unknown gender in component: {d}"),
            };
            return new Component(gender, parts[1..]);
        }).ToArray();

    internal static Template[] T(string[] formNames, params string[] templates) =>
        templates.Select(t => Template.Parse(t, formNames)).ToArray();

    public static IReadOnlyList<LanguageBank> All { get; } = [Banks.English(), Banks.Russian(), Banks.French(), Banks.German()];

    public static LanguageBank For(string code) => All.First(b => b.Code == code);
}
