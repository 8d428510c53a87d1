using KnowledgeBase.Markdown;
using Markdig;

namespace KnowledgeBase.Tests.Timeline;

/// <summary>The one timeline-entry parser, shared by the timeline-entries lint and the visual timeline.</summary>
public sealed class TimelineEntriesTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static IReadOnlyList<TimelineEntry> Parse(string body, string day = "2024-03-14") =>
        TimelineEntries.Parse(Markdig.Markdown.Parse(body, Pipeline), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

    private static string[] Moments(IEnumerable<TimelineEntry> entries) => entries.Select(e => e.Moment.ToString("yyyy-MM-dd HH:mm")).ToArray();

    [Theory]
    [InlineData("## Timeline\n\n- 09:00 — alert fires\n- 09:20 — declared\n")]
    [InlineData("## Хронология\n\n- 09:00 — сработал алерт\n- 09:20 — объявлен инцидент\n")]
    [InlineData("## Chronologie\n\n- 09h00 — alerte\n- 09h20 — incident déclaré\n")]
    [InlineData("## Zeitleiste\n\n| Zeit | Ereignis |\n|---|---|\n| 09:00 | Alarm |\n| 09:20 | Vorfall ausgerufen |\n")]
    public void Entries_are_read_under_the_timeline_heading_of_every_language(string body)
    {
        var entries = Parse(body);
        Assert.Equal(["2024-03-14 09:00", "2024-03-14 09:20"], Moments(entries));
        Assert.DoesNotContain("09", entries[1].Description);
        Assert.NotEmpty(entries[1].Description);
    }

    [Fact]
    public void Times_only_are_on_the_first_day_and_a_night_across_midnight_moves_to_the_next_day()
    {
        var entries = Parse("## Timeline\n\n- 23:40 — alert\n- 00:10 — mitigated\n- 2024-03-16 08:00 — resolved\n- 09:00 — review\n");
        Assert.Equal(["2024-03-14 23:40", "2024-03-15 00:10", "2024-03-16 08:00", "2024-03-16 09:00"], Moments(entries));
        Assert.All(entries, e => Assert.False(e.OutOfOrder));
    }

    [Fact]
    public void Sub_headings_and_date_cells_set_the_day()
    {
        var entries = Parse("## Timeline\n\n### 15.03.\n\n- 10:00 — a\n\n| Date | Time | Event |\n|---|---|---|\n| 2024-03-16 | 11:00 | b |\n");
        Assert.Equal(["2024-03-15 10:00", "2024-03-16 11:00"], Moments(entries));
        Assert.Equal("b", entries[1].Description);
    }

    [Fact]
    public void An_entry_out_of_order_is_marked_with_the_entry_it_breaks()
    {
        var entries = Parse("## Timeline\n\n- 14:00 — deploy\n- 13:30 — errors\n- 14:10 — rollback\n");
        Assert.True(entries[1].OutOfOrder);
        Assert.Same(entries[0], entries[1].PreviousInOrder);
        Assert.False(entries[2].OutOfOrder);
    }

    [Fact]
    public void Lists_outside_the_timeline_and_lines_without_a_time_are_not_entries()
    {
        var entries = Parse("## Summary\n\n- 10:00 — not here\n\n## Timeline\n\n- time unknown\n- 09:00 — alert\n\n## Impact\n\n- 08:00 — not here\n");
        Assert.Equal(["2024-03-14 09:00"], Moments(entries));
        Assert.Equal(7, entries[0].Line); // 0-based, as Markdig counts
    }
}
