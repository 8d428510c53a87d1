namespace KnowledgeBase.Rendering.Timeline;

/// <summary>
/// The stretch of time the axis shows. A timeline section often starts days before the incident ("2023-02-17 —
/// replication slot left behind") or ends weeks after it; drawn to scale, the incident itself would shrink to a few
/// pixels. So the axis covers the key moments plus the entries near them (within half the incident's length, at
/// least 30 minutes), and entries further out are gathered at the edges as "earlier" and "later".
/// </summary>
public sealed record TimelineWindow(DateTime Start, DateTime End, IReadOnlyList<int> Earlier, IReadOnlyList<int> Later)
{
    public static readonly TimeSpan MinimumMargin = TimeSpan.FromMinutes(30);

    /// <param name="moments">The key moments (may be empty).</param>
    /// <param name="entries">The body's entries; the result lists indexes into it.</param>
    public static TimelineWindow Of(IReadOnlyList<DateTime> moments, IReadOnlyList<DateTime> entries)
    {
        if (moments.Count == 0 && entries.Count == 0) throw new ArgumentException("nothing to show");
        if (moments.Count == 0) return new TimelineWindow(entries.Min(), entries.Max(), [], []);

        var start = moments.Min();
        var end = moments.Max();
        var halfSpan = TimeSpan.FromTicks((end - start).Ticks / 2);
        var margin = halfSpan > MinimumMargin ? halfSpan : MinimumMargin;
        var earlier = new List<int>();
        var later = new List<int>();
        DateTime shownStart = start, shownEnd = end;
        for (var i = 0; i < entries.Count; i++)
        {
            var at = entries[i];
            if (at < start && start - at > margin) earlier.Add(i);
            else if (at > end && at - end > margin) later.Add(i);
            else
            {
                if (at < shownStart) shownStart = at;
                if (at > shownEnd) shownEnd = at;
            }
        }
        return new TimelineWindow(shownStart, shownEnd, earlier, later);
    }

    public bool Shows(int entryIndex) => !Earlier.Contains(entryIndex) && !Later.Contains(entryIndex);
}
