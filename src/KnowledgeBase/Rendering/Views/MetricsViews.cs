namespace KnowledgeBase.Rendering.Views;

// View records of /metrics/ (and its year and service variants), similar incidents, "on this day" and the
// printable reading path. Pre-formatted in C# with the invariant culture, like Views.cs.

public sealed record FilterLinkView(string Name, string Url, int Count, bool Current);

public sealed record LegendView(string Label, string CssClass);

public sealed record ChartRowView(string Label, IReadOnlyList<string> Cells);

/// <summary>A chart: its SVG (drawn in C#, output raw) and the same numbers as a table.</summary>
public sealed record ChartView(string Id, string Title, string Svg, IReadOnlyList<LegendView> Legend,
    IReadOnlyList<string> Headers, IReadOnlyList<ChartRowView> Rows);

/// <summary>Median, p90 and mean of one duration, with the counts behind them.</summary>
public sealed record HeadlineView(string Key, string Label, string Median, string P90, string Mean,
    int Count, int FromDetection, int Inconsistent, int Missing);

/// <summary>A share: "66.7%" of <see cref="Numerator"/> ÷ <see cref="Denominator"/> ("–" when the denominator is 0).</summary>
public sealed record RateView(string Key, string Label, string Value, int Numerator, int Denominator);

public sealed record ActionMetricsView(int Total, int Open, int InProgress, int Done, int WontDo, int Overdue, int PastDue,
    IReadOnlyList<RateView> Rates);

public sealed record OwnerMetricsView(string Owner, int Open, int InProgress, int Overdue, int Done, int WontDo, int Total, string Closure);

public sealed record RepeatedTermView(string Name, string Url, int Count, string First, string Last);

public sealed record RepeatView(IncidentRefView Incident, IncidentRefView Earlier, string Reason);

public sealed record RecurrenceView(RateView Share, int Repeats, int Incidents, IReadOnlyList<RepeatedTermView> Services,
    IReadOnlyList<RepeatedTermView> Tags, IReadOnlyList<RepeatedTermView> Causes, IReadOnlyList<RepeatView> Recent);

public sealed record MetricsPageView(
    string Heading, string Kind, string? ScopeName, string? ScopeUrl, string AllUrl,
    IReadOnlyList<FilterLinkView> Years, IReadOnlyList<FilterLinkView> Services,
    int Incidents, string? First, string? Last, string AsOf,
    IReadOnlyList<HeadlineView> Durations, ChartView PerMonth, ChartView PerQuarter, IReadOnlyList<ChartView> DurationCharts,
    ActionMetricsView Actions, IReadOnlyList<OwnerMetricsView> Owners, int OwnersNotShown, RecurrenceView Recurrence);

/// <summary>An incident similar to the one on the page, with what they share.</summary>
public sealed record SimilarView(IncidentRefView Incident, int ScorePercent,
    IReadOnlyList<LinkView> Services, IReadOnlyList<LinkView> Tags, IReadOnlyList<LinkView> Causes,
    bool Repeat, int OpenActions, int OverdueActions);

public sealed record OnThisDayView(IncidentRowView Incident, int YearsAgo);
