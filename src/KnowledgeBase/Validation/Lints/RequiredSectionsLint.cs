using KnowledgeBase.Markdown;
using Markdig.Syntax;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// Structure: a post-mortem of one of the two worst severities of the site (SEV1 and SEV2 by default) has a
/// root-cause analysis (a non-empty section under a heading such as "Root causes (5 whys)", "Первопричины",
/// "Causes racines", "Ursachen"), lessons (front matter <c>lessons</c> or the body's lessons list) and actions.
/// </summary>
public sealed class RequiredSectionsLint : ILintRule
{
    public string Id => "required-sections";

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        var incident = target.Incident;
        var severities = target.Settings.Severities;
        var rank = -1;
        for (var i = 0; i < severities.Count; i++)
            if (severities[i] == incident.Severity) rank = i;
        if (rank is < 0 or > 1) yield break;

        var at = target.FrontMatter.PositionOf("severity");
        var titles = SectionHeadings.TitlesFor(incident.Language);
        var sev = incident.Severity;

        var rootCauses = SectionHeadings.Find(target.Document, SectionHeadings.IsRootCauses);
        if (rootCauses is null)
            yield return target.Warning(Id, at, "body",
                $"a {sev} post-mortem needs a root-cause analysis: no section such as \"{titles.RootCauses}\" was found",
                $"Add \"## {titles.RootCauses}\" and ask why, answer by answer, until you reach a cause in the system (a process, a tool, a missing check).");
        else if (!SectionHeadings.SectionOf(target.Document, rootCauses).Any(b => b is not HeadingBlock))
            yield return target.Warning(Id, target.PositionOf(rootCauses), "body",
                $"the root-cause section \"{InlineText.Of(rootCauses.Inline)}\" of this {sev} post-mortem is empty",
                "List the whys, each answer the reason for the one before it, down to a systemic cause.");

        var hasLessons = incident.Lessons is { Count: > 0 } || LessonExtractor.FromBody(target.Document).Count > 0;
        if (!hasLessons)
            yield return target.Warning(Id, at, "lessons",
                $"a {sev} post-mortem needs lessons learned: neither the front matter 'lessons' nor a list under \"{titles.Lessons}\" has any",
                $"Add a list under \"## {titles.Lessons}\" with what the organisation learned, one lesson per item.");

        if (incident.Actions.Count == 0)
            yield return target.Warning(Id, at, "actions",
                $"a {sev} post-mortem needs follow-up actions: the front matter has no 'actions'",
                "Add 'actions:' with a concrete title, one owner, a due date and, for high priority, a success criterion for each.");
    }
}
