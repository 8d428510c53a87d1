using KnowledgeBase.Model;

namespace KnowledgeBase.Aggregation;

public sealed record LessonEntry(string Text, RenderedIncident Incident);

public sealed record ActionEntry(ActionItem Action, RenderedIncident Incident, bool IsOverdue, string StatusKey);

/// <summary>Everything the pages are rendered from: the included incidents and what is aggregated across them.</summary>
public sealed record SiteModel
{
    public required SiteSettings Settings { get; init; }
    public required DateOnly AsOf { get; init; }
    /// <summary>Newest first; ties by id.</summary>
    public required IReadOnlyList<RenderedIncident> Incidents { get; init; }
    public required IReadOnlyDictionary<string, RenderedIncident> ById { get; init; }
    public required Taxonomy Tags { get; init; }
    public required Taxonomy Services { get; init; }
    public required Taxonomy Severities { get; init; }
    public required Taxonomy Years { get; init; }
    public required Taxonomy Causes { get; init; }
    /// <summary>Incidents that list a given id in their <c>related</c> field.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<RenderedIncident>> ReferencedBy { get; init; }
    public required IReadOnlyList<LessonEntry> Lessons { get; init; }
    /// <summary>Overdue first, then by due date.</summary>
    public required IReadOnlyList<ActionEntry> Actions { get; init; }
    /// <summary>The new-hire reading path in <c>onboarding</c> order.</summary>
    public required IReadOnlyList<RenderedIncident> Onboarding { get; init; }

    /// <summary>Figures for /metrics/ and its year and service variants; set by the "metrics" stage, null before it.</summary>
    public Metrics.SiteMetrics? Metrics { get; init; }
    /// <summary>Up to five similar incidents per incident id; set by the "similar" stage, empty before it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Similarity.SimilarIncident>> Similar { get; init; } =
        new Dictionary<string, IReadOnlyList<Similarity.SimilarIncident>>(StringComparer.Ordinal);

    public IEnumerable<Taxonomy> Taxonomies => [Tags, Services, Severities, Years, Causes];
}
