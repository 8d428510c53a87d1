namespace KnowledgeBase.Aggregation.Metrics;

public enum RepeatReason
{
    /// <summary>The two post-mortems link each other through <c>related</c> (either one lists the other).</summary>
    Related,
    /// <summary>They share a service and a cause category.</summary>
    SameServiceAndCause,
}

/// <summary>Why an incident counts as a repeat, and of which earlier incident (the most recent such one).</summary>
public sealed record RepeatOf(RenderedIncident Earlier, RepeatReason Reason, string? Service, string? Cause);

/// <summary>
/// Decides, for every incident, whether it repeats an earlier one: an earlier incident that shares a service
/// <em>and</em> a cause category with it (its "fingerprint"), or an earlier incident linked to it through
/// <c>related</c> in either direction. "Earlier" means a strictly earlier <c>date</c>; on the same day, an
/// earlier start (<c>started</c>, else <c>detected</c>) when both incidents record one. The earlier incident is
/// looked for among all incidents of the build, whatever filter a metrics page applies.
/// Cost: O(n · fingerprints per incident · log n), no pairwise comparison.
/// </summary>
public static class Recurrence
{
    public static bool IsEarlier(RenderedIncident a, RenderedIncident b)
    {
        var (da, db) = (a.Incident.Date, b.Incident.Date);
        if (da != db) return da < db;
        return a.Incident.Times.Origin is { } oa && b.Incident.Times.Origin is { } ob && oa < ob;
    }

    /// <returns>The repeat found for each incident id that is one.</returns>
    public static IReadOnlyDictionary<string, RepeatOf> Find(IReadOnlyList<RenderedIncident> incidents, IReadOnlyDictionary<string, RenderedIncident> byId,
        Func<string, string>? slugOf = null)
    {
        slugOf ??= Slug.From;
        // Chronological ranks: by date, then by start instant (unknown first), then id.
        var ordered = incidents
            .OrderBy(i => i.Incident.Date)
            .ThenBy(i => i.Incident.Times.Origin?.UtcDateTime ?? DateTime.MinValue)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        var rank = new Dictionary<string, int>(ordered.Count, StringComparer.Ordinal);
        for (var r = 0; r < ordered.Count; r++) rank[ordered[r].Id] = r;

        var fingerprintsOf = ordered.Select(i => Fingerprints(i, slugOf).ToList()).ToArray();
        var fingerprints = new Dictionary<(string Service, string Cause), List<int>>();
        foreach (var incident in ordered)
            foreach (var fp in fingerprintsOf[rank[incident.Id]])
            {
                if (!fingerprints.TryGetValue(fp, out var list)) fingerprints[fp] = list = [];
                list.Add(rank[incident.Id]); // ascending, since incidents are visited in rank order
            }

        var linked = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Link(string a, string b)
        {
            if (!linked.TryGetValue(a, out var list)) linked[a] = list = [];
            list.Add(b);
        }
        foreach (var incident in ordered)
            foreach (var target in incident.Incident.Related)
                if (byId.ContainsKey(target) && target != incident.Id)
                {
                    Link(incident.Id, target);
                    Link(target, incident.Id);
                }

        var result = new Dictionary<string, RepeatOf>(StringComparer.Ordinal);
        foreach (var incident in ordered)
        {
            RepeatOf? found = null;
            if (linked.TryGetValue(incident.Id, out var others))
            {
                var latest = others.Select(id => byId[id]).Where(e => IsEarlier(e, incident))
                    .OrderByDescending(e => rank[e.Id]).FirstOrDefault();
                if (latest is not null) found = new RepeatOf(latest, RepeatReason.Related, null, null);
            }
            if (found is null)
            {
                var self = rank[incident.Id];
                var best = -1;
                (string, string) bestFp = default;
                foreach (var fp in fingerprintsOf[self])
                {
                    var list = fingerprints[fp];
                    var at = list.BinarySearch(self);
                    for (var k = at - 1; k >= 0 && list[k] > best; k--)
                        if (IsEarlier(ordered[list[k]], incident))
                        {
                            best = list[k];
                            bestFp = fp;
                            break;
                        }
                }
                if (best >= 0) found = new RepeatOf(ordered[best], RepeatReason.SameServiceAndCause, bestFp.Item1, bestFp.Item2);
            }
            if (found is not null) result[incident.Id] = found;
        }
        return result;
    }

    /// <summary>(service slug, cause category) pairs of an incident, each once.</summary>
    public static IEnumerable<(string Service, string Cause)> Fingerprints(RenderedIncident incident, Func<string, string>? slugOf = null)
    {
        var services = incident.Incident.Services.Select(slugOf ?? Slug.From).Distinct(StringComparer.Ordinal).ToList();
        var causes = incident.Incident.CauseCategories.Distinct(StringComparer.Ordinal).ToList();
        foreach (var s in services)
            foreach (var c in causes)
                yield return (s, c);
    }
}

/// <summary>An incident's services, tags and cause categories as distinct slugs, computed once for every scope.</summary>
public sealed record IncidentFacets(string[] Services, string[] Tags, string[] Causes)
{
    public static IncidentFacets Of(RenderedIncident incident, Func<string, string> slugOf) => new(
        incident.Incident.Services.Select(slugOf).Distinct(StringComparer.Ordinal).ToArray(),
        incident.Incident.Tags.Select(slugOf).Distinct(StringComparer.Ordinal).ToArray(),
        incident.Incident.CauseCategories.Distinct(StringComparer.Ordinal).ToArray());
}

/// <summary>A service, tag or cause category that more than one incident of a scope shares.</summary>
public sealed record RepeatedTerm(string TaxonomyKey, string Slug, string Name, int Incidents, DateOnly First, DateOnly Last);

/// <summary>Recurrence within one scope (all incidents, a year, a service).</summary>
public sealed record RecurrenceStats(int Incidents, int Repeats, IReadOnlyList<RepeatedTerm> Services, IReadOnlyList<RepeatedTerm> Tags,
    IReadOnlyList<RepeatedTerm> Causes, IReadOnlyList<(RenderedIncident Incident, RepeatOf Repeat)> RecentRepeats)
{
    public const int TermsShown = 10;
    public const int RepeatsShown = 10;

    public double? RepeatShare => Incidents == 0 ? null : (double)Repeats / Incidents;

    /// <param name="incidents">The scope's incidents, newest first.</param>
    public static RecurrenceStats Of(IReadOnlyList<RenderedIncident> incidents, IReadOnlyDictionary<string, RepeatOf> repeats, SiteModel site,
        Func<RenderedIncident, IncidentFacets>? facetsOf = null)
    {
        facetsOf ??= i => IncidentFacets.Of(i, Slug.From);
        var count = 0;
        var recent = new List<(RenderedIncident, RepeatOf)>(RepeatsShown);
        foreach (var i in incidents)
            if (repeats.TryGetValue(i.Id, out var repeat))
            {
                count++;
                if (recent.Count < RepeatsShown) recent.Add((i, repeat));
            }
        var facets = incidents.Select(facetsOf).ToArray();
        return new RecurrenceStats(incidents.Count, count,
            Repeated(site.Services, incidents, facets, f => f.Services),
            Repeated(site.Tags, incidents, facets, f => f.Tags),
            Repeated(site.Causes, incidents, facets, f => f.Causes),
            recent);
    }

    /// <summary>Terms with at least two incidents in the scope: most incidents first, then by name; at most <see cref="TermsShown"/>.</summary>
    private static IReadOnlyList<RepeatedTerm> Repeated(Taxonomy taxonomy, IReadOnlyList<RenderedIncident> incidents,
        IncidentFacets[] facets, Func<IncidentFacets, string[]> values)
    {
        var groups = new Dictionary<string, (int Count, DateOnly First, DateOnly Last)>(StringComparer.Ordinal);
        for (var k = 0; k < incidents.Count; k++)
        {
            var d = incidents[k].Incident.Date;
            foreach (var slug in values(facets[k]))
            {
                ref var g = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, slug, out var exists);
                g = exists ? (g.Count + 1, d < g.First ? d : g.First, d > g.Last ? d : g.Last) : (1, d, d);
            }
        }
        return groups.Where(g => g.Value.Count >= 2)
            .OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(TermsShown)
            .Select(g => new RepeatedTerm(taxonomy.Key, g.Key, taxonomy.Terms.FirstOrDefault(t => t.Slug == g.Key)?.Name ?? g.Key, g.Value.Count, g.Value.First, g.Value.Last))
            .ToList();
    }
}
