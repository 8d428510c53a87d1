using KnowledgeBase.Model;

namespace KnowledgeBase.Aggregation.Metrics;

/// <summary>The three durations of the format contract.</summary>
public enum DurationKind { Detect, Mitigate, Resolve }

/// <summary>
/// Median, p90 and mean of one duration over a set of incidents, in minutes, with the counts behind them.
/// Time to detect is <c>detected − started</c> and needs both; time to mitigate and to resolve run from
/// <c>started</c>, or from <c>detected</c> where <c>started</c> is missing (those incidents are counted, and
/// <see cref="FromDetection"/> says how many). A negative duration (times out of order) is left out and counted
/// in <see cref="Inconsistent"/>.
/// </summary>
public sealed record DurationSummary(DurationKind Kind, int Count, int FromDetection, int Inconsistent,
    double? MedianMinutes, double? P90Minutes, double? MeanMinutes)
{
    public static DurationSummary Of(DurationKind kind, IEnumerable<RenderedIncident> incidents)
    {
        var values = new List<double>();
        var fromDetection = 0;
        var inconsistent = 0;
        foreach (var incident in incidents)
        {
            var times = incident.Incident.Times;
            if (Measure(kind, times) is not { } span) continue;
            if (span < TimeSpan.Zero)
            {
                inconsistent++;
                continue;
            }
            values.Add(span.TotalMinutes);
            if (times.StartIsDetection) fromDetection++;
        }
        if (values.Count == 0) return new DurationSummary(kind, 0, 0, inconsistent, null, null, null);
        values.Sort();
        return new DurationSummary(kind, values.Count, fromDetection, inconsistent,
            Percentile.Of(values, Percentile.Median), Percentile.Of(values, Percentile.P90), values.Average());
    }

    public static TimeSpan? Measure(DurationKind kind, IncidentTimes times) => kind switch
    {
        DurationKind.Detect => times.TimeToDetect,
        DurationKind.Mitigate => times.TimeToMitigate,
        DurationKind.Resolve => times.TimeToResolve,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>The three duration summaries of one set of incidents.</summary>
public sealed record DurationSet(int Incidents, DurationSummary Detect, DurationSummary Mitigate, DurationSummary Resolve)
{
    public static readonly IReadOnlyList<DurationKind> Kinds = [DurationKind.Detect, DurationKind.Mitigate, DurationKind.Resolve];

    public static DurationSet Of(IReadOnlyCollection<RenderedIncident> incidents) => new(incidents.Count,
        DurationSummary.Of(DurationKind.Detect, incidents),
        DurationSummary.Of(DurationKind.Mitigate, incidents),
        DurationSummary.Of(DurationKind.Resolve, incidents));

    public DurationSummary this[DurationKind kind] => kind switch
    {
        DurationKind.Detect => Detect,
        DurationKind.Mitigate => Mitigate,
        _ => Resolve,
    };
}

/// <summary>The duration summaries of the incidents that started in one quarter.</summary>
public sealed record QuarterDurations(Period Quarter, DurationSet Durations);

public static class DurationsByQuarter
{
    /// <summary>One entry per quarter of the range (empty quarters too), by the quarter of each incident's <c>date</c>.</summary>
    public static IReadOnlyList<QuarterDurations> Of(IReadOnlyCollection<RenderedIncident> incidents, (Period First, Period Last)? range = null)
    {
        if (range is null)
        {
            if (incidents.Count == 0) return [];
            range = (Period.QuarterOf(incidents.Min(i => i.Incident.Date)), Period.QuarterOf(incidents.Max(i => i.Incident.Date)));
        }
        var groups = incidents.GroupBy(i => Period.QuarterOf(i.Incident.Date)).ToDictionary(g => g.Key, g => g.ToList());
        return Period.Range(range.Value.First, range.Value.Last)
            .Select(q => new QuarterDurations(q, DurationSet.Of(groups.TryGetValue(q, out var list) ? list : [])))
            .ToList();
    }
}
