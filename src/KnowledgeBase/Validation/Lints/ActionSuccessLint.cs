using KnowledgeBase.Model;

namespace KnowledgeBase.Validation.Lints;

/// <summary>SMART actions, measurable: a high-priority action says how we will know it worked (<c>success</c>).</summary>
public sealed class ActionSuccessLint : ILintRule
{
    public string Id => "action-success";

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        var actions = target.Incident.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (action.Priority != ActionPriority.High || action.Status == ActionStatus.WontDo || !string.IsNullOrWhiteSpace(action.Success)) continue;
            yield return target.Warning(Id, target.FrontMatter.PositionOf($"actions[{i}]"), $"actions[{i}].success",
                $"high-priority action \"{action.Title}\" has no success criterion",
                "Add 'success:' with an observable result, e.g. \"a rehearsal of the incident in staging triggers the alert within 2 minutes\".");
        }
    }
}
