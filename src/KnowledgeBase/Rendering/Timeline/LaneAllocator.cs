namespace KnowledgeBase.Rendering.Timeline;

/// <summary>
/// Puts marks that would overlap on a line into stacked lanes: each mark goes into the first lane where it clears the
/// previous mark by <c>gap</c>; when every lane is taken, into the lane that frees up first (overlap is then accepted,
/// so thousands of marks keep a bounded height).
/// </summary>
public static class LaneAllocator
{
    /// <param name="spans">Start and end x of each mark, in drawing order (sorted by start for a tidy result).</param>
    /// <returns>The lane of each mark, 0 first, and the number of lanes used.</returns>
    public static (int[] Lanes, int Count) Assign(IReadOnlyList<(double Start, double End)> spans, int maxLanes, double gap)
    {
        if (maxLanes < 1) throw new ArgumentOutOfRangeException(nameof(maxLanes));
        var lanes = new int[spans.Count];
        var ends = new List<double>();
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = spans[i];
            var lane = ends.FindIndex(e => e + gap <= start);
            if (lane < 0)
            {
                if (ends.Count < maxLanes)
                {
                    ends.Add(double.NegativeInfinity);
                    lane = ends.Count - 1;
                }
                else
                {
                    lane = 0;
                    for (var k = 1; k < ends.Count; k++)
                        if (ends[k] < ends[lane]) lane = k;
                }
            }
            ends[lane] = Math.Max(ends[lane], end);
            lanes[i] = lane;
        }
        return (lanes, ends.Count);
    }
}
