using KnowledgeBase.Model;

namespace KnowledgeBase.Aggregation.Metrics;

/// <summary>One owner's actions: open work first (overdue is a part of open + in progress).</summary>
public sealed record OwnerLoad(string Owner, ActionClosure Actions);

/// <summary>Open and overdue actions per owner. Owners merge like tags do ("Team Edge" = "team edge").</summary>
public static class OwnerLoads
{
    /// <returns>Most overdue first, then most open work, then by name.</returns>
    public static IReadOnlyList<OwnerLoad> Of(IEnumerable<ActionItem> actions, DateOnly asOf, Func<string, string>? slugOf = null)
    {
        slugOf ??= Slug.From;
        var groups = new Dictionary<string, (List<ActionItem> Items, Dictionary<string, int> Spellings)>(StringComparer.Ordinal);
        foreach (var a in actions)
        {
            var slug = slugOf(a.Owner);
            if (!groups.TryGetValue(slug, out var g)) groups[slug] = g = ([], new Dictionary<string, int>(StringComparer.Ordinal));
            g.Items.Add(a);
            g.Spellings[a.Owner] = g.Spellings.GetValueOrDefault(a.Owner) + 1;
        }
        return groups.Values
            .Select(g => new OwnerLoad(
                g.Spellings.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key,
                ActionClosure.Of(g.Items, asOf)))
            .OrderByDescending(o => o.Actions.Overdue)
            .ThenByDescending(o => o.Actions.Open + o.Actions.InProgress)
            .ThenBy(o => o.Owner, StringComparer.Ordinal)
            .ToList();
    }
}
