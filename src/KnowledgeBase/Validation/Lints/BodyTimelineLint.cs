using KnowledgeBase.Markdown;
using KnowledgeBase.Model;

namespace KnowledgeBase.Validation.Lints;

/// <summary>
/// The body's timeline reads forward: an entry (see <see cref="TimelineEntries"/> for what counts as one and how
/// its day is found) must not be earlier than the entries before it in its section.
/// </summary>
public sealed class BodyTimelineLint : ILintRule
{
    public string Id => "timeline-entries";

    public IEnumerable<LintFinding> Check(LintTarget target)
    {
        foreach (var heading in TimelineEntries.Sections(target.Document).ToList())
            foreach (var entry in TimelineEntries.ParseSection(target.Document, heading, target.Incident.Date))
                if (entry is { OutOfOrder: true, PreviousInOrder: { } previous })
                    yield return target.Warning(Id, At(target, entry), "body",
                        $"timeline entry \"{Label(entry.Text)}\" is earlier than the entry before it (\"{Label(previous.Text)}\", line {At(target, previous).Line}); keep timeline entries in time order",
                        "Move the entry to its place; if it happened on another day, start it with the date (e.g. 2024-03-15 00:10 or 15.03. 00:10).");
    }

    private static SourcePosition At(LintTarget target, TimelineEntry entry) => new(target.Incident.BodyLine + entry.Line, entry.Column + 1);

    private static string Label(string text) => text.Length <= 40 ? text : text[..40].TrimEnd() + "…";
}
