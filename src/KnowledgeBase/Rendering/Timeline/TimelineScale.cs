namespace KnowledgeBase.Rendering.Timeline;

/// <summary>A tick of the time axis: where it is drawn and whether its label names the day too.</summary>
public sealed record TimelineTick(DateTime At, double X, bool ShowsDay);

/// <summary>
/// Maps wall-clock times (all in the incident's own offset) to x positions between <paramref name="left"/> and
/// <paramref name="right"/>, and picks round axis ticks. Works in minutes from the earliest time so that no
/// arithmetic leaves DateTime's range, whatever dates a hostile body contains.
/// </summary>
public sealed class TimelineScale
{
    /// <summary>Round steps in minutes, from 5 minutes to a week; longer spans use whole days.</summary>
    private static readonly double[] Steps = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

    /// <summary>At most this many intervals between ticks, so labels of "HH:mm" never collide at the theme's width.</summary>
    public const int MaxIntervals = 6;

    /// <summary>Shorter spans are widened to this, so five minutes do not fill the whole width.</summary>
    public const double MinimumSpanMinutes = 10;

    private readonly double _left, _right;

    public TimelineScale(DateTime earliest, DateTime latest, double left, double right)
    {
        if (latest < earliest) (earliest, latest) = (latest, earliest);
        Start = earliest;
        End = latest;
        SpanMinutes = Math.Max(MinimumSpanMinutes, (latest - earliest).TotalMinutes);
        _left = left;
        _right = right;
        StepMinutes = StepFor(SpanMinutes);
    }

    public DateTime Start { get; }
    public DateTime End { get; }
    /// <summary>Minutes the axis covers (at least <see cref="MinimumSpanMinutes"/>).</summary>
    public double SpanMinutes { get; }
    public double StepMinutes { get; }

    public double X(DateTime at) => _left + (at - Start).TotalMinutes / SpanMinutes * (_right - _left);

    /// <summary>The smallest round step that keeps the number of intervals at or below <see cref="MaxIntervals"/>.</summary>
    public static double StepFor(double spanMinutes)
    {
        foreach (var step in Steps)
            if (spanMinutes / step <= MaxIntervals) return step;
        return Math.Ceiling(spanMinutes / 1440 / MaxIntervals) * 1440;
    }

    /// <summary>
    /// Ticks at multiples of the step counted from midnight (whole hours land on the hour, days on midnight), within
    /// the axis. The first tick and every tick on a new day show the day.
    /// </summary>
    public IReadOnlyList<TimelineTick> Ticks()
    {
        var sinceMidnight = (Start - Start.Date).TotalMinutes;
        var alignTo = Math.Min(StepMinutes, 1440);
        var offset = Math.Ceiling(sinceMidnight / alignTo) * alignTo - sinceMidnight;
        var ticks = new List<TimelineTick>();
        DateTime? previous = null;
        for (var at = offset; at <= SpanMinutes + 1e-9 && ticks.Count <= MaxIntervals + 2; at += StepMinutes)
        {
            if ((End - Start).TotalMinutes < at && (DateTime.MaxValue - Start).TotalMinutes < at) break;
            var time = Start.AddMinutes(at);
            ticks.Add(new TimelineTick(time, X(time), previous is null || previous.Value.Date != time.Date || StepMinutes >= 1440));
            previous = time;
        }
        return ticks;
    }
}
