using System.Collections.Concurrent;
using System.Globalization;

namespace KnowledgeBase.Aggregation.Metrics;

public enum MetricsScopeKind { All, Year, Service }

/// <summary>Which incidents a metrics page covers, and where that page lives.</summary>
public sealed record MetricsScope(MetricsScopeKind Kind, string? Slug, string? Name)
{
    public static readonly MetricsScope All = new(MetricsScopeKind.All, null, null);

    /// <summary>Site path: <c>metrics/</c>, <c>metrics/2025/</c>, <c>metrics/services/checkout-api/</c>.</summary>
    public string SitePath => Kind switch
    {
        MetricsScopeKind.Year => $"metrics/{Slug}/",
        MetricsScopeKind.Service => $"metrics/services/{Slug}/",
        _ => "metrics/",
    };
}

/// <summary>Every figure of one metrics page.</summary>
public sealed record MetricsReport(
    MetricsScope Scope,
    IReadOnlyList<RenderedIncident> Incidents,
    IncidentCountSeries PerMonth,
    IncidentCountSeries PerQuarter,
    DurationSet Durations,
    IReadOnlyList<QuarterDurations> DurationsByQuarter,
    ActionClosure Actions,
    IReadOnlyList<OwnerLoad> Owners,
    RecurrenceStats Recurrence)
{
    public DateOnly? First => Incidents.Count == 0 ? null : Incidents.Min(i => i.Incident.Date);
    public DateOnly? Last => Incidents.Count == 0 ? null : Incidents.Max(i => i.Incident.Date);
}

/// <summary>The metrics of the whole site and of each year and each service, computed once at build time.</summary>
public sealed record SiteMetrics(MetricsReport All, IReadOnlyList<MetricsReport> Years, IReadOnlyList<MetricsReport> Services,
    IReadOnlyDictionary<string, RepeatOf> Repeats)
{
    public IEnumerable<MetricsReport> Reports => [All, .. Years, .. Services];

    public static SiteMetrics Build(SiteModel site)
    {
        // Owners, services and tags are slugged many times over; each distinct spelling once is enough.
        var slugs = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        string SlugOf(string s) => slugs.GetOrAdd(s, Slug.From);
        var repeats = Recurrence.Find(site.Incidents, site.ById, SlugOf);
        var facets = Pipeline.Parallelism.Map(site.Incidents, i => IncidentFacets.Of(i, SlugOf));
        var facetsById = new Dictionary<string, IncidentFacets>(site.Incidents.Count, StringComparer.Ordinal);
        for (var k = 0; k < facets.Length; k++) facetsById[site.Incidents[k].Id] = facets[k];

        var scopes = new List<(MetricsScope Scope, IReadOnlyList<RenderedIncident> Incidents, (Period, Period)? Months, (Period, Period)? Quarters)>
        {
            (MetricsScope.All, site.Incidents, null, null),
        };
        foreach (var t in site.Years.Terms)
        {
            var year = int.Parse(t.Slug, CultureInfo.InvariantCulture);
            scopes.Add((new MetricsScope(MetricsScopeKind.Year, t.Slug, t.Name), t.Incidents,
                (new Period(year, 1, false), new Period(year, 12, false)), (new Period(year, 1, true), new Period(year, 10, true))));
        }
        foreach (var t in site.Services.Terms)
            scopes.Add((new MetricsScope(MetricsScopeKind.Service, t.Slug, t.Name), t.Incidents, null, null));

        // Scopes are independent: computed in parallel, kept in order.
        var reports = Pipeline.Parallelism.Map(scopes, s => Compute(s.Scope, s.Incidents, site, repeats, s.Months, s.Quarters, SlugOf,
            i => facetsById[i.Id]));
        var years = site.Years.Terms.Count;
        return new SiteMetrics(reports[0], reports.Skip(1).Take(years).ToList(), reports.Skip(1 + years).ToList(), repeats);
    }

    /// <param name="incidents">Newest first.</param>
    public static MetricsReport Compute(MetricsScope scope, IReadOnlyList<RenderedIncident> incidents, SiteModel site,
        IReadOnlyDictionary<string, RepeatOf> repeats, (Period First, Period Last)? months = null, (Period First, Period Last)? quarters = null,
        Func<string, string>? slugOf = null, Func<RenderedIncident, IncidentFacets>? facetsOf = null)
    {
        var actions = incidents.SelectMany(i => i.Incident.Actions).ToList();
        return new MetricsReport(scope, incidents,
            IncidentCounts.Per(incidents, site.Settings.Severities, Period.MonthOf, months),
            IncidentCounts.Per(incidents, site.Settings.Severities, Period.QuarterOf, quarters),
            DurationSet.Of(incidents),
            DurationsByQuarter.Of(incidents, quarters),
            ActionClosure.Of(actions, site.AsOf),
            OwnerLoads.Of(actions, site.AsOf, slugOf),
            RecurrenceStats.Of(incidents, repeats, site, facetsOf));
    }
}
