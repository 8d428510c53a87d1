using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeBase.Model;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace KnowledgeBase.Markdown;

/// <summary>One time-stamped line of the body's timeline: a list item or a table row starting with a time.</summary>
/// <param name="Moment">Wall-clock time as written (the incident's own offset applies; see <see cref="TimelineEntries"/>).</param>
/// <param name="Text">The entry as written, markup removed.</param>
/// <param name="Description">What happened: the text after the time stamp.</param>
/// <param name="Line">Line of the list item or table row in the body (0-based, as Markdig counts).</param>
/// <param name="Column">Its column (0-based).</param>
/// <param name="OutOfOrder">Earlier than an entry before it (<see cref="PreviousInOrder"/>); the lint reports it.</param>
public sealed record TimelineEntry(DateTime Moment, string Text, string Description, int Line, int Column, bool OutOfOrder, TimelineEntry? PreviousInOrder);

/// <summary>
/// Reads the body's timeline sections. Under a timeline heading ("Timeline", "Хронология", "Chronologie",
/// "Zeitleiste"…), every list item or table row that starts with a time (<c>14:05</c>, <c>14h05</c>) or a date and
/// a time (<c>2024-03-14 14:05</c>, <c>2024-03-14T14:05</c>, <c>14.03. 14:05</c>, <c>14.03.2024 14:05</c>) is an
/// entry. A date alone (in an entry, a first table cell or a sub-heading) sets the day for the times after it. A bare
/// time more than 12 hours before the latest entry so far is taken as the next day, so a night across midnight needs
/// no dates. One parser for the <c>timeline-entries</c> lint and the incident page's visual timeline.
/// </summary>
public static partial class TimelineEntries
{
    [GeneratedRegex(@"^(?:(?<date>\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:\d{4})?)(?:T|,?\s+))?(?<h>[01]?\d|2[0-3])[:h](?<m>[0-5]\d)(?::[0-5]\d)?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:\d{4})?)(?![\d:])", RegexOptions.CultureInvariant)]
    private static partial Regex DateStart();

    /// <summary>The timeline headings of the body, in order.</summary>
    public static IEnumerable<HeadingBlock> Sections(MarkdownDocument document) =>
        document.OfType<HeadingBlock>().Where(h => SectionHeadings.IsTimeline(InlineText.Of(h.Inline)));

    /// <summary>Every entry of every timeline section, in the author's order.</summary>
    /// <param name="firstDay">The day of entries that give only a time (the day the incident started).</param>
    public static IReadOnlyList<TimelineEntry> Parse(MarkdownDocument document, DateOnly firstDay) =>
        Sections(document).ToList().SelectMany(h => ParseSection(document, h, firstDay)).ToList();

    /// <summary>The entries under one timeline heading; each section starts again on <paramref name="firstDay"/>.</summary>
    public static IReadOnlyList<TimelineEntry> ParseSection(MarkdownDocument document, HeadingBlock heading, DateOnly firstDay)
    {
        var walk = new Walk(firstDay);
        var entries = new List<TimelineEntry>();
        foreach (var block in SectionHeadings.SectionOf(document, heading))
        {
            switch (block)
            {
                case HeadingBlock sub:
                    walk.SetDay(InlineText.Of(sub.Inline));
                    break;
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                        if (walk.Visit(FirstParagraphText(item), item) is { } entry) entries.Add(entry);
                    break;
                case Table table:
                    foreach (var row in table.OfType<TableRow>().Where(r => !r.IsHeader))
                        if (walk.Visit(RowText(row), row) is { } entry) entries.Add(entry);
                    break;
            }
        }
        return entries;
    }

    private static string FirstParagraphText(ListItemBlock item) =>
        item.OfType<ParagraphBlock>().Select(p => InlineText.Of(p.Inline)).FirstOrDefault() ?? "";

    /// <summary>The cells joined; a first cell that is only a date is read together with the second ("| 2024-03-14 | 09:12 |").</summary>
    private static string RowText(TableRow row)
    {
        var cells = row.OfType<TableCell>().Select(c => string.Join(" ", c.OfType<ParagraphBlock>().Select(p => InlineText.Of(p.Inline))).Trim()).ToList();
        return string.Join(" ", cells.Where(c => c.Length > 0));
    }

    private sealed class Walk(DateOnly firstDay)
    {
        private readonly DateOnly _firstDay = firstDay;
        private DateOnly _day = firstDay;
        private TimelineEntry? _latest;

        public void SetDay(string text)
        {
            if (DateStart().Match(Clean(text)) is { Success: true } m && ParseDate(m.Groups["date"].Value) is { } d) _day = d;
        }

        public TimelineEntry? Visit(string rawText, Block source)
        {
            var text = Clean(rawText);
            var entry = EntryStart().Match(text);
            if (!entry.Success)
            {
                SetDay(text);
                return null;
            }
            var time = new TimeOnly(int.Parse(entry.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(entry.Groups["m"].Value, CultureInfo.InvariantCulture));
            DateTime moment;
            if (entry.Groups["date"].Success && ParseDate(entry.Groups["date"].Value) is { } date)
            {
                _day = date;
                moment = date.ToDateTime(time);
            }
            else
            {
                moment = _day.ToDateTime(time);
                if (_latest is { } p && moment < p.Moment && p.Moment - moment >= TimeSpan.FromHours(12) && _day < DateOnly.MaxValue)
                {
                    _day = _day.AddDays(1);
                    moment = moment.AddDays(1);
                }
            }

            var outOfOrder = _latest is { } prev && moment < prev.Moment;
            var description = text[entry.Length..].TrimStart(' ', '\t', '*', '_', ')', ']', '—', '–', '-', ':', '|', ',').Trim();
            var result = new TimelineEntry(moment, text, description, source.Line, source.Column, outOfOrder, _latest);
            if (!outOfOrder) _latest = result;
            return result;
        }

        private DateOnly? ParseDate(string text)
        {
            if (IsoDate.TryParse(text, out var iso)) return iso;
            var parts = text.Split('.', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var day) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var month)) return null;
            var explicitYear = parts.Length > 2 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var y) ? y : (int?)null;
            var year = explicitYear ?? _firstDay.Year;
            if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
            var result = new DateOnly(year, month, day);
            // "03.01." in a post-mortem of 30 December is early next year.
            if (explicitYear is null && result < _firstDay.AddMonths(-6) && result.Year < 9999) result = result.AddYears(1);
            return result;
        }

        private static string Clean(string text) => text.TrimStart(' ', '\t', '[', '(', '*', '_', '~').Trim();
    }
}
