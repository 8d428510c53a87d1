namespace KnowledgeBase.Aggregation.Metrics;

/// <summary>How many incidents started in one period, per severity (in the order of <see cref="IncidentCountSeries.Severities"/>).</summary>
public sealed record PeriodCounts(Period Period, IReadOnlyList<int> BySeverity)
{
    public int Total => BySeverity.Sum();
}

/// <summary>Incidents per period stacked by severity; every period of the range is present, empty ones too.</summary>
public sealed record IncidentCountSeries(IReadOnlyList<string> Severities, IReadOnlyList<PeriodCounts> Periods)
{
    public int Total => Periods.Sum(p => p.Total);
}

/// <summary>Counts incidents per month or quarter of their <c>date</c> (the day they started), by severity.</summary>
public static class IncidentCounts
{
    /// <param name="severities">The site's severities, worst first; a severity outside the list is added after them.</param>
    /// <param name="range">First and last period to show; default: from the earliest to the latest incident.</param>
    public static IncidentCountSeries Per(IReadOnlyCollection<RenderedIncident> incidents, IReadOnlyList<string> severities,
        Func<DateOnly, Period> periodOf, (Period First, Period Last)? range = null)
    {
        var names = severities.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++) index.TryAdd(Slug.From(names[i]), i);
        // Severity as written → its position; each distinct spelling is slugged once.
        var bySpelling = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var incident in incidents)
        {
            var severity = incident.Incident.Severity;
            if (bySpelling.ContainsKey(severity)) continue;
            var slug = Slug.From(severity);
            if (!index.TryGetValue(slug, out var at))
            {
                index[slug] = at = names.Count;
                names.Add(severity);
            }
            bySpelling[severity] = at;
        }

        if (range is null)
        {
            if (incidents.Count == 0) return new IncidentCountSeries(names, []);
            range = (periodOf(incidents.Min(i => i.Incident.Date)), periodOf(incidents.Max(i => i.Incident.Date)));
        }
        var periods = Period.Range(range.Value.First, range.Value.Last);
        var position = new Dictionary<Period, int>();
        for (var i = 0; i < periods.Count; i++) position[periods[i]] = i;
        var counts = new int[periods.Count, names.Count];
        foreach (var incident in incidents)
            if (position.TryGetValue(periodOf(incident.Incident.Date), out var p))
                counts[p, bySpelling[incident.Incident.Severity]]++;

        return new IncidentCountSeries(names, periods
            .Select((period, p) => new PeriodCounts(period, Enumerable.Range(0, names.Count).Select(s => counts[p, s]).ToArray()))
            .ToList());
    }
}
