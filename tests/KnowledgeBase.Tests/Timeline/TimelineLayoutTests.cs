using KnowledgeBase.Rendering.Timeline;

namespace KnowledgeBase.Tests.Timeline;

/// <summary>The visual timeline's layout maths: the axis scale and ticks, lanes, and the window the axis shows.</summary>
public sealed class TimelineLayoutTests
{
    private static DateTime At(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_scale_maps_the_first_and_last_time_to_the_plot_edges_linearly()
    {
        var scale = new TimelineScale(At("2024-03-14 09:00"), At("2024-03-14 11:00"), 100, 700);
        Assert.Equal(100, scale.X(At("2024-03-14 09:00")), 6);
        Assert.Equal(400, scale.X(At("2024-03-14 10:00")), 6);
        Assert.Equal(700, scale.X(At("2024-03-14 11:00")), 6);
    }

    [Fact]
    public void A_span_shorter_than_ten_minutes_is_widened_so_it_does_not_fill_the_axis()
    {
        var scale = new TimelineScale(At("2024-03-14 09:00"), At("2024-03-14 09:02"), 0, 1000);
        Assert.Equal(TimelineScale.MinimumSpanMinutes, scale.SpanMinutes);
        Assert.Equal(200, scale.X(At("2024-03-14 09:02")), 6);
        // One moment alone: zero span, still a finite position.
        var single = new TimelineScale(At("2024-03-14 09:00"), At("2024-03-14 09:00"), 0, 1000);
        Assert.Equal(0, single.X(At("2024-03-14 09:00")), 6);
    }

    [Theory]
    [InlineData(10, 5)]
    [InlineData(30, 5)]
    [InlineData(31, 10)]
    [InlineData(343, 60)]        // 5 h 43 min
    [InlineData(1440, 360)]      // a day: every 6 hours
    [InlineData(4 * 1440, 1440)] // four days: daily
    [InlineData(60 * 1440, 10 * 1440)] // two months: whole days, at most six intervals
    public void The_tick_step_is_the_smallest_round_step_with_at_most_six_intervals(double span, double expected)
    {
        Assert.Equal(expected, TimelineScale.StepFor(span));
        Assert.True(span / TimelineScale.StepFor(span) <= TimelineScale.MaxIntervals);
    }

    [Fact]
    public void Ticks_fall_on_round_times_inside_the_axis_and_name_the_day_when_it_changes()
    {
        var scale = new TimelineScale(At("2024-03-14 22:40"), At("2024-03-15 03:10"), 0, 600);
        var ticks = scale.Ticks();
        Assert.Equal(60, scale.StepMinutes);
        Assert.Equal(["23:00", "00:00", "01:00", "02:00", "03:00"], ticks.Select(t => t.At.ToString("HH:mm")).ToArray());
        Assert.Equal([true, true, false, false, false], ticks.Select(t => t.ShowsDay).ToArray());
        Assert.All(ticks, t => Assert.InRange(t.X, 0, 600));
        Assert.Equal(scale.X(At("2024-03-15 00:00")), ticks[1].X, 6);
    }

    [Fact]
    public void Hostile_dates_at_the_ends_of_the_calendar_do_not_throw()
    {
        var scale = new TimelineScale(DateTime.MinValue, DateTime.MaxValue, 0, 700);
        var ticks = scale.Ticks();
        Assert.InRange(ticks.Count, 1, TimelineScale.MaxIntervals + 2);
        var late = new TimelineScale(DateTime.MaxValue.AddMinutes(-1), DateTime.MaxValue, 0, 700);
        Assert.All(late.Ticks(), t => Assert.InRange(t.X, 0, 700));
    }

    [Fact]
    public void Lanes_keep_overlapping_marks_apart_and_reuse_lanes_that_are_free()
    {
        var (lanes, count) = LaneAllocator.Assign([(0, 10), (5, 15), (12, 20), (30, 40)], maxLanes: 4, gap: 1);
        Assert.Equal([0, 1, 0, 0], lanes);
        Assert.Equal(2, count);
    }

    [Fact]
    public void When_every_lane_is_taken_marks_go_where_the_lane_ends_first_and_the_height_stays_bounded()
    {
        var spans = Enumerable.Range(0, 5000).Select(i => (i * 0.1, i * 0.1 + 8)).ToList();
        var (lanes, count) = LaneAllocator.Assign(spans, maxLanes: 4, gap: 2);
        Assert.Equal(4, count);
        Assert.All(lanes, l => Assert.InRange(l, 0, 3));
    }

    [Fact]
    public void The_window_covers_the_key_moments_and_nearby_entries_and_sets_far_ones_aside()
    {
        var moments = new[] { At("2023-03-07 03:47"), At("2023-03-07 05:05"), At("2023-03-07 09:30") };
        var entries = new[]
        {
            At("2023-02-17 10:00"), // weeks before: earlier
            At("2023-03-07 02:00"), // 1 h 47 min before the start, within half the incident (2 h 51 min): shown
            At("2023-03-07 04:00"),
            At("2023-03-09 12:00"), // two days after: later
        };
        var window = TimelineWindow.Of(moments, entries);
        Assert.Equal(At("2023-03-07 02:00"), window.Start);
        Assert.Equal(At("2023-03-07 09:30"), window.End);
        Assert.Equal([0], window.Earlier);
        Assert.Equal([3], window.Later);
    }

    [Fact]
    public void Without_key_moments_the_window_is_the_entries_own_range()
    {
        var window = TimelineWindow.Of([], [At("2024-01-01 10:00"), At("2024-01-03 10:00")]);
        Assert.Equal(At("2024-01-01 10:00"), window.Start);
        Assert.Equal(At("2024-01-03 10:00"), window.End);
        Assert.Empty(window.Earlier);
    }

    [Fact]
    public void A_short_incident_keeps_entries_within_thirty_minutes()
    {
        var window = TimelineWindow.Of([At("2024-01-01 10:00"), At("2024-01-01 10:10")], [At("2024-01-01 09:35"), At("2024-01-01 09:20")]);
        Assert.Equal(At("2024-01-01 09:35"), window.Start);
        Assert.Equal([1], window.Earlier);
    }
}
