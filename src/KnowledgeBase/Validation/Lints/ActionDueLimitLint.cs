using System.Globalization;
using KnowledgeBase.Model;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// SMART actions, time-bound: for severities with a limit in <c>action_due_limits</c> (site.yml; default SEV1 and
/// SEV2: 56 days), every action still to be done (<c>open</c> or <c>in-progress</c>) is due within that many days
/// of the incident date. Finished and dropped actions are history: their dates are not rewritten after the fact.
/// </summary>
public sealed class ActionDueLimitLint : ILintRule
{
    public string Id => "action-due";

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        var incident = target.Incident;
        if (!target.Settings.ActionDueLimits.TryGetValue(incident.Severity, out var days)) yield break;
        var latest = incident.Date.AddDays(days);
        for (var i = 0; i < incident.Actions.Count; i++)
        {
            var action = incident.Actions[i];
            if (action.Status is ActionStatus.Done or ActionStatus.WontDo || action.Due <= latest) continue;
            var field = $"actions[{i}].due";
            var after = action.Due.DayNumber - incident.Date.DayNumber;
            yield return target.Warning(Id, target.FrontMatter.PositionOf(field), field,
                string.Create(CultureInfo.InvariantCulture,
                    $"{ActionItem.StatusKey(action.Status)} action \"{action.Title}\" is due {action.Due:yyyy-MM-dd}, {after} days after the incident; {incident.Severity} actions should be due within {days} days (by {latest:yyyy-MM-dd})"),
                string.Create(CultureInfo.InvariantCulture,
                    $"Split off a first step that can be done by {latest:yyyy-MM-dd} and track the rest separately, or raise action_due_limits.{incident.Severity} in site.yml if this horizon is the norm."));
        }
    }
}
