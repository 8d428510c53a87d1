using KnowledgeBase.Aggregation;

namespace KnowledgeBase.Serving;

/// <summary>
/// The "aggregate" stage for the common edit — prose, times, impact, title — that moves an incident in no list:
/// same date and id (so the same place in every newest-first list), same tags, services, severity, causes,
/// related ids, reading-path position, lessons and actions. Then the aggregated site is the previous one with
/// the edited incident swapped in wherever it appears, which is far cheaper than aggregating 10,000 incidents
/// again. Anything else goes through <see cref="SiteAggregator"/>.
/// </summary>
public static class SiteModelPatch
{
    /// <summary>Whether swapping <paramref name="now"/> in for <paramref name="old"/> gives what <see cref="SiteAggregator"/> would.</summary>
    public static bool CanReplace(RenderedIncident old, RenderedIncident now)
    {
        var (a, b) = (old.Incident, now.Incident);
        return a.Id == b.Id && a.Date == b.Date && a.Severity == b.Severity && a.Onboarding == b.Onboarding
            && a.Tags.SequenceEqual(b.Tags, StringComparer.Ordinal)
            && a.Services.SequenceEqual(b.Services, StringComparer.Ordinal)
            && a.CauseCategories.SequenceEqual(b.CauseCategories, StringComparer.Ordinal)
            && a.Related.SequenceEqual(b.Related, StringComparer.Ordinal)
            && old.Lessons.SequenceEqual(now.Lessons, StringComparer.Ordinal)
            // ActionItem is a record of values: equal actions sort and count the same.
            && a.Actions.SequenceEqual(b.Actions);
    }

    /// <summary>The site with <paramref name="now"/> in every place <paramref name="old"/> was (compared by reference).</summary>
    public static SiteModel Replace(SiteModel site, RenderedIncident old, RenderedIncident now)
    {
        IReadOnlyList<RenderedIncident> List(IReadOnlyList<RenderedIncident> list)
        {
            for (var i = 0; i < list.Count; i++)
                if (ReferenceEquals(list[i], old))
                {
                    var copy = list.ToArray();
                    copy[i] = now;
                    return copy;
                }
            return list;
        }
        Taxonomy Taxonomy(Taxonomy t) => t with
        {
            Terms = t.Terms.Select(term => List(term.Incidents) is var list && !ReferenceEquals(list, term.Incidents) ? term with { Incidents = list } : term).ToList(),
        };

        var byId = new Dictionary<string, RenderedIncident>(site.ById, StringComparer.Ordinal) { [now.Id] = now };
        return site with
        {
            Incidents = List(site.Incidents),
            ById = byId,
            Tags = Taxonomy(site.Tags),
            Services = Taxonomy(site.Services),
            Severities = Taxonomy(site.Severities),
            Years = Taxonomy(site.Years),
            Causes = Taxonomy(site.Causes),
            ReferencedBy = site.ReferencedBy.ToDictionary(kv => kv.Key, kv => List(kv.Value), StringComparer.Ordinal),
            Lessons = site.Lessons.Select(l => ReferenceEquals(l.Incident, old) ? l with { Incident = now } : l).ToList(),
            Actions = site.Actions.Select(a => ReferenceEquals(a.Incident, old) ? a with { Incident = now } : a).ToList(),
            Onboarding = List(site.Onboarding),
        };
    }
}
