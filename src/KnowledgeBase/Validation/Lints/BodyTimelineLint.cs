using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// The body's timeline reads forward. Under a timeline heading ("Timeline", "Хронология", "Chronologie",
/// "Zeitleiste"…), every list item or table row that starts with a time (<c>14:05</c>, <c>14h05</c>) or a date and
/// a time (<c>2024-03-14 14:05</c>, <c>2024-03-14T14:05</c>, <c>14.03. 14:05</c>, <c>14.03.2024 14:05</c>) must not be
/// earlier than the entry before it. A date alone (in an entry, a first table cell or a sub-heading) sets the day
/// for the times after it. A bare time more than 12 hours before the previous one is taken as the next day,
/// so a night across midnight needs no dates.
/// </summary>
public sealed partial class BodyTimelineLint : ILintRule
{
    public string Id => "timeline-entries";

    [GeneratedRegex(@"^(?:(?<date>\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:\d{4})?)(?:T|,?\s+))?(?<h>[01]?\d|2[0-3])[:h](?<m>[0-5]\d)(?::[0-5]\d)?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:\d{4})?)(?![\d:])", RegexOptions.CultureInvariant)]
    private static partial Regex DateStart();

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        foreach (var heading in target.Document.OfType<HeadingBlock>().Where(h => SectionHeadings.IsTimeline(InlineText.Of(h.Inline))).ToList())
        {
            var walk = new Walk(target.Incident.Date);
            foreach (var block in SectionHeadings.SectionOf(target.Document, heading))
            {
                switch (block)
                {
                    case HeadingBlock sub:
                        walk.SetDay(InlineText.Of(sub.Inline));
                        break;
                    case ListBlock list:
                        foreach (var item in list.OfType<ListItemBlock>())
                            if (walk.Visit(FirstParagraphText(item), target.PositionOf(item)) is { } problem)
                                yield return Finding(target, problem);
                        break;
                    case Table table:
                        foreach (var row in table.OfType<TableRow>().Where(r => !r.IsHeader))
                            if (walk.Visit(RowText(row), target.PositionOf(row)) is { } problem)
                                yield return Finding(target, problem);
                        break;
                }
            }
        }
    }

    private LintFinding Finding(LintTarget target, Problem p) =>
        target.Warning(Id, p.At, "body",
            $"timeline entry \"{p.Text}\" is earlier than the entry before it (\"{p.PreviousText}\", line {p.PreviousLine}); keep timeline entries in time order",
            "Move the entry to its place; if it happened on another day, start it with the date (e.g. 2024-03-15 00:10 or 15.03. 00:10).");

    private static string FirstParagraphText(ListItemBlock item) =>
        item.OfType<ParagraphBlock>().Select(p => InlineText.Of(p.Inline)).FirstOrDefault() ?? "";

    /// <summary>The first cell; a first cell that is only a date is read together with the second ("| 2024-03-14 | 09:12 |").</summary>
    private static string RowText(TableRow row)
    {
        var cells = row.OfType<TableCell>().Select(c => string.Join(" ", c.OfType<ParagraphBlock>().Select(p => InlineText.Of(p.Inline)))).ToList();
        if (cells.Count == 0) return "";
        var first = cells[0].Trim();
        return cells.Count > 1 && DateStart().Match(first) is { Success: true } m && m.Length == first.Length ? first + " " + cells[1].Trim() : first;
    }

    private sealed record Problem(SourcePosition At, string Text, string PreviousText, int PreviousLine);

    private sealed class Walk(DateOnly incidentDate)
    {
        private DateOnly? _dayOverride;
        private DateOnly Day { get => _dayOverride ?? incidentDate; set => _dayOverride = value; }
        private DateTime? _previous;
        private string _previousText = "";
        private int _previousLine;

        public void SetDay(string text)
        {
            if (DateStart().Match(Clean(text)) is { Success: true } m && ParseDate(m.Groups["date"].Value) is { } d) Day = d;
        }

        public Problem? Visit(string rawText, SourcePosition at)
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
                Day = date;
                moment = date.ToDateTime(time);
            }
            else
            {
                moment = Day.ToDateTime(time);
                if (_previous is { } p && moment < p && p - moment >= TimeSpan.FromHours(12))
                {
                    Day = Day.AddDays(1);
                    moment = moment.AddDays(1);
                }
            }

            var label = Label(text);
            if (_previous is { } prev && moment < prev)
                return new Problem(at, label, _previousText, _previousLine);
            _previous = moment;
            _previousText = label;
            _previousLine = at.Line;
            return null;
        }

        private DateOnly? ParseDate(string text)
        {
            if (IsoDate.TryParse(text, out var iso)) return iso;
            var parts = text.Split('.', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var day) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var month)) return null;
            var explicitYear = parts.Length > 2 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var y) ? y : (int?)null;
            var year = explicitYear ?? incidentDate.Year;
            if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
            var result = new DateOnly(year, month, day);
            // "03.01." in a post-mortem of 30 December is early next year.
            if (explicitYear is null && result < incidentDate.AddMonths(-6)) result = result.AddYears(1);
            return result;
        }

        private static string Clean(string text) => text.TrimStart(' ', '\t', '[', '(', '*', '_', '~').Trim();

        private static string Label(string text) => text.Length <= 40 ? text : text[..40].TrimEnd() + "…";
    }
}
