using System.Globalization;
using System.Net;
using System.Text;

namespace KnowledgeBase.Rendering.Charts;

/// <summary>A series of a bar chart: one severity, or "median" / "p90". <paramref name="CssClass"/> colours it.</summary>
public sealed record ChartSeries(string Key, string Label, string CssClass);

/// <summary>One position on the x axis with a value per series (null: no data).</summary>
/// <param name="ShowLabel">Whether the axis names this category (long axes name only some, e.g. each January).</param>
/// <param name="AxisLabel">What the axis shows when it names the category (e.g. the year only).</param>
public sealed record ChartCategory(string Key, string Label, string AxisLabel, bool ShowLabel, IReadOnlyList<double?> Values);

/// <summary>
/// Draws bar charts as inline SVG, in C#, so pages need no chart library and no script: stacked bars (a series per
/// segment, first series at the bottom) or grouped bars (a bar per series, side by side). Every bar is a
/// <c>&lt;g class="bar"&gt;</c> with one <c>&lt;rect&gt;</c> per non-empty value, each with a tooltip; axis labels are
/// <c>&lt;text class="x-label"&gt;</c> and <c>&lt;text class="y-label"&gt;</c>. Colours come from the theme's CSS classes.
/// The SVG is an image with a text alternative; the numbers are also in a table next to it.
/// </summary>
public static class SvgBarChart
{
    private const int Height = 220;
    private const int Top = 12, Bottom = 34, Left = 76, Right = 12;

    public static string Stacked(string id, string label, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartCategory> categories,
        Func<double, string> format, Func<double, double>? ceiling = null) => Draw(id, label, series, categories, format, ceiling, stacked: true);

    public static string Grouped(string id, string label, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartCategory> categories,
        Func<double, string> format, Func<double, double>? ceiling = null) => Draw(id, label, series, categories, format, ceiling, stacked: false);

    private static string Draw(string id, string label, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartCategory> categories,
        Func<double, string> format, Func<double, double>? ceiling, bool stacked)
    {
        var n = Math.Max(1, categories.Count);
        var slot = n <= 12 ? 44.0 : n <= 40 ? 20.0 : 11.0;
        var plotWidth = slot * n;
        var width = Left + plotWidth + Right;
        var plotHeight = Height - Top - Bottom;

        var max = 0.0;
        foreach (var c in categories)
        {
            var values = c.Values.Where(v => v is > 0).Select(v => v!.Value);
            var top = stacked ? values.Sum() : values.DefaultIfEmpty(0).Max();
            max = Math.Max(max, top);
        }
        var scaleMax = (ceiling ?? NiceCeiling)(max);

        var svg = new StringBuilder(1024 + categories.Count * 160);
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" id=\"").Append(E(id))
            .Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(Height)
            .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(Height)
            .Append("\" role=\"img\" aria-label=\"").Append(E(label)).Append("\">");

        // Horizontal grid lines and y labels at 0, ½ and the top of the scale.
        svg.Append("<g class=\"axis\">");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = Top + plotHeight * (1 - fraction);
            var value = scaleMax * fraction;
            svg.Append("<line class=\"grid\" x1=\"").Append(Left).Append("\" x2=\"").Append(N(Left + plotWidth))
                .Append("\" y1=\"").Append(N(y)).Append("\" y2=\"").Append(N(y)).Append("\"/>");
            svg.Append("<text class=\"y-label\" x=\"").Append(Left - 6).Append("\" y=\"").Append(N(y + 4))
                .Append("\" text-anchor=\"end\">").Append(E(value == 0 ? "0" : format(value))).Append("</text>");
        }
        svg.Append("</g>");

        svg.Append("<g class=\"bars\">");
        var barWidth = slot * 0.72;
        for (var k = 0; k < categories.Count; k++)
        {
            var c = categories[k];
            var x0 = Left + slot * k + (slot - barWidth) / 2;
            var total = c.Values.Where(v => v is > 0).Sum(v => v!.Value);
            svg.Append("<g class=\"bar\" data-category=\"").Append(E(c.Key)).Append("\" data-total=\"")
                .Append(N(total)).Append("\">");
            var baseline = 0.0;
            var groupWidth = barWidth / Math.Max(1, series.Count);
            for (var s = 0; s < series.Count && s < c.Values.Count; s++)
            {
                if (c.Values[s] is not { } v || v <= 0 || scaleMax <= 0) continue;
                var h = plotHeight * v / scaleMax;
                double x, y, w;
                if (stacked)
                {
                    (x, w) = (x0, barWidth);
                    y = Top + plotHeight * (1 - (baseline + v) / scaleMax);
                    baseline += v;
                }
                else
                {
                    (x, w) = (x0 + groupWidth * s, groupWidth * 0.92);
                    y = Top + plotHeight - h;
                }
                svg.Append("<rect class=\"seg ").Append(E(series[s].CssClass)).Append("\" data-series=\"").Append(E(series[s].Key))
                    .Append("\" data-value=\"").Append(N(v)).Append("\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
                    .Append("\" width=\"").Append(N(w)).Append("\" height=\"").Append(N(Math.Max(h, 0.5))).Append("\"><title>")
                    .Append(E($"{c.Label} · {series[s].Label}: {format(v)}")).Append("</title></rect>");
            }
            svg.Append("</g>");
        }
        svg.Append("</g>");

        svg.Append("<g class=\"x-labels\">");
        for (var k = 0; k < categories.Count; k++)
        {
            if (!categories[k].ShowLabel) continue;
            var x = Left + slot * k + slot / 2;
            svg.Append("<text class=\"x-label\" x=\"").Append(N(x)).Append("\" y=\"").Append(Height - Bottom + 16)
                .Append("\" text-anchor=\"middle\">").Append(E(categories[k].AxisLabel)).Append("</text>");
        }
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>The smallest 1, 2 or 5 × 10ⁿ at or above the value (the top of the y axis).</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (step * power >= value - 1e-9) return step * power;
        return 10 * power;
    }

    /// <summary>The top of a y axis of counts: 2, 4, 6, 8 or 10 × 10ⁿ, so the middle grid line is a whole number too.</summary>
    public static double NiceCount(double value)
    {
        if (value <= 2) return 2;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 2.0, 4.0, 6.0, 8.0, 10.0 })
            if (step * power >= value - 1e-9) return step * power;
        return 20 * power;
    }

    /// <summary>The top of a y axis in minutes: a round duration (5 min, 1 h, 6 h, 1 d, 1 week…) at or above the value.</summary>
    public static double NiceMinutes(double minutes)
    {
        double[] steps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200];
        foreach (var step in steps)
            if (step >= minutes - 1e-9) return step;
        return NiceCeiling(minutes / 1440) * 1440;
    }

    private static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
