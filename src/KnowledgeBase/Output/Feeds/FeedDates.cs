using System.Globalization;
using KnowledgeBase.Model;

namespace KnowledgeBase.Output.Feeds;

/// <summary>RFC 3339 timestamps for the feed and the API, from the incident's own moments (never the clock).</summary>
public static class FeedDates
{
    public static string Rfc3339(DateTimeOffset t) => t.Offset == TimeSpan.Zero
        ? t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Rfc3339(DateOnly d) => IsoDate.Format(d) + "T00:00:00Z";

    /// <summary>When the incident began: <c>started</c>, else <c>detected</c>, else midnight UTC of its <c>date</c>.</summary>
    public static string Published(Incident i) => i.Times.Origin is { } o ? Rfc3339(o) : Rfc3339(i.Date);

    /// <summary>The latest recorded moment of the incident (resolved, mitigated, detected, started), else midnight UTC of its date.</summary>
    public static string Updated(Incident i) => Latest(i) is { } t ? Rfc3339(t) : Rfc3339(i.Date);

    public static DateTimeOffset? Latest(Incident i)
    {
        DateTimeOffset? max = null;
        foreach (var t in new[] { i.Times.Started, i.Times.Detected, i.Times.Mitigated, i.Times.Resolved })
            if (t is { } v && (max is null || v > max)) max = v;
        return max;
    }

    /// <summary>Sortable instant of <see cref="Updated"/>.</summary>
    public static DateTimeOffset UpdatedInstant(Incident i) =>
        Latest(i) ?? new DateTimeOffset(i.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
