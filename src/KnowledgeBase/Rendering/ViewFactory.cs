using System.Globalization;
using KnowledgeBase.Aggregation;
using KnowledgeBase.Model;
using KnowledgeBase.Rendering.Timeline;
using KnowledgeBase.Rendering.Views;

namespace KnowledgeBase.Rendering;

/// <summary>
/// Turns the aggregated site into the pre-formatted view records the templates read; row views are built once per
/// incident, when first needed (kb serve renders one page of 10,000 incidents without building every row).
/// </summary>
public sealed class ViewFactory
{
    private readonly SiteModel _site;
    private readonly SiteUrls _urls;
    private readonly UiStrings _strings;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IncidentRowView> _rows = new(StringComparer.Ordinal);

    public ViewFactory(SiteModel site, SiteUrls urls, UiStrings strings)
    {
        _site = site;
        _urls = urls;
        _strings = strings;
    }

    public SiteUrls Urls => _urls;

    public IncidentRowView Row(RenderedIncident incident) => _rows.GetOrAdd(incident.Id, static (_, x) => x.Self.BuildRow(x.Incident), (Self: this, Incident: incident));

    public IReadOnlyList<IncidentRowView> Rows(IEnumerable<RenderedIncident> incidents) => incidents.Select(Row).ToList();

    public IncidentRefView Ref(RenderedIncident i) => new(i.Id, i.Incident.Title, _urls.Incident(i.Id),
        IsoDate.Format(i.Incident.Date), i.Incident.Severity, Slug.From(i.Incident.Severity), i.Incident.Language);

    private IncidentRowView BuildRow(RenderedIncident r)
    {
        var i = r.Incident;
        var actions = i.Actions;
        var done = actions.Count(a => a.Status == ActionStatus.Done);
        var countable = actions.Count(a => a.Status != ActionStatus.WontDo);
        var overdue = actions.Count(a => a.IsOverdue(_site.AsOf));
        var open = actions.Count(a => a.Status is ActionStatus.Open or ActionStatus.InProgress);
        var services = i.Services.Select(s => new LinkView(s, _urls.TermOf(_site.Services, s))).ToList();
        var tags = i.Tags.Select(t => new LinkView(t, _urls.TermOf(_site.Tags, t))).ToList();
        return new IncidentRowView(i.Id, _urls.Incident(i.Id), i.Title, IsoDate.Format(i.Date), I(i.Date.Year), i.Severity,
            Slug.From(i.Severity), _urls.TermOf(_site.Severities, i.Severity), i.Summary, i.Language, services, tags,
            done, actions.Count, overdue, open, countable == 0 ? 100 : done * 100 / countable,
            string.Join(", ", i.Services), string.Join(", ", i.Tags));
    }

    public IncidentPageView Page(RenderedIncident r)
    {
        var i = r.Incident;
        var lang = i.Language;
        string W(string key) => _strings.Get(lang, key);
        var t = i.Times;
        var moments = new List<MomentView>();
        void Moment(string key, DateTimeOffset? value)
        {
            if (value is { } v) moments.Add(new MomentView(key, W(key), v.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Offset(v.Offset)));
        }
        Moment("started", t.Started);
        Moment("detected", t.Detected);
        Moment("mitigated", t.Mitigated);
        Moment("resolved", t.Resolved);

        var durations = new List<DurationView>();
        void Duration(string key, TimeSpan? span)
        {
            if (span is { } s) durations.Add(new DurationView(key, W(key), DurationFormatter.Format(s, W), (long)Math.Round(s.TotalMinutes)));
        }
        Duration("time_to_detect", t.TimeToDetect);
        Duration("time_to_mitigate", t.TimeToMitigate);
        Duration("time_to_resolve", t.TimeToResolve);

        var referencedBy = _site.ReferencedBy.TryGetValue(i.Id, out var refs) ? refs.Select(Ref).ToList() : [];
        var related = i.Related.Where(_site.ById.ContainsKey).Select(id => Ref(_site.ById[id])).ToList();
        var edit = _site.Settings.EditUrl is { } prefix
            ? prefix + Slug.EscapePath(i.SourcePath)
            : null;

        return new IncidentPageView(Row(r), i.Authors, i.Facilitator, i.DetectedBy, moments, durations, t.StartIsDetection,
            i.Impact.Select(x => new ImpactView(x.Key, x.Value)).ToList(), BodyTables.Wrap(HeadingAnchors.Add(r.Body.Html.ToString(), W("anchor_link")), W("table")), r.Lessons,
            i.Actions.Select(a => Action(a, r, lang)).ToList(), related, referencedBy, edit,
            i.CauseCategories.Select(c => new LinkView(W("cause_" + c), _urls.TermOf(_site.Causes, c))).ToList(),
            i.Onboarding, r.Body.Headings.Where(h => h.Level is 2 or 3 && h.Anchor.Length > 0).Select(h => new HeadingView(h.Level, h.Text, h.Anchor)).ToList(),
            ReadingMinutes(r), StatusKey(i.Status), W("incident_status_" + StatusKey(i.Status)),
            i.Actions.Select(a => a.Owner).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList(),
            Timeline(r, W));
    }

    private static string StatusKey(IncidentStatus status) => status switch
    {
        IncidentStatus.Draft => "draft",
        IncidentStatus.Review => "review",
        _ => "published",
    };

    private static TimelineView? Timeline(RenderedIncident r, Func<string, string> word)
    {
        var timeline = IncidentTimeline.From(r.Incident.Times, r.Body.Timeline ?? [], word);
        if (timeline.IsEmpty) return null;
        return new TimelineView(TimelineSvg.Draw("timeline-" + r.Id, timeline, word), Offset(timeline.Offset),
            timeline.Entries.Count, timeline.TotalEntries, timeline.Capped, timeline.StartIsDetection);
    }

    public static int ReadingMinutes(RenderedIncident r) => Math.Max(1, (int)Math.Ceiling(r.Body.WordCount / 200.0));

    public ActionView Action(ActionItem a, RenderedIncident r, string lang)
    {
        var status = a.EffectiveStatusKey(_site.AsOf);
        return new ActionView(a.Title, a.Owner, IsoDate.Format(a.Due), status, _strings.Get(lang, "status_" + status),
            ActionItem.PriorityKey(a.Priority), _strings.Get(lang, "priority_" + ActionItem.PriorityKey(a.Priority)),
            a.Success, a.Link, a.IsOverdue(_site.AsOf), Ref(r));
    }

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Offset(TimeSpan offset) => offset == TimeSpan.Zero
        ? "UTC"
        : "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
