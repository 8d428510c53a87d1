using AngleSharp.Html.Parser;
using KnowledgeBase.Rendering.Charts;

namespace KnowledgeBase.Tests.Metrics;

public sealed class ChartTests
{
    private static readonly HtmlParser Parser = new();

    private static AngleSharp.Dom.IElement Svg(string svg) => Parser.ParseDocument("<!DOCTYPE html><body>" + svg).QuerySelector("svg")!;

    private static readonly ChartSeries[] Severities = [new("SEV1", "SEV1", "sev-sev1"), new("SEV2", "SEV2", "sev-sev2")];

    [Fact]
    public void Stacked_bars_have_a_group_per_category_and_a_rect_per_non_empty_value()
    {
        ChartCategory[] categories =
        [
            new("2024-Q1", "2024 Q1", "Q1", true, [2, 1]),
            new("2024-Q2", "2024 Q2", "Q2", true, [0, 0]),
            new("2024-Q3", "2024 Q3", "Q3", false, [0, 3]),
        ];
        var svg = Svg(SvgBarChart.Stacked("c", "Incidents <per> quarter", Severities, categories,
            v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture), SvgBarChart.NiceCount));
        var bars = svg.QuerySelectorAll("g.bar");
        Assert.Equal(3, bars.Length);
        Assert.Equal(["3", "0", "3"], bars.Select(b => b.GetAttribute("data-total")));
        Assert.Equal(3, svg.QuerySelectorAll("rect.seg").Length);
        Assert.Equal(["Q1", "Q2"], svg.QuerySelectorAll("text.x-label").Select(t => t.TextContent));
        Assert.Equal(["0", "2", "4"], svg.QuerySelectorAll("text.y-label").Select(t => t.TextContent)); // axis top: the even ceiling of 3
    }

    [Fact]
    public void Stacked_segments_sit_on_each_other_and_scale_to_the_axis()
    {
        var svg = Svg(SvgBarChart.Stacked("c", "x", Severities, [new("a", "a", "a", true, [2, 3])], v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var rects = svg.QuerySelectorAll("rect").Select(r => (
            Y: double.Parse(r.GetAttribute("y")!, System.Globalization.CultureInfo.InvariantCulture),
            H: double.Parse(r.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, rects.Count);
        Assert.Equal(rects[0].Y, rects[1].Y + rects[1].H, 1);      // SEV2 on top of SEV1
        Assert.Equal(rects[0].H * 1.5, rects[1].H, 1);             // 3 vs 2
        Assert.Equal("a · SEV2: 3", svg.QuerySelectorAll("rect")[1].QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void Grouped_bars_put_series_side_by_side_and_skip_missing_values()
    {
        ChartSeries[] series = [new("median", "Median", "series-median"), new("p90", "p90", "series-p90")];
        var svg = Svg(SvgBarChart.Grouped("d", "Durations", series,
            [new("q1", "Q1", "Q1", true, [10, 30]), new("q2", "Q2", "Q2", true, [null, null])], v => v + " min", SvgBarChart.NiceMinutes));
        Assert.Equal(2, svg.QuerySelectorAll("g.bar").Length);
        var rects = svg.QuerySelectorAll("g.bar")[0].QuerySelectorAll("rect");
        Assert.Equal(2, rects.Length);
        Assert.True(double.Parse(rects[1].GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture) >
                    double.Parse(rects[0].GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(svg.QuerySelectorAll("g.bar")[1].QuerySelectorAll("rect"));
        Assert.Equal("30 min", svg.QuerySelectorAll("text.y-label").Last().TextContent);
    }

    [Fact]
    public void Labels_are_escaped()
    {
        var markup = SvgBarChart.Stacked("c", "a <b> & \"c\"", Severities, [new("<x>", "<x>", "<x>", true, [1, 0])], v => "1");
        Assert.DoesNotContain("<b>", markup);
        Assert.DoesNotContain("<x>", markup);
        Assert.Equal("a <b> & \"c\"", Svg(markup).GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 5)]
    [InlineData(5, 5)]
    [InlineData(7, 10)]
    [InlineData(11, 20)]
    [InlineData(180, 200)]
    public void Nice_ceiling_is_one_two_or_five_times_a_power_of_ten(double value, double expected) =>
        Assert.Equal(expected, SvgBarChart.NiceCeiling(value));

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 8)]
    [InlineData(11, 20)]
    [InlineData(90, 100)]
    [InlineData(130, 200)]
    public void Count_axes_end_on_an_even_number(double value, double expected) =>
        Assert.Equal(expected, SvgBarChart.NiceCount(value));

    [Theory]
    [InlineData(7, 10)]
    [InlineData(45, 60)]
    [InlineData(200, 240)]
    [InlineData(1000, 1440)]
    [InlineData(50_000, 72_000)]    // 34.7 days → 50 days (the nice ceiling of the days)
    public void Nice_minutes_are_round_durations(double minutes, double expected) =>
        Assert.Equal(expected, SvgBarChart.NiceMinutes(minutes));
}
