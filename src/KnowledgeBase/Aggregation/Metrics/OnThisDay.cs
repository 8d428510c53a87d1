namespace KnowledgeBase.Aggregation.Metrics;

/// <summary>
/// "On this day": incidents whose <c>date</c> (the day they started) has the reference date's month and day in an
/// earlier year. The reference date is the build's as-of date, never the clock, so a build is reproducible.
/// In a year without 29 February, incidents of a 29 February show on the 28th.
/// </summary>
public static class OnThisDay
{
    /// <returns>Most recent year first; ties by id.</returns>
    public static IReadOnlyList<RenderedIncident> Find(IEnumerable<RenderedIncident> incidents, DateOnly asOf)
    {
        var leapDayToo = asOf.Month == 2 && asOf.Day == 28 && !DateTime.IsLeapYear(asOf.Year);
        return incidents
            .Where(i => i.Incident.Date.Year < asOf.Year && i.Incident.Date.Month == asOf.Month
                && (i.Incident.Date.Day == asOf.Day || (leapDayToo && i.Incident.Date.Day == 29)))
            .OrderByDescending(i => i.Incident.Date)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
    }
}
