namespace KnowledgeBase.Rendering.Views;

// Flat, pre-formatted records the Liquid templates read (snake_case in templates: BodyHtml → body_html).
// Formatting happens in C# with the invariant culture so templates never depend on the machine's locale.

public sealed record LinkView(string Name, string Url, int Count = 0);

public sealed record IncidentRefView(string Id, string Title, string Url, string Date, string Severity, string SeverityClass, string Lang);

public sealed record IncidentRowView(
    string Id, string Url, string Title, string Date, string Year, string Severity, string SeverityClass, string SeverityUrl,
    string Summary, string Lang, IReadOnlyList<LinkView> Services, IReadOnlyList<LinkView> Tags,
    int ActionsDone, int ActionsTotal, int ActionsOverdue, int ActionsOpen, int ProgressPercent, string ServicesText, string TagsText);

public sealed record MomentView(string Key, string Label, string Iso, string Display);

public sealed record DurationView(string Key, string Label, string Value, long Minutes);

public sealed record ImpactView(string Key, string Value);

public sealed record ActionView(
    string Title, string Owner, string Due, string Status, string StatusLabel, string Priority, string PriorityLabel,
    string? Success, string? Link, bool Overdue, IncidentRefView Incident);

public sealed record HeadingView(int Level, string Text, string Anchor);

public sealed record IncidentPageView(
    IncidentRowView Row, IReadOnlyList<string> Authors, string? Facilitator, string? DetectedBy,
    IReadOnlyList<MomentView> Moments, IReadOnlyList<DurationView> Durations, bool StartIsDetection,
    IReadOnlyList<ImpactView> Impact, string BodyHtml, IReadOnlyList<string> Lessons, IReadOnlyList<ActionView> Actions,
    IReadOnlyList<IncidentRefView> Related, IReadOnlyList<IncidentRefView> ReferencedBy, string? EditUrl,
    IReadOnlyList<LinkView> Causes, int? Onboarding, IReadOnlyList<HeadingView> Headings, int ReadingMinutes,
    string Status, string StatusLabel, IReadOnlyList<string> OwnerTeams, TimelineView? Timeline);

/// <summary>The visual timeline of an incident page: the SVG drawn at build time and what the page says about it.</summary>
/// <param name="Offset">The time zone the drawing uses ("UTC+03:00").</param>
/// <param name="Shown">Entries drawn; fewer than <paramref name="Total"/> when capped.</param>
public sealed record TimelineView(string Svg, string Offset, int Shown, int Total, bool Capped, bool StartIsDetection);

public sealed record CountView(string Key, string Label, int Count);

public sealed record OwnerCountsView(string Owner, int Open, int InProgress, int Overdue, int Done, int WontDo, int Total);

public sealed record LessonView(string Text, string Lang, IncidentRefView Incident);

/// <param name="Url">The term's incident list.</param>
/// <param name="AllUrl">The page with every lesson of the group.</param>
/// <param name="Lessons">All lessons, or only the first few on the /lessons/ overview (see Total).</param>
public sealed record LessonGroupView(string Name, string Url, string AllUrl, int Total, IReadOnlyList<LessonView> Lessons);

public sealed record TermView(string Key, string Name, string Url, int Count, IReadOnlyList<IncidentRowView> Incidents);

public sealed record TaxonomyView(string Key, string Title, string Url, IReadOnlyList<LinkView> Terms);

public sealed record OnboardingStepView(int Step, IncidentRowView Incident, IReadOnlyList<string> Lessons, int ReadingMinutes);
