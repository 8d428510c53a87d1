using System.Globalization;
using System.Net;
using System.Text;

namespace KnowledgeBase.Rendering.Timeline;

/// <summary>
/// Draws an incident's timeline as inline SVG at build time (no script, no inline style: colours come from the
/// theme's classes, so both themes and print apply). From top to bottom: the key moments' labels, one bar per
/// duration (time to detect, mitigate, resolve), the time axis, and the body's entries as dots. Vertical lines mark
/// the key moments across all of it. The SVG is an image with a title and a description that say the same in
/// words; the written timeline in the body stays the full accessible version.
/// </summary>
public static class TimelineSvg
{
    public const double Width = 760;
    private const double Left = 20, Right = Width - 20;
    private const double LabelLane = 16, SpanRow = 22, EntryLane = 12;
    private const int MaxLabelLanes = 3, MaxEntryLanes = 4;
    /// <summary>Rough width of a character at the labels' 12px, enough to keep labels apart.</summary>
    private const double CharWidth = 6.6;
    private const double ZoneWidth = 96;

    public static string Draw(string id, IncidentTimeline timeline, Func<string, string> word)
    {
        if (timeline.IsEmpty) return "";
        var window = TimelineWindow.Of(timeline.Moments.Select(m => m.At).ToList(), timeline.Entries.Select(e => e.At).ToList());
        var earlier = window.Earlier.ToHashSet();
        var later = window.Later.ToHashSet();
        // Entries far from the incident sit in zones at the edges instead of stretching the axis.
        var plotLeft = earlier.Count > 0 ? Left + ZoneWidth : Left;
        var plotRight = later.Count > 0 ? Right - ZoneWidth : Right;
        var scale = new TimelineScale(window.Start, window.End, plotLeft, plotRight);
        // Times name their day when the axis crosses midnight; entries in the edge zones always do.
        var multiDay = scale.Start.Date != scale.End.Date;

        // Moment labels in lanes so close moments ("started 03:47", "detected 03:52") do not overprint.
        var labels = timeline.Moments.Select(m =>
        {
            var text = m.Label + " " + Clock(m.At, multiDay);
            var x = scale.X(m.At);
            var w = text.Length * CharWidth;
            var anchorEnd = x + 4 + w > Right && x - 4 - w >= Left;
            return (Moment: m, Text: text, X: x, AnchorEnd: anchorEnd, Start: anchorEnd ? x - 4 - w : x + 4, End: anchorEnd ? x - 4 : x + 4 + w);
        }).ToList();
        var (labelLanes, labelLaneCount) = LaneAllocator.Assign(labels.Select(l => (l.Start, l.End)).ToList(), MaxLabelLanes, 8);

        var top = 6.0;
        var spansTop = top + labelLaneCount * LabelLane + 6;
        var axisY = spansTop + timeline.Spans.Count * SpanRow + 8;
        var entriesTop = axisY + (multiDay ? 36 : 24);
        // Dots on the axis's scale, in lanes; those in the edge zones fill rows of eight.
        var entryMarks = new double[timeline.Entries.Count];
        var entryLanes = new int[timeline.Entries.Count];
        var onAxis = Enumerable.Range(0, timeline.Entries.Count).Where(i => !earlier.Contains(i) && !later.Contains(i)).ToList();
        var (axisLanes, entryLaneCount) = LaneAllocator.Assign(onAxis.Select(i => (scale.X(timeline.Entries[i].At) - 4, scale.X(timeline.Entries[i].At) + 4)).ToList(), MaxEntryLanes, 2);
        for (var k = 0; k < onAxis.Count; k++) (entryMarks[onAxis[k]], entryLanes[onAxis[k]]) = (scale.X(timeline.Entries[onAxis[k]].At), axisLanes[k]);
        void Zone(IReadOnlyList<int> members, double zoneLeft)
        {
            for (var k = 0; k < members.Count; k++)
                (entryMarks[members[k]], entryLanes[members[k]]) = (zoneLeft + 10 + k % 8 * 10, Math.Min(k / 8, MaxEntryLanes - 1));
            if (members.Count > 0) entryLaneCount = Math.Max(entryLaneCount, Math.Min((members.Count + 7) / 8, MaxEntryLanes));
        }
        Zone(window.Earlier, Left);
        Zone(window.Later, Right - ZoneWidth);
        var bottom = entryLaneCount > 0 ? entriesTop + entryLaneCount * EntryLane : entriesTop - 8;
        var height = bottom + 6;

        var svg = new StringBuilder(2048 + timeline.Entries.Count * 120);
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline-svg\" id=\"").Append(E(id))
            .Append("\" viewBox=\"0 0 ").Append(N(Width)).Append(' ').Append(N(height))
            .Append("\" width=\"").Append(N(Width)).Append("\" height=\"").Append(N(height))
            .Append("\" role=\"img\" aria-labelledby=\"").Append(E(id)).Append("-title\" aria-describedby=\"").Append(E(id)).Append("-desc\"")
            .Append(" data-start=\"").Append(Iso(scale.Start)).Append("\" data-end=\"").Append(Iso(scale.End))
            .Append("\" data-entries=\"").Append(timeline.Entries.Count).Append("\" data-total-entries=\"").Append(timeline.TotalEntries).Append("\">");
        svg.Append("<title id=\"").Append(E(id)).Append("-title\">").Append(E(word("timeline_visual"))).Append("</title>");
        svg.Append("<desc id=\"").Append(E(id)).Append("-desc\">").Append(E(Describe(timeline, word, multiDay))).Append("</desc>");

        // Moment lines first, so bars and dots are drawn over them.
        svg.Append("<g class=\"tl-moments\">");
        for (var i = 0; i < labels.Count; i++)
        {
            var l = labels[i];
            var labelY = top + labelLanes[i] * LabelLane + 11;
            svg.Append("<g class=\"tl-moment tl-").Append(E(l.Moment.Key)).Append("\" data-moment=\"").Append(E(l.Moment.Key))
                .Append("\" data-at=\"").Append(Iso(l.Moment.At)).Append("\">")
                .Append("<line x1=\"").Append(N(l.X)).Append("\" x2=\"").Append(N(l.X)).Append("\" y1=\"").Append(N(labelY - 10))
                .Append("\" y2=\"").Append(N(bottom)).Append("\"/>")
                .Append("<text x=\"").Append(N(l.AnchorEnd ? l.X - 4 : l.X + 4)).Append("\" y=\"").Append(N(labelY))
                .Append(l.AnchorEnd ? "\" text-anchor=\"end\">" : "\">").Append(E(l.Text)).Append("</text></g>");
        }
        svg.Append("</g>");

        svg.Append("<g class=\"tl-spans\">");
        for (var i = 0; i < timeline.Spans.Count; i++)
        {
            var s = timeline.Spans[i];
            var x1 = scale.X(s.From);
            var x2 = Math.Max(scale.X(s.To), x1 + 2);
            var y = spansTop + i * SpanRow;
            var text = s.Label + ": " + s.Duration;
            var w = text.Length * CharWidth;
            // Inside the bar when it fits; else just after a short bar; else ending at the bar's end (near the right edge).
            var after = x2 - x1 < w + 12 && x2 + 6 + w <= Right;
            var anchorEnd = !after && x1 + 6 + w > Right;
            var textX = after ? x2 + 6 : anchorEnd ? Math.Max(x2 - 6, Left + w) : x1 + 6;
            svg.Append("<g class=\"tl-span tl-").Append(E(s.Key)).Append("\" data-span=\"").Append(E(s.Key))
                .Append("\" data-minutes=\"").Append(N(Math.Round((s.To - s.From).TotalMinutes))).Append("\">")
                .Append("<rect x=\"").Append(N(x1)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(x2 - x1))
                .Append("\" height=\"16\" rx=\"3\"/>")
                .Append("<text x=\"").Append(N(textX)).Append("\" y=\"").Append(N(y + 12))
                .Append(anchorEnd ? "\" text-anchor=\"end\">" : "\">").Append(E(text)).Append("</text></g>");
        }
        svg.Append("</g>");

        svg.Append("<g class=\"tl-axis\"><line class=\"tl-axis-line\" x1=\"").Append(N(Left)).Append("\" x2=\"").Append(N(Right))
            .Append("\" y1=\"").Append(N(axisY)).Append("\" y2=\"").Append(N(axisY)).Append("\"/>");
        foreach (var tick in scale.Ticks())
        {
            svg.Append("<line class=\"tl-tick\" x1=\"").Append(N(tick.X)).Append("\" x2=\"").Append(N(tick.X)).Append("\" y1=\"")
                .Append(N(axisY)).Append("\" y2=\"").Append(N(axisY + 5)).Append("\"/>");
            var label = scale.StepMinutes >= 1440 ? Day(tick.At) : Hm(tick.At);
            svg.Append("<text class=\"tl-tick-label\" x=\"").Append(N(tick.X)).Append("\" y=\"").Append(N(axisY + 17))
                .Append("\" text-anchor=\"middle\">").Append(E(label)).Append("</text>");
            if (tick.ShowsDay && multiDay && scale.StepMinutes < 1440)
                svg.Append("<text class=\"tl-tick-day\" x=\"").Append(N(tick.X)).Append("\" y=\"").Append(N(axisY + 30))
                    .Append("\" text-anchor=\"middle\">").Append(E(Day(tick.At))).Append("</text>");
        }
        svg.Append("</g>");

        void ZoneLabel(string key, int count, double x)
        {
            if (count == 0) return;
            svg.Append("<g class=\"tl-zone\" data-zone=\"").Append(key).Append("\" data-count=\"").Append(count).Append("\">")
                .Append("<text class=\"tl-zone-label\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(axisY + 17)).Append("\">")
                .Append(E(word("timeline_" + key).Replace("{count}", count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)))
                .Append("</text></g>");
        }
        ZoneLabel("earlier", earlier.Count, Left);
        ZoneLabel("later", later.Count, Right - ZoneWidth + 4);

        svg.Append("<g class=\"tl-entries\">");
        for (var i = 0; i < timeline.Entries.Count; i++)
        {
            var e = timeline.Entries[i];
            var zone = earlier.Contains(i) ? " tl-earlier" : later.Contains(i) ? " tl-later" : "";
            svg.Append("<circle class=\"tl-entry").Append(zone).Append("\" data-at=\"").Append(Iso(e.At)).Append("\" cx=\"").Append(N(entryMarks[i]))
                .Append("\" cy=\"").Append(N(entriesTop + entryLanes[i] * EntryLane + 4)).Append("\" r=\"4\"><title>")
                .Append(E(Clock(e.At, multiDay || zone.Length > 0) + " — " + Shorten(e.Text))).Append("</title></circle>");
        }
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>The drawing in words, for screen readers (the SVG's &lt;desc&gt;).</summary>
    private static string Describe(IncidentTimeline timeline, Func<string, string> word, bool multiDay)
    {
        var parts = new List<string>();
        parts.AddRange(timeline.Moments.Select(m => m.Label + " " + Clock(m.At, multiDay)));
        parts.AddRange(timeline.Spans.Select(s => s.Label + ": " + s.Duration));
        if (timeline.StartIsDetection) parts.Add(word("timeline_no_start"));
        if (timeline.TotalEntries > 0)
            parts.Add(word("timeline_entries_count").Replace("{count}", timeline.TotalEntries.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return string.Join(". ", parts) + ".";
    }

    private static string Clock(DateTime at, bool withDay) => withDay ? Day(at) + " " + Hm(at) : Hm(at);

    private static string Hm(DateTime at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120].TrimEnd() + "…";

    private static string N(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
