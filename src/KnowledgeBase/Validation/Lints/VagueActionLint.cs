namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// SMART actions, specific: an action title must say what changes. "Be more careful", "improve monitoring",
/// "быть внимательнее", "être plus vigilants", "besser kommunizieren" are wishes, not actions.
/// </summary>
public sealed class VagueActionLint : ILintRule
{
    public string Id => "vague-action";

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        var actions = target.Incident.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            if (VagueActionPhrases.Find(actions[i].Title) is not { } vague) continue;
            var field = $"actions[{i}].title";
            var why = vague.Discipline
                ? "asks people to try harder, which changes nothing in the system"
                : "names an area but not the change, so no one can tell when it is done";
            yield return target.Warning(Id, target.FrontMatter.PositionOf(field), field,
                $"vague action \"{actions[i].Title}\": \"{vague.Match.Value}\" {why}",
                VagueActionPhrases.Suggestion(target.Incident.Language, vague.Discipline));
        }
    }
}
