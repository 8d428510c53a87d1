namespace KnowledgeBase.Aggregation;

/// <summary>One value of a taxonomy (a tag, a service, a year…) and the incidents that carry it, newest first.</summary>
public sealed record TaxonomyTerm(string Slug, string Name, IReadOnlyList<RenderedIncident> Incidents);

/// <summary>A way of grouping incidents, with one page per term at <c>/{Key}/{slug}/</c>.</summary>
public sealed record Taxonomy(string Key, IReadOnlyList<TaxonomyTerm> Terms)
{
    public TaxonomyTerm? Find(string name) => Terms.FirstOrDefault(t => t.Slug == Slug.From(name));
}
