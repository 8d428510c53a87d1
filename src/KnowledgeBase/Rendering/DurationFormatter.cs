using System.Globalization;

namespace KnowledgeBase.Rendering;

/// <summary>Human durations ("2 h 05 min", "3 d 4 h") with the unit words of the page's language.</summary>
public static class DurationFormatter
{
    public static string Format(TimeSpan span, Func<string, string> word)
    {
        var negative = span < TimeSpan.Zero;
        if (negative) span = span.Negate();
        var totalMinutes = (long)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);
        var days = totalMinutes / (24 * 60);
        var hours = totalMinutes / 60 % 24;
        var minutes = totalMinutes % 60;
        string text;
        if (days > 0)
            text = hours > 0 ? $"{I(days)} {word("unit_day")} {I(hours)} {word("unit_hour")}" : $"{I(days)} {word("unit_day")}";
        else if (hours > 0)
            text = minutes > 0 ? $"{I(hours)} {word("unit_hour")} {minutes.ToString("00", CultureInfo.InvariantCulture)} {word("unit_minute")}" : $"{I(hours)} {word("unit_hour")}";
        else
            text = $"{I(minutes)} {word("unit_minute")}";
        return negative ? "−" + text : text;
    }

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);
}
