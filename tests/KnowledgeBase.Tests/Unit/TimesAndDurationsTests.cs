using KnowledgeBase.Model;
using KnowledgeBase.Rendering;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class IncidentTimesTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Durations_are_measured_from_the_start()
    {
        var times = new IncidentTimes(At("2024-03-14T09:00:00+01:00"), At("2024-03-14T09:12:00+01:00"),
            At("2024-03-14T09:40:00+01:00"), At("2024-03-14T11:05:00+01:00"));

        Assert.Equal(TimeSpan.FromMinutes(12), times.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(40), times.TimeToMitigate);
        Assert.Equal(TimeSpan.FromMinutes(125), times.TimeToResolve);
        Assert.False(times.StartIsDetection);
        Assert.True(times.Any);
    }

    [Fact]
    public void Different_offsets_across_a_dst_change_are_compared_as_instants()
    {
        // 27 Oct 2024, Europe: clocks go back at 03:00 +02:00 → 02:00 +01:00.
        var times = new IncidentTimes(
            At("2024-10-27T02:30:00+02:00"),  // 00:30 UTC
            At("2024-10-27T02:10:00+01:00"),  // 01:10 UTC: looks earlier on the wall clock, is 40 min later
            At("2024-10-27T03:00:00+01:00"),  // 02:00 UTC
            At("2024-10-28T04:30:00+01:00")); // next day 03:30 UTC

        Assert.Equal(TimeSpan.FromMinutes(40), times.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(90), times.TimeToMitigate);
        Assert.Equal(TimeSpan.FromHours(27), times.TimeToResolve);
    }

    [Fact]
    public void Detection_stands_in_for_an_unknown_start()
    {
        var detected = At("2024-03-14T10:00:00Z");
        var times = new IncidentTimes(null, detected, At("2024-03-14T10:30:00Z"), At("2024-03-14T12:00:00Z"));

        Assert.True(times.StartIsDetection);
        Assert.Equal(detected, times.Origin);
        Assert.Null(times.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(30), times.TimeToMitigate);
        Assert.Equal(TimeSpan.FromHours(2), times.TimeToResolve);
    }

    [Fact]
    public void Without_start_or_detection_no_duration_exists()
    {
        var times = new IncidentTimes(null, null, At("2024-03-14T10:30:00Z"), At("2024-03-14T12:00:00Z"));

        Assert.Null(times.Origin);
        Assert.False(times.StartIsDetection);
        Assert.Null(times.TimeToDetect);
        Assert.Null(times.TimeToMitigate);
        Assert.Null(times.TimeToResolve);
        Assert.True(times.Any);
    }

    [Fact]
    public void None_has_nothing()
    {
        Assert.False(IncidentTimes.None.Any);
        Assert.False(IncidentTimes.None.StartIsDetection);
        Assert.Null(IncidentTimes.None.TimeToDetect);
        Assert.Null(IncidentTimes.None.TimeToMitigate);
        Assert.Null(IncidentTimes.None.TimeToResolve);
    }

    [Fact]
    public void Only_some_moments_give_only_some_durations()
    {
        var times = new IncidentTimes(At("2024-03-14T09:00:00Z"), null, null, At("2024-03-14T09:45:00Z"));

        Assert.Null(times.TimeToDetect);
        Assert.Null(times.TimeToMitigate);
        Assert.Equal(TimeSpan.FromMinutes(45), times.TimeToResolve);
        Assert.False(times.StartIsDetection);
    }

    [Fact]
    public void Times_read_from_front_matter_keep_the_detection_fallback()
    {
        var incident = Pm.ReadValid(Pm.Doc("detected: 2024-03-14T10:00:00+01:00\nresolved: 2024-03-14T10:20:00+01:00\n"));

        Assert.True(incident.Times.StartIsDetection);
        Assert.Null(incident.Times.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(20), incident.Times.TimeToResolve);
    }
}

public sealed class DurationFormatterTests
{
    private static string Word(string key) => key switch
    {
        "unit_minute" => "min",
        "unit_hour" => "h",
        "unit_day" => "d",
        _ => throw new ArgumentException(key),
    };

    [Theory]
    [InlineData(0, 0, 0, 0, "0 min")]
    [InlineData(0, 0, 1, 0, "1 min")]
    [InlineData(0, 0, 45, 0, "45 min")]
    [InlineData(0, 0, 59, 0, "59 min")]
    [InlineData(0, 1, 0, 0, "1 h")]
    [InlineData(0, 2, 5, 0, "2 h 05 min")]
    [InlineData(0, 2, 30, 0, "2 h 30 min")]
    [InlineData(0, 23, 59, 0, "23 h 59 min")]
    [InlineData(1, 0, 0, 0, "1 d")]
    [InlineData(3, 4, 0, 0, "3 d 4 h")]
    [InlineData(3, 4, 59, 0, "3 d 4 h")]
    [InlineData(2, 0, 30, 0, "2 d")]
    [InlineData(0, 0, 0, 30, "1 min")]
    [InlineData(0, 0, 0, 29, "0 min")]
    [InlineData(0, 0, 59, 45, "1 h")]
    public void Formats_minutes_hours_and_days(int days, int hours, int minutes, int seconds, string expected)
    {
        Assert.Equal(expected, DurationFormatter.Format(new TimeSpan(days, hours, minutes, seconds), Word));
    }

    [Fact]
    public void Negative_durations_get_a_minus_sign()
    {
        Assert.Equal("\u221215 min", DurationFormatter.Format(TimeSpan.FromMinutes(-15), Word));
        Assert.Equal("\u22122 h 05 min", DurationFormatter.Format(-new TimeSpan(2, 5, 0), Word));
    }

    [Fact]
    public void Uses_the_words_it_is_given()
    {
        var ru = (string key) => key switch { "unit_minute" => "мин", "unit_hour" => "ч", _ => "д" };

        Assert.Equal("1 д 2 ч", DurationFormatter.Format(new TimeSpan(1, 2, 0, 0), ru));
        Assert.Equal("2 ч 05 мин", DurationFormatter.Format(new TimeSpan(2, 5, 0), ru));
    }
}

public sealed class ActionItemTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 1);

    private static ActionItem Action(ActionStatus status, DateOnly due) =>
        new("Do it", "team", due, status, ActionPriority.Medium, null, null);

    [Theory]
    [InlineData(ActionStatus.Open, -1, true, "overdue")]
    [InlineData(ActionStatus.InProgress, -30, true, "overdue")]
    [InlineData(ActionStatus.Open, 0, false, "open")]
    [InlineData(ActionStatus.InProgress, 0, false, "in-progress")]
    [InlineData(ActionStatus.Open, 1, false, "open")]
    [InlineData(ActionStatus.Done, -1, false, "done")]
    [InlineData(ActionStatus.WontDo, -365, false, "wont-do")]
    [InlineData(ActionStatus.Done, 5, false, "done")]
    public void Overdue_means_open_or_in_progress_with_a_due_date_before_the_reference_date(
        ActionStatus status, int dueOffsetDays, bool overdue, string key)
    {
        var action = Action(status, AsOf.AddDays(dueOffsetDays));

        Assert.Equal(overdue, action.IsOverdue(AsOf));
        Assert.Equal(key, action.EffectiveStatusKey(AsOf));
    }

    [Fact]
    public void Status_and_priority_keys_match_the_contract_spelling()
    {
        Assert.Equal(["open", "in-progress", "done", "wont-do"],
            new[] { ActionStatus.Open, ActionStatus.InProgress, ActionStatus.Done, ActionStatus.WontDo }.Select(ActionItem.StatusKey));
        Assert.Equal(["high", "medium", "low"],
            new[] { ActionPriority.High, ActionPriority.Medium, ActionPriority.Low }.Select(ActionItem.PriorityKey));
    }
}
