using KnowledgeBase.Aggregation;
using KnowledgeBase.Model;
using KnowledgeBase.Rendering.Views;

namespace KnowledgeBase.Rendering;

/// <summary>
/// Lists every page of the site. Values are produced lazily per page so that rendering can stream pages to disk
/// without holding every page model in memory.
/// </summary>
public sealed class PagePlanner(SiteModel site, ViewFactory views, UiStrings strings)
{
    public const int LatestOnHome = 10;
    public static readonly IReadOnlyList<string> Templates =
        ["layout", "home", "incidents", "incident", "taxonomy", "term", "lessons", "lesson-group", "actions", "onboarding", "search", "not-found",
         "metrics", "metrics-chart", "onboarding-print", "incident-row"];

    private string Lang => site.Settings.DefaultLanguage;

    // Metrics, similar incidents and "on this day" (issue 8); metrics are computed here if no stage did.
    private readonly MetricsViewFactory _metrics = new(site.Metrics is null ? site with { Metrics = Aggregation.Metrics.SiteMetrics.Build(site) } : site, views, strings);
    private string W(string key) => strings.Get(Lang, key);

    public IEnumerable<PagePlan> Plan()
    {
        yield return new PagePlan("", "home", Lang, site.Settings.Title, Home);
        yield return new PagePlan("incidents/", "incidents", Lang, W("incidents"),
            () => new Dictionary<string, object?> { ["incidents"] = views.Rows(site.Incidents) });
        foreach (var incident in site.Incidents)
        {
            var captured = incident;
            yield return new PagePlan(incident.Path, "incident", incident.Incident.Language, incident.Incident.Title,
                () => new Dictionary<string, object?> { ["incident"] = views.Page(captured), ["similar"] = _metrics.Similar(captured) });
        }
        foreach (var taxonomy in site.Taxonomies)
        {
            var tax = taxonomy;
            var title = W("taxonomy_" + tax.Key);
            yield return new PagePlan(tax.Key + "/", "taxonomy", Lang, title,
                () => new Dictionary<string, object?> { ["taxonomy"] = TaxonomyView(tax) });
            foreach (var term in tax.Terms)
            {
                var t = term;
                var name = TermName(tax, t);
                yield return new PagePlan($"{tax.Key}/{t.Slug}/", "term", Lang, $"{title}: {name}",
                    () => new Dictionary<string, object?>
                    {
                        ["term"] = new TermView(tax.Key, name, views.Urls.Term(tax.Key, t.Slug), t.Incidents.Count, views.Rows(t.Incidents)),
                        ["taxonomy"] = new LinkView(title, views.Urls.Page(tax.Key + "/")),
                    });
            }
        }
        yield return new PagePlan("lessons/", "lessons", Lang, W("lessons"), Lessons);
        foreach (var page in LessonGroupPages()) yield return page;
        yield return new PagePlan("actions/", "actions", Lang, W("actions"), Actions);
        yield return new PagePlan("onboarding/", "onboarding", Lang, W("onboarding"), () => new Dictionary<string, object?>
        {
            ["steps"] = site.Onboarding.Select((r, index) => new OnboardingStepView(index + 1, views.Row(r), r.Lessons, ViewFactory.ReadingMinutes(r))).ToList(),
        });
        yield return new PagePlan("onboarding/print/", "onboarding-print", Lang, W("onboarding_print_title"), () => new Dictionary<string, object?>
        {
            ["steps"] = site.Onboarding.Select((r, index) => new OnboardingStepView(index + 1, views.Row(r), r.Lessons, ViewFactory.ReadingMinutes(r))).ToList(),
        });
        foreach (var page in MetricsPages()) yield return page;
        yield return new PagePlan("search/", "search", Lang, W("search"), () => new Dictionary<string, object?>());
        yield return new PagePlan("404.html", "not-found", Lang, W("not_found"), () => new Dictionary<string, object?>());
    }

    private string TermName(Taxonomy tax, TaxonomyTerm term) => tax.Key == "causes" ? W("cause_" + term.Slug) : term.Name;

    private TaxonomyView TaxonomyView(Taxonomy tax) => new(tax.Key, W("taxonomy_" + tax.Key), views.Urls.Page(tax.Key + "/"),
        tax.Terms.Select(t => new LinkView(TermName(tax, t), views.Urls.Term(tax.Key, t.Slug), t.Incidents.Count)).ToList());

    private IReadOnlyDictionary<string, object?> Home()
    {
        var actions = site.Actions;
        return new Dictionary<string, object?>
        {
            ["total_incidents"] = site.Incidents.Count,
            ["total_actions"] = actions.Count,
            ["open_actions"] = actions.Count(a => a.Action.Status is ActionStatus.Open or ActionStatus.InProgress),
            ["overdue_actions"] = actions.Count(a => a.IsOverdue),
            ["total_lessons"] = site.Lessons.Count,
            ["latest"] = views.Rows(site.Incidents.Take(LatestOnHome)),
            ["taxonomies"] = site.Taxonomies.Select(TaxonomyView).ToList(),
            ["onboarding_count"] = site.Onboarding.Count,
            ["on_this_day"] = _metrics.OnThisDay(),
        };
    }

    /// <summary>/metrics/ for all incidents, /metrics/&lt;year&gt;/ per year and /metrics/services/&lt;slug&gt;/ per service.</summary>
    private IEnumerable<PagePlan> MetricsPages()
    {
        var metrics = _metrics.Metrics;
        foreach (var report in metrics.Reports)
        {
            var r = report;
            var title = r.Scope.Name is { } name ? $"{W("metrics")}: {name}" : W("metrics");
            yield return new PagePlan(r.Scope.SitePath, "metrics", Lang, title,
                () => new Dictionary<string, object?> { ["metrics"] = _metrics.Page(r, Lang) });
        }
    }

    /// <summary>
    /// Lessons per tag and per cause category. The overview shows the first few of each group and links to a page
    /// per group with all of them: listing every lesson under every tag on one page grows to tens of megabytes
    /// at 10,000 post-mortems.
    /// </summary>
    public const int LessonsPerGroupOnOverview = 5;

    private LessonView Lesson(string text, RenderedIncident incident) => new(text, incident.Incident.Language, views.Ref(incident));

    private static string LessonGroupPath(Taxonomy tax, TaxonomyTerm term) => $"lessons/{tax.Key}/{term.Slug}/";

    private LessonGroupView LessonGroup(Taxonomy tax, TaxonomyTerm term, int? limit)
    {
        var all = term.Incidents.SelectMany(i => i.Lessons.Select(l => (Text: l, Incident: i)));
        var shown = (limit is { } n ? all.Take(n) : all).Select(x => Lesson(x.Text, x.Incident)).ToList();
        return new LessonGroupView(TermName(tax, term), views.Urls.Term(tax.Key, term.Slug),
            views.Urls.LessonGroup(tax.Key, term.Slug),
            term.Incidents.Sum(i => i.Lessons.Count), shown);
    }

    private IEnumerable<PagePlan> LessonGroupPages()
    {
        foreach (var tax in new[] { site.Tags, site.Causes })
            foreach (var term in tax.Terms.Where(t => t.Incidents.Any(i => i.Lessons.Count > 0)))
            {
                var (t, x) = (term, tax);
                yield return new PagePlan(LessonGroupPath(tax, term), "lesson-group", Lang, $"{W("lessons")}: {TermName(tax, term)}",
                    () => new Dictionary<string, object?> { ["group"] = LessonGroup(x, t, null) });
            }
    }

    private IReadOnlyDictionary<string, object?> Lessons()
    {
        List<LessonGroupView> Groups(Taxonomy tax) => tax.Terms
            .Where(t => t.Incidents.Any(i => i.Lessons.Count > 0))
            .Select(t => LessonGroup(tax, t, LessonsPerGroupOnOverview))
            .ToList();
        List<LessonView> Ungrouped(Func<RenderedIncident, bool> hasNone) =>
            site.Lessons.Where(e => hasNone(e.Incident)).Select(e => Lesson(e.Text, e.Incident)).ToList();
        return new Dictionary<string, object?>
        {
            ["total"] = site.Lessons.Count,
            ["by_tag"] = Groups(site.Tags),
            ["untagged"] = Ungrouped(i => i.Incident.Tags.Count == 0),
            ["by_cause"] = Groups(site.Causes),
            ["uncategorized"] = Ungrouped(i => i.Incident.CauseCategories.Count == 0),
        };
    }

    private IReadOnlyDictionary<string, object?> Actions()
    {
        var entries = site.Actions;
        string[] statuses = ["overdue", "open", "in-progress", "done", "wont-do"];
        var counts = statuses.Select(s => new CountView(s, W("status_" + s), entries.Count(e => e.StatusKey == s))).ToList();
        var byOwner = entries.GroupBy(e => e.Action.Owner, StringComparer.Ordinal)
            .Select(g => new OwnerCountsView(g.Key,
                g.Count(e => e.StatusKey == "open"), g.Count(e => e.StatusKey == "in-progress"), g.Count(e => e.IsOverdue),
                g.Count(e => e.StatusKey == "done"), g.Count(e => e.StatusKey == "wont-do"), g.Count()))
            .OrderByDescending(o => o.Overdue).ThenByDescending(o => o.Open + o.InProgress).ThenBy(o => o.Owner, StringComparer.Ordinal)
            .ToList();
        return new Dictionary<string, object?>
        {
            ["actions"] = entries.Select(e => views.Action(e.Action, e.Incident, Lang)).ToList(),
            ["counts"] = counts,
            ["owners"] = byOwner,
            ["as_of"] = IsoDate.Format(site.AsOf),
        };
    }
}
