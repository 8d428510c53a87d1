namespace KnowledgeBase.Aggregation;

/// <summary>Groups incidents by the values a selector gives, merging values that share a slug ("Certificates" = "certificates").</summary>
public static class TaxonomyBuilder
{
    /// <param name="incidents">Already in display order (newest first); each term keeps that order.</param>
    /// <param name="termOrder">Orders terms; null sorts by name (ordinal, culture-independent).</param>
    public static Taxonomy Build(string key, IReadOnlyList<RenderedIncident> incidents,
        Func<RenderedIncident, IEnumerable<string>> values, Comparison<TaxonomyTerm>? termOrder = null)
    {
        var groups = new Dictionary<string, (List<RenderedIncident> Incidents, Dictionary<string, int> Spellings)>(StringComparer.Ordinal);
        foreach (var incident in incidents)
        {
            var seenHere = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values(incident))
            {
                var slug = Slug.From(value);
                if (!seenHere.Add(slug)) continue;
                if (!groups.TryGetValue(slug, out var g))
                {
                    g = ([], new Dictionary<string, int>(StringComparer.Ordinal));
                    groups[slug] = g;
                }
                g.Incidents.Add(incident);
                g.Spellings[value] = g.Spellings.GetValueOrDefault(value) + 1;
            }
        }

        var terms = groups
            .Select(kv => new TaxonomyTerm(kv.Key, PreferredSpelling(kv.Value.Spellings), kv.Value.Incidents))
            .ToList();
        terms.Sort(termOrder ?? ((a, b) => string.CompareOrdinal(a.Slug, b.Slug)));
        return new Taxonomy(key, terms);
    }

    /// <summary>The most used spelling; ties go to the ordinal-first one so output is deterministic.</summary>
    private static string PreferredSpelling(Dictionary<string, int> spellings) =>
        spellings.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
}
