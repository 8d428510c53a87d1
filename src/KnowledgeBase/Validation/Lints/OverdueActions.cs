using KnowledgeBase.Model;

namespace KnowledgeBase.Validation.Lints;

/// <summary>One overdue action, located in its post-mortem's front matter.</summary>
public sealed record OverdueAction(string File, SourcePosition Position, string Field, string IncidentId, ActionItem Action, int DaysOverdue);

/// <summary>Everything one owner has overdue, oldest deadline first.</summary>
public sealed record OwnerOverdue(string Owner, IReadOnlyList<OverdueAction> Actions);

/// <summary>
/// Follow-up: open or in-progress actions whose due date lies before the reference date, listed per owner. This is a
/// summary for the people who chase actions, not a finding about the file, so it never changes the exit code.
/// </summary>
public static class OverdueActions
{
    /// <summary>The overdue actions of one post-mortem, in front matter order, each with its trimmed owner.</summary>
    public static List<(string Owner, OverdueAction Item)> Of(LintTarget target, DateOnly asOf)
    {
        var found = new List<(string Owner, OverdueAction Item)>();
        var actions = target.Incident.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            if (!actions[i].IsOverdue(asOf)) continue;
            var field = $"actions[{i}]";
            found.Add((actions[i].Owner.Trim(), new OverdueAction(target.File, target.FrontMatter.PositionOf(field), field,
                target.Incident.Id, actions[i], asOf.DayNumber - actions[i].Due.DayNumber)));
        }
        return found;
    }

    /// <param name="all">Every overdue action (<see cref="Of"/>), post-mortems in file order.</param>
    public static IReadOnlyList<OwnerOverdue> ByOwner(IEnumerable<(string Owner, OverdueAction Item)> all) =>
        // Owners merge case-insensitively ("SRE" = "sre"); the first spelling in file order names the group.
        all.GroupBy(a => a.Owner, StringComparer.OrdinalIgnoreCase)
            .Select(g => new OwnerOverdue(g.First().Owner, g.Select(a => a.Item)
                .OrderBy(a => a.Action.Due).ThenBy(a => a.File, StringComparer.Ordinal).ThenBy(a => a.Position.Line).ToList()))
            .OrderBy(g => g.Owner, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Owner, StringComparer.Ordinal)
            .ToList();
}
