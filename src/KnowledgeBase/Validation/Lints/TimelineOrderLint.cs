using System.Globalization;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// The key moments are in order: <c>started ≤ detected ≤ mitigated ≤ resolved</c> (missing ones are skipped), and
/// <c>date</c> is the day the incident started (in the offset the author wrote <c>started</c> in).
/// </summary>
public sealed class TimelineOrderLint : ILintRule
{
    public string Id => "timeline-order";

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        var t = target.Incident.Times;
        var moments = new (string Field, DateTimeOffset? At)[] { ("started", t.Started), ("detected", t.Detected), ("mitigated", t.Mitigated), ("resolved", t.Resolved) };
        (string Field, DateTimeOffset At)? previous = null;
        foreach (var (field, at) in moments)
        {
            if (at is not { } value) continue;
            if (previous is { } p && value < p.At)
            {
                yield return target.Warning(Id, target.FrontMatter.PositionOf(field), field,
                    $"{field} ({Format(value)}) is before {p.Field} ({Format(p.At)}); expected started ≤ detected ≤ mitigated ≤ resolved",
                    "Check the date and the UTC offset of both moments; a wrong offset is the usual cause.");
                continue;
            }
            previous = (field, value);
        }

        if (t.Origin is { } origin && DateOnly.FromDateTime(origin.DateTime) is var day && day != target.Incident.Date)
        {
            var which = t.Started is null ? "detected" : "started";
            yield return target.Warning(Id, target.FrontMatter.PositionOf("date"), "date",
                string.Create(CultureInfo.InvariantCulture, $"date is {target.Incident.Date:yyyy-MM-dd} but {which} is on {day:yyyy-MM-dd}; date is the day the incident started"),
                string.Create(CultureInfo.InvariantCulture, $"Set date: {day:yyyy-MM-dd}, or correct {which}."));
        }
    }

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
}
