using KnowledgeBase.Markdown;

namespace KnowledgeBase.Caching;

/// <summary>Converts Markdown results to and from their cached form.</summary>
public static class CachedBodies
{
    /// <summary>The cached form, or null when the timeline's links cannot be kept as indexes (then it is not cached).</summary>
    public static CachedBody? From(RenderedBody body)
    {
        List<CachedTimelineEntry>? timeline = null;
        if (body.Timeline is { } entries)
        {
            var index = new Dictionary<TimelineEntry, int>(ReferenceEqualityComparer.Instance);
            timeline = new List<CachedTimelineEntry>(entries.Count);
            foreach (var e in entries)
            {
                var previous = -1;
                if (e.PreviousInOrder is { } p && !index.TryGetValue(p, out previous)) return null;
                index.TryAdd(e, timeline.Count);
                timeline.Add(new CachedTimelineEntry(e.Moment, e.Text, e.Description, e.Line, e.Column, e.OutOfOrder, previous));
            }
        }
        return new CachedBody(body.Html, body.Headings, body.Lessons, body.PlainText, body.WordCount, timeline);
    }

    /// <summary>The Markdown result again, or null when the cached timeline is inconsistent.</summary>
    public static RenderedBody? ToRendered(CachedBody cached)
    {
        List<TimelineEntry>? timeline = null;
        if (cached.Timeline is { } entries)
        {
            timeline = new List<TimelineEntry>(entries.Count);
            foreach (var e in entries)
            {
                if (e.Previous < -1 || e.Previous >= timeline.Count) return null;
                timeline.Add(new TimelineEntry(e.Moment, e.Text, e.Description, e.Line, e.Column, e.OutOfOrder,
                    e.Previous < 0 ? null : timeline[e.Previous]));
            }
        }
        return new RenderedBody(cached.Html, cached.Headings, cached.Lessons, cached.PlainText, cached.WordCount, timeline);
    }
}
