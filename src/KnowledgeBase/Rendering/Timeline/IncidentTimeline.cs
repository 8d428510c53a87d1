using KnowledgeBase.Markdown;
using KnowledgeBase.Model;

namespace KnowledgeBase.Rendering.Timeline;

/// <summary>A key moment (started, detected, mitigated, resolved) on the incident's wall clock.</summary>
public sealed record TimelineMoment(string Key, string Label, DateTime At);

/// <summary>A duration drawn as a bar: time to detect, mitigate or resolve.</summary>
public sealed record TimelineSpan(string Key, string Label, DateTime From, DateTime To, string Duration);

/// <summary>An entry of the body's timeline.</summary>
public sealed record TimelinePoint(DateTime At, string Text);

/// <summary>
/// What the visual timeline shows, all on the incident's wall clock: the offset of <c>started</c> (else of the first
/// recorded moment) applies to the front matter's moments, which are converted to it, and to the body's entries,
/// which are written in it.
/// </summary>
/// <param name="TotalEntries">Entries in the body; more than <see cref="Entries"/> holds when capped.</param>
/// <param name="StartIsDetection">No <c>started</c>: detection stands in, and time to detect is not drawn.</param>
public sealed record IncidentTimeline(
    TimeSpan Offset, IReadOnlyList<TimelineMoment> Moments, IReadOnlyList<TimelineSpan> Spans,
    IReadOnlyList<TimelinePoint> Entries, int TotalEntries, bool StartIsDetection)
{
    /// <summary>Beyond this many entries the drawing stops (the written timeline below still has them all).</summary>
    public const int MaxEntries = 200;

    public bool Capped => TotalEntries > Entries.Count;

    public bool IsEmpty => Moments.Count == 0 && Entries.Count == 0;

    /// <param name="word">The page language's interface words.</param>
    public static IncidentTimeline From(IncidentTimes times, IReadOnlyList<TimelineEntry> entries, Func<string, string> word)
    {
        var offset = (times.Started ?? times.Detected ?? times.Mitigated ?? times.Resolved)?.Offset ?? TimeSpan.Zero;
        DateTime Local(DateTimeOffset at) => at.ToOffset(offset).DateTime;

        var moments = new List<TimelineMoment>();
        void Moment(string key, DateTimeOffset? at)
        {
            if (at is { } v) moments.Add(new TimelineMoment(key, word(key), Local(v)));
        }
        Moment("started", times.Started);
        Moment("detected", times.Detected);
        Moment("mitigated", times.Mitigated);
        Moment("resolved", times.Resolved);

        // The durations the page lists; a span whose end is before its start (out-of-order moments) is not drawn.
        var spans = new List<TimelineSpan>();
        void Span(string key, DateTimeOffset? from, DateTimeOffset? to)
        {
            if (from is { } f && to is { } t && t >= f)
                spans.Add(new TimelineSpan(key, word(key), Local(f), Local(t), DurationFormatter.Format(t - f, word)));
        }
        Span("time_to_detect", times.Started, times.Detected);
        Span("time_to_mitigate", times.Origin, times.Mitigated);
        Span("time_to_resolve", times.Origin, times.Resolved);

        var points = entries.Take(MaxEntries).Select(e => new TimelinePoint(e.Moment, e.Description.Length > 0 ? e.Description : e.Text)).ToList();
        return new IncidentTimeline(offset, moments, spans, points, entries.Count, times.StartIsDetection);
    }
}
