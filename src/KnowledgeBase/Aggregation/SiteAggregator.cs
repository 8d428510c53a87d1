using System.Globalization;
using KnowledgeBase.Model;

namespace KnowledgeBase.Aggregation;

/// <summary>Builds the cross-incident views: taxonomies, backlinks, lessons, actions and the reading path.</summary>
public static class SiteAggregator
{
    public static SiteModel Aggregate(IReadOnlyList<RenderedIncident> rendered, SiteSettings settings, DateOnly asOf)
    {
        var incidents = rendered
            .OrderByDescending(i => i.Incident.Date)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var byId = incidents.ToDictionary(i => i.Id, StringComparer.Ordinal);

        var severityRank = settings.Severities.Select((s, i) => (s, i)).ToDictionary(x => Slug.From(x.s), x => x.i);
        var causeRank = CauseCategories.All.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

        var referencedBy = new Dictionary<string, List<RenderedIncident>>(StringComparer.Ordinal);
        foreach (var incident in incidents)
            foreach (var target in incident.Incident.Related)
                if (byId.ContainsKey(target))
                {
                    if (!referencedBy.TryGetValue(target, out var list)) referencedBy[target] = list = [];
                    list.Add(incident);
                }

        var lessons = incidents.SelectMany(i => i.Lessons.Select(l => new LessonEntry(l, i))).ToList();

        var actions = incidents
            .SelectMany(i => i.Incident.Actions.Select(a =>
                new ActionEntry(a, i, a.IsOverdue(asOf), a.EffectiveStatusKey(asOf))))
            .OrderBy(a => a.IsOverdue ? 0 : 1)
            .ThenBy(a => StatusRank(a.Action.Status))
            .ThenBy(a => a.Action.Due)
            .ThenBy(a => a.Incident.Id, StringComparer.Ordinal)
            .ToList();

        return new SiteModel
        {
            Settings = settings,
            AsOf = asOf,
            Incidents = incidents,
            ById = byId,
            Tags = TaxonomyBuilder.Build("tags", incidents, i => i.Incident.Tags),
            Services = TaxonomyBuilder.Build("services", incidents, i => i.Incident.Services),
            Severities = TaxonomyBuilder.Build("severity", incidents, i => [i.Incident.Severity],
                (a, b) => severityRank.GetValueOrDefault(a.Slug, int.MaxValue).CompareTo(severityRank.GetValueOrDefault(b.Slug, int.MaxValue))),
            Years = TaxonomyBuilder.Build("years", incidents, i => [i.Incident.Date.Year.ToString(CultureInfo.InvariantCulture)],
                (a, b) => string.CompareOrdinal(b.Slug, a.Slug)),
            Causes = TaxonomyBuilder.Build("causes", incidents, i => i.Incident.CauseCategories,
                (a, b) => causeRank.GetValueOrDefault(a.Slug, int.MaxValue).CompareTo(causeRank.GetValueOrDefault(b.Slug, int.MaxValue))),
            ReferencedBy = referencedBy.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<RenderedIncident>)kv.Value, StringComparer.Ordinal),
            Lessons = lessons,
            Actions = actions,
            Onboarding = incidents.Where(i => i.Incident.Onboarding is not null)
                .OrderBy(i => i.Incident.Onboarding).ThenBy(i => i.Id, StringComparer.Ordinal).ToList(),
        };
    }

    private static int StatusRank(ActionStatus s) => s switch
    {
        ActionStatus.InProgress => 0,
        ActionStatus.Open => 1,
        ActionStatus.Done => 2,
        _ => 3,
    };
}
