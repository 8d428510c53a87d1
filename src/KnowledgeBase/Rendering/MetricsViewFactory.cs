using System.Globalization;
using KnowledgeBase.Aggregation.Metrics;
using KnowledgeBase.Aggregation.Similarity;
using KnowledgeBase.Aggregation;
using KnowledgeBase.Model;
using KnowledgeBase.Rendering.Charts;
using KnowledgeBase.Rendering.Views;

namespace KnowledgeBase.Rendering;

/// <summary>Turns the computed metrics, similar incidents and "on this day" into view records, charts included.</summary>
public sealed class MetricsViewFactory(SiteModel site, ViewFactory views, UiStrings strings)
{
    public const int OwnersShown = 25;

    private readonly Dictionary<string, string> _serviceNames = site.Services.Terms.ToDictionary(t => t.Slug, t => t.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tagNames = site.Tags.Terms.ToDictionary(t => t.Slug, t => t.Name, StringComparer.Ordinal);

    private SiteUrls Urls => views.Urls;

    public SiteMetrics Metrics => site.Metrics ?? throw new InvalidOperationException("metrics were not computed");

    public MetricsPageView Page(MetricsReport report, string lang)
    {
        string W(string key) => strings.Get(lang, key);
        var metrics = Metrics;
        var scope = report.Scope;
        var heading = scope.Kind switch
        {
            MetricsScopeKind.Year => $"{W("metrics")}: {scope.Name}",
            MetricsScopeKind.Service => $"{W("metrics")}: {scope.Name}",
            _ => W("metrics"),
        };
        string? scopeUrl = scope.Kind switch
        {
            MetricsScopeKind.Year => Urls.Term(site.Years.Key, scope.Slug!),
            MetricsScopeKind.Service => Urls.Term(site.Services.Key, scope.Slug!),
            _ => null,
        };
        var years = metrics.Years.Select(y => new FilterLinkView(y.Scope.Name!, Url(y.Scope), y.Incidents.Count, y.Scope == scope)).ToList();
        var services = metrics.Services.Select(s => new FilterLinkView(s.Scope.Name!, Url(s.Scope), s.Incidents.Count, s.Scope == scope)).ToList();

        var durations = DurationSet.Kinds.Select(k =>
        {
            var d = report.Durations[k];
            return new HeadlineView(Key(k), W("time_to_" + Key(k)), Minutes(d.MedianMinutes, W), Minutes(d.P90Minutes, W),
                Minutes(d.MeanMinutes, W), d.Count, d.FromDetection, d.Inconsistent, report.Incidents.Count - d.Count - d.Inconsistent);
        }).ToList();

        var a = report.Actions;
        var actions = new ActionMetricsView(a.Total, a.Open, a.InProgress, a.Done, a.WontDo, a.Overdue, a.PastDue,
        [
            Rate("closure", W("metrics_closure_rate"), a.Done, a.Countable),
            Rate("past_due_done", W("metrics_past_due_done"), a.PastDueDone, a.PastDue),
            Rate("overdue", W("metrics_overdue_share"), a.Overdue, a.Countable),
        ]);
        var owners = report.Owners.Take(OwnersShown).Select(o => new OwnerMetricsView(o.Owner, o.Actions.Open, o.Actions.InProgress,
            o.Actions.Overdue, o.Actions.Done, o.Actions.WontDo, o.Actions.Total,
            Percent(o.Actions.Done, o.Actions.Countable))).ToList();

        var r = report.Recurrence;
        var recurrence = new RecurrenceView(Rate("repeats", W("metrics_repeat_share"), r.Repeats, r.Incidents), r.Repeats, r.Incidents,
            Terms(r.Services, site.Services, null), Terms(r.Tags, site.Tags, null), Terms(r.Causes, site.Causes, W),
            r.RecentRepeats.Select(x => new RepeatView(views.Ref(x.Incident), views.Ref(x.Repeat.Earlier), Reason(x.Repeat, W))).ToList());

        return new MetricsPageView(heading, scope.Kind.ToString().ToLowerInvariant(), scope.Name, scopeUrl, Url(MetricsScope.All),
            years, services, report.Incidents.Count, report.First is { } f ? IsoDate.Format(f) : null,
            report.Last is { } l ? IsoDate.Format(l) : null, IsoDate.Format(site.AsOf), durations,
            CountChart("chart-incidents-month", W("metrics_per_month"), report.PerMonth, W),
            CountChart("chart-incidents-quarter", W("metrics_per_quarter"), report.PerQuarter, W),
            DurationSet.Kinds.Select(k => DurationChart(k, report.DurationsByQuarter, W)).ToList(),
            actions, owners, Math.Max(0, report.Owners.Count - OwnersShown), recurrence);
    }

    public string Url(MetricsScope scope) => scope.Kind switch
    {
        MetricsScopeKind.Year => Urls.Page($"metrics/{Slug.Escape(scope.Slug!)}/"),
        MetricsScopeKind.Service => Urls.Page($"metrics/services/{Slug.Escape(scope.Slug!)}/"),
        _ => Urls.Page("metrics/"),
    };

    private ChartView CountChart(string id, string title, IncidentCountSeries data, Func<string, string> W)
    {
        var series = data.Severities.Select(s => new ChartSeries(s, s, "sev-" + Slug.From(s))).ToList();
        var periods = data.Periods.Select(p => p.Period).ToList();
        var categories = data.Periods.Select((p, k) => new ChartCategory(p.Period.Key, PeriodLabel(p.Period), AxisLabel(periods, k), ShowLabel(periods, k),
            p.BySeverity.Select(v => (double?)v).ToList())).ToList();
        var label = $"{title} ({string.Join(", ", data.Severities)}); {W("metrics_chart_table_note")}";
        var svg = SvgBarChart.Stacked(id + "-svg", label, series, categories, v => I((int)Math.Round(v)), SvgBarChart.NiceCount);
        return new ChartView(id, title, svg, series.Select(s => new LegendView(s.Label, s.CssClass)).ToList(),
            [W("metrics_period"), .. data.Severities, W("metrics_total")],
            data.Periods.Select(p => new ChartRowView(PeriodLabel(p.Period), [.. p.BySeverity.Select(I), I(p.Total)])).ToList());
    }

    private ChartView DurationChart(DurationKind kind, IReadOnlyList<QuarterDurations> quarters, Func<string, string> W)
    {
        var key = Key(kind);
        var title = W("metrics_by_quarter_" + key);
        ChartSeries[] series = [new("median", W("metrics_median"), "series-median"), new("p90", W("metrics_p90"), "series-p90")];
        var periods = quarters.Select(q => q.Quarter).ToList();
        var categories = quarters.Select((q, k) =>
        {
            var d = q.Durations[kind];
            return new ChartCategory(q.Quarter.Key, PeriodLabel(q.Quarter), AxisLabel(periods, k), ShowLabel(periods, k),
                [d.MedianMinutes, d.P90Minutes]);
        }).ToList();
        var svg = SvgBarChart.Grouped($"chart-{key}-svg", $"{title}; {W("metrics_chart_table_note")}", series, categories, v => Minutes(v, W), SvgBarChart.NiceMinutes);
        return new ChartView($"chart-{key}", title, svg, series.Select(s => new LegendView(s.Label, s.CssClass)).ToList(),
            [W("metrics_quarter"), W("metrics_count"), W("metrics_median"), W("metrics_p90"), W("metrics_mean")],
            quarters.Select(q =>
            {
                var d = q.Durations[kind];
                return new ChartRowView(PeriodLabel(q.Quarter), [I(d.Count), Minutes(d.MedianMinutes, W), Minutes(d.P90Minutes, W), Minutes(d.MeanMinutes, W)]);
            }).ToList());
    }

    private static string PeriodLabel(Period p) => p.IsQuarter ? $"{p.Year.ToString("0000", CultureInfo.InvariantCulture)} Q{p.Quarter}" : p.Key;

    private static bool ShowLabel(IReadOnlyList<Period> periods, int k) =>
        periods.Count <= (periods[k].IsQuarter ? 8 : 12) || periods[k].Month == 1;

    private static string AxisLabel(IReadOnlyList<Period> periods, int k)
    {
        var p = periods[k];
        var oneYear = periods[0].Year == periods[^1].Year;
        if (periods.Count > (p.IsQuarter ? 8 : 12)) return p.Year.ToString("0000", CultureInfo.InvariantCulture);
        if (p.IsQuarter) return oneYear ? $"Q{p.Quarter}" : PeriodLabel(p);
        return oneYear ? p.Month.ToString("00", CultureInfo.InvariantCulture) : p.Key;
    }

    private List<RepeatedTermView> Terms(IReadOnlyList<RepeatedTerm> terms, Taxonomy taxonomy, Func<string, string>? causeWord) =>
        terms.Select(t => new RepeatedTermView(causeWord is null ? t.Name : causeWord("cause_" + t.Slug), Urls.Term(taxonomy.Key, t.Slug),
            t.Incidents, IsoDate.Format(t.First), IsoDate.Format(t.Last))).ToList();

    private string Reason(RepeatOf repeat, Func<string, string> W) => repeat.Reason == RepeatReason.Related
        ? W("metrics_reason_related")
        : W("metrics_reason_fingerprint")
            .Replace("{service}", _serviceNames.GetValueOrDefault(repeat.Service ?? "", repeat.Service ?? ""), StringComparison.Ordinal)
            .Replace("{cause}", W("cause_" + repeat.Cause), StringComparison.Ordinal);

    public IReadOnlyList<SimilarView> Similar(RenderedIncident incident)
    {
        if (!site.Similar.TryGetValue(incident.Id, out var list)) return [];
        var lang = incident.Incident.Language;
        return list.Select(s => new SimilarView(views.Ref(s.Incident), (int)Math.Round(s.Score * 100),
            s.SharedServices.Select(slug => TermLink(site.Services, slug, null)).ToList(),
            s.SharedTags.Select(slug => TermLink(site.Tags, slug, null)).ToList(),
            s.SharedCauses.Select(c => TermLink(site.Causes, c, k => strings.Get(lang, k))).ToList(),
            s.IsRepeat, s.OpenActions, s.OverdueActions)).ToList();
    }

    public IReadOnlyList<OnThisDayView> OnThisDay() => Aggregation.Metrics.OnThisDay.Find(site.Incidents, site.AsOf)
        .Select(i => new OnThisDayView(views.Row(i), site.AsOf.Year - i.Incident.Date.Year)).ToList();

    private LinkView TermLink(Taxonomy taxonomy, string slug, Func<string, string>? causeWord)
    {
        var names = taxonomy.Key == site.Tags.Key ? _tagNames : _serviceNames;
        var name = causeWord is not null ? causeWord("cause_" + slug) : names.GetValueOrDefault(slug, slug);
        return new LinkView(name, Urls.Term(taxonomy.Key, slug));
    }

    private static RateView Rate(string key, string label, int numerator, int denominator) =>
        new(key, label, Percent(numerator, denominator), numerator, denominator);

    public static string Percent(int numerator, int denominator) => denominator == 0
        ? "–"
        : (100.0 * numerator / denominator).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Minutes(double? minutes, Func<string, string> W) =>
        minutes is { } m ? DurationFormatter.Format(TimeSpan.FromMinutes(m), W) : "–";

    private static string Key(DurationKind kind) => kind switch
    {
        DurationKind.Detect => "detect",
        DurationKind.Mitigate => "mitigate",
        _ => "resolve",
    };

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
}
