using System.Globalization;
using AngleSharp.Dom;

namespace KnowledgeBase.Tests.Site;

/// <summary>
/// The incident page's reader features, built from small knowledge bases and read back as parsed HTML: the summary
/// card, heading anchors, the visual timeline (SVG drawn at build time) with its missing, multi-day, time-zone and
/// hostile cases, and the theme's local fonts and theme switch.
/// </summary>
public sealed class IncidentPageThemeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private BuiltSite BuildOne(string frontMatter, string body, string id = "x")
    {
        var input = Path.Combine(_dir.Path, "in-" + id);
        _dir.Write($"in-{id}/site.yml", "title: T\n");
        _dir.Write($"in-{id}/postmortems/{id}.md", "---\n" + frontMatter.Trim() + "\n---\n" + body);
        var site = BuiltSite.Build(input, Path.Combine(_dir.Path, "out-" + id));
        Assert.True(site.ExitCode == 0, site.Stderr);
        return site;
    }

    private const string Base = "title: Outage\ndate: 2024-03-14\nseverity: SEV2\nsummary: Down.\n";

    private static IElement Svg(IDocument page) =>
        page.QuerySelector("figure[data-timeline] svg.timeline-svg") ?? throw new Xunit.Sdk.XunitException("no timeline SVG");

    private static double X(IElement e, string attribute = "x") => double.Parse(e.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void The_summary_card_shows_severity_status_dates_durations_services_owners_and_action_progress()
    {
        var dir = SmallKnowledgeBase.Create(_dir);
        var site = BuiltSite.Build(dir, Path.Combine(_dir.Path, "out"));
        var card = site.Page("/incidents/tls-expired/").QuerySelector("[data-summary-card]")!;
        Assert.Equal("SEV2", card.QuerySelector("[data-glance=severity]")!.TextContent.Trim());
        Assert.Equal("Published", card.QuerySelector("[data-glance=status]")!.TextContent.Trim());
        Assert.Equal("2024-03-14", card.QuerySelector("[data-glance=date]")!.TextContent.Trim());
        Assert.Equal("12", card.QuerySelector("[data-duration=time_to_detect]")!.GetAttribute("data-minutes"));
        Assert.Equal(["api-gateway", "edge"], card.QuerySelectorAll("[data-glance=services] a").Select(a => a.TextContent).ToArray());
        Assert.Equal("Procurement, SRE, Team Edge", card.QuerySelector("[data-glance=owners]")!.TextContent.Trim());
        var actions = card.QuerySelector("[data-glance=actions]")!;
        Assert.Equal(("1", "4", "1"), (actions.GetAttribute("data-done"), actions.GetAttribute("data-total"), actions.GetAttribute("data-overdue")));
        Assert.Contains("1 of 4 done", actions.TextContent);
        Assert.Contains("1 overdue", actions.TextContent);
        Assert.NotNull(actions.QuerySelector("progress[aria-label]"));
        // Words follow the post-mortem's language.
        var ru = site.Page("/incidents/db-disk-full/").QuerySelector("[data-summary-card]")!;
        Assert.Equal("Коротко", ru.QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public void Body_headings_get_an_anchor_link_to_themselves()
    {
        var page = BuildOne(Base, "## Summary\n\nText.\n\n## What went well\n\nMore.\n").Page("/incidents/x/");
        var heading = page.QuerySelector(".pm-body h2#what-went-well")!;
        var anchor = heading.QuerySelector("a.heading-anchor")!;
        Assert.Equal("#what-went-well", anchor.GetAttribute("href"));
        Assert.Equal("Link to this section", anchor.GetAttribute("aria-label"));
        Assert.Equal("What went well #", heading.TextContent.Trim());
    }

    [Fact]
    public void Body_tables_scroll_in_a_box_a_keyboard_can_reach()
    {
        var page = BuildOne(Base, "## Impact\n\n| Region | Errors |\n|---|---|\n| eu | 12 |\n\n<TABLE><tr><td>raw</td></tr></TABLE>\n").Page("/incidents/x/");
        var boxes = page.QuerySelectorAll(".pm-body div.table-wrap");
        Assert.Equal(2, boxes.Length);
        Assert.Equal(["Table 1", "Table 2"], boxes.Select(b => b.GetAttribute("aria-label")!).ToArray());
        Assert.All(boxes, b =>
        {
            Assert.Equal(("0", "region"), (b.GetAttribute("tabindex"), b.GetAttribute("role")));
            Assert.Equal("TABLE", b.FirstElementChild!.TagName);
        });
    }

    [Fact]
    public void The_timeline_draws_the_key_moments_the_duration_spans_and_the_body_entries()
    {
        var page = BuildOne(Base + "started: 2024-03-14T09:00:00+01:00\ndetected: 2024-03-14T09:12:00+01:00\nmitigated: 2024-03-14T09:47:00+01:00\nresolved: 2024-03-14T11:30:00+01:00\n",
            "## Timeline\n\n- 09:00 — certificate expires\n- 09:12 — support escalates\n- 10:15 — new certificate deployed\n").Page("/incidents/x/");
        var svg = Svg(page);
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("Visual timeline of the incident", svg.QuerySelector("title")!.TextContent);
        Assert.Equal(svg.QuerySelector("title")!.Id, svg.GetAttribute("aria-labelledby"));
        Assert.Equal(svg.QuerySelector("desc")!.Id, svg.GetAttribute("aria-describedby"));
        var desc = svg.QuerySelector("desc")!.TextContent;
        Assert.Contains("Started 09:00", desc);
        Assert.Contains("Time to detect: 12 min", desc);
        Assert.Contains("3 entries in the written timeline", desc);
        Assert.Equal(["started", "detected", "mitigated", "resolved"], svg.QuerySelectorAll("[data-moment]").Select(m => m.GetAttribute("data-moment")!).ToArray());

        var spans = svg.QuerySelectorAll("[data-span]").ToDictionary(s => s.GetAttribute("data-span")!, s => s.QuerySelector("rect")!);
        Assert.Equal(["time_to_detect", "time_to_mitigate", "time_to_resolve"], spans.Keys.ToArray());
        // All spans start at "started"; their widths are in the ratio of the durations (12 : 47 : 150 minutes).
        Assert.Equal(X(spans["time_to_detect"]), X(spans["time_to_resolve"]), 1);
        var unit = X(spans["time_to_resolve"], "width") / 150;
        Assert.Equal(12 * unit, X(spans["time_to_detect"], "width"), 0);
        Assert.Equal(47 * unit, X(spans["time_to_mitigate"], "width"), 0);

        var entries = svg.QuerySelectorAll("circle.tl-entry").ToList();
        Assert.Equal(["2024-03-14T09:00", "2024-03-14T09:12", "2024-03-14T10:15"], entries.Select(e => e.GetAttribute("data-at")!).ToArray());
        Assert.Equal("09:12 — support escalates", entries[1].QuerySelector("title")!.TextContent);
        Assert.True(X(entries[0], "cx") < X(entries[1], "cx") && X(entries[1], "cx") < X(entries[2], "cx"));
        // Axis ticks on round times, in the incident's own clock.
        Assert.Contains("10:00", svg.QuerySelectorAll("text.tl-tick-label").Select(t => t.TextContent));
        Assert.Contains("UTC+01:00", page.QuerySelector("figure[data-timeline] figcaption")!.TextContent);
        // The written timeline stays in the body as the full text version.
        Assert.Equal(3, page.QuerySelectorAll(".pm-body li").Length);
    }

    [Fact]
    public void Moments_in_other_offsets_are_shown_on_the_incidents_clock_and_entries_without_dates_take_the_start_day()
    {
        // Started late on the 13th in New York (the 14th in UTC); detected and resolved written in UTC.
        var page = BuildOne("title: Outage\ndate: 2024-03-13\nseverity: SEV2\nsummary: Down.\nstarted: 2024-03-13T23:30:00-04:00\ndetected: 2024-03-14T03:45:00Z\nresolved: 2024-03-14T06:00:00Z\n",
            "## Timeline\n\n- 23:30 — deploy\n- 23:50 — errors\n- 01:30 — fixed\n").Page("/incidents/x/");
        var svg = Svg(page);
        Assert.Equal("2024-03-13T23:45", svg.QuerySelector("[data-moment=detected]")!.GetAttribute("data-at"));
        Assert.Equal("2024-03-14T02:00", svg.QuerySelector("[data-moment=resolved]")!.GetAttribute("data-at"));
        Assert.Equal(["2024-03-13T23:30", "2024-03-13T23:50", "2024-03-14T01:30"], svg.QuerySelectorAll("circle.tl-entry").Select(e => e.GetAttribute("data-at")!).ToArray());
        // Crossing midnight: the axis names the day.
        Assert.Contains("2024-03-14", svg.QuerySelectorAll("text.tl-tick-day").Select(t => t.TextContent));
        Assert.Contains("UTC−04:00", page.QuerySelector("figure[data-timeline] figcaption")!.TextContent);
    }

    [Fact]
    public void Without_a_start_time_to_detect_is_not_drawn_and_the_page_says_why()
    {
        var page = BuildOne(Base + "detected: 2024-03-14T09:12:00Z\nmitigated: 2024-03-14T09:47:00Z\n", "## Summary\n\nNo timeline section.\n").Page("/incidents/x/");
        var svg = Svg(page);
        Assert.Null(svg.QuerySelector("[data-span=time_to_detect]"));
        Assert.Equal("35", svg.QuerySelector("[data-span=time_to_mitigate]")!.GetAttribute("data-minutes"));
        Assert.Contains("time to detect is not drawn", svg.QuerySelector("desc")!.TextContent);
        Assert.Contains("time to detect is not drawn", page.QuerySelector("[data-start-is-detection]")!.TextContent);
        Assert.Empty(svg.QuerySelectorAll("circle.tl-entry"));
    }

    [Fact]
    public void A_post_mortem_without_moments_or_entries_has_no_timeline_and_entries_alone_make_one()
    {
        Assert.Null(BuildOne(Base, "## Summary\n\nText.\n", "none").Page("/incidents/none/").QuerySelector("figure[data-timeline]"));
        var svg = Svg(BuildOne(Base, "## Zeitleiste\n\n- 10:00 — Alarm\n- 11:00 — behoben\n", "entries").Page("/incidents/entries/"));
        Assert.Empty(svg.QuerySelectorAll("[data-span]"));
        Assert.Equal(2, svg.QuerySelectorAll("circle.tl-entry").Length);
    }

    [Fact]
    public void Entries_far_before_the_incident_are_gathered_at_the_edge_instead_of_squashing_the_axis()
    {
        var svg = Svg(BuildOne(Base + "started: 2024-03-14T09:00:00Z\nresolved: 2024-03-14T11:00:00Z\n",
            "## Timeline\n\n- 2024-02-20 10:00 — slot created\n- 2024-03-14 09:00 — outage\n- 10:00 — fix\n").Page("/incidents/x/"));
        Assert.Equal("1", svg.QuerySelector("[data-zone=earlier]")!.GetAttribute("data-count"));
        Assert.Equal("2024-03-14T09:00", svg.GetAttribute("data-start"));
        var early = svg.QuerySelector("circle.tl-earlier")!;
        Assert.Contains("2024-02-20 10:00", early.QuerySelector("title")!.TextContent);
        var resolve = svg.QuerySelector("[data-moment=resolved] line")!;
        var start = svg.QuerySelector("[data-moment=started] line")!;
        Assert.True(X(resolve, "x1") - X(start, "x1") > 400, "the two hours of the incident fill most of the axis");
    }

    [Fact]
    public void Thousands_of_entries_are_capped_and_the_page_says_so()
    {
        var body = "## Timeline\n\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"- {i / 60 % 24:00}:{i % 60:00} — step {i}\n"));
        var page = BuildOne(Base + "started: 2024-03-14T00:00:00Z\n", body).Page("/incidents/x/");
        var svg = Svg(page);
        Assert.Equal("200", svg.GetAttribute("data-entries"));
        Assert.Equal("3000", svg.GetAttribute("data-total-entries"));
        Assert.Equal(200, svg.QuerySelectorAll("circle.tl-entry").Length);
        Assert.Contains("first 200 of 3000", page.QuerySelector("[data-timeline-capped]")!.TextContent);
        Assert.True(double.Parse(svg.GetAttribute("height")!, CultureInfo.InvariantCulture) < 400, "lanes keep the drawing's height bounded");
    }

    [Fact]
    public void Entry_text_with_markup_is_drawn_as_text()
    {
        var site = BuildOne(Base + "started: 2024-03-14T09:00:00Z\n", "## Timeline\n\n- 09:05 — `<img src=x onerror=alert(1)>` & \"quoted\" <b>bold</b>\n");
        var page = site.Page("/incidents/x/");
        var title = Svg(page).QuerySelector("circle.tl-entry title")!;
        Assert.Equal("09:05 — <img src=x onerror=alert(1)> & \"quoted\" bold", title.TextContent);
        Assert.Empty(Svg(page).QuerySelectorAll("img, b, script"));
    }

    [Fact]
    public void The_timeline_speaks_the_post_mortems_language()
    {
        var svg = Svg(BuildOne("title: Сбой\ndate: 2024-03-14\nseverity: SEV2\nsummary: Сбой.\nlang: ru\nstarted: 2024-03-14T09:00:00+03:00\ndetected: 2024-03-14T09:10:00+03:00\n",
            "## Хронология\n\n- 09:00 — алерт\n").Page("/incidents/x/"));
        Assert.Equal("Наглядная хронология инцидента", svg.QuerySelector("title")!.TextContent);
        Assert.Contains("Время до обнаружения: 10 мин", svg.QuerySelector("desc")!.TextContent);
    }

    [Fact]
    public void Pages_load_local_fonts_and_the_theme_script_without_inline_code()
    {
        var site = BuildOne(Base, "## Summary\n\nText.\n");
        var page = site.Page("/incidents/x/");
        // theme.js runs before the body (no defer) so a chosen theme applies before the first paint.
        var themeScript = page.Head!.QuerySelector("script[src$='assets/js/theme.js']")!;
        Assert.False(themeScript.HasAttribute("defer"));
        Assert.Empty(page.QuerySelectorAll("script:not([src]), style, [style]"));
        Assert.NotNull(page.QuerySelector("button[data-theme-toggle][hidden]"));
        Assert.True(site.Exists("/assets/fonts/inter-latin-wght-normal.woff2"));
        Assert.True(site.Exists("/assets/fonts/inter-cyrillic-wght-normal.woff2"));
        Assert.True(site.Exists("/assets/fonts/Inter-OFL-LICENSE.txt"));
        var css = File.ReadAllText(site.FileOf("/assets/css/site.css"));
        Assert.Contains("url(\"../fonts/inter-cyrillic-wght-normal.woff2\")", css);
        // Nothing from another origin: no absolute URL and no @import.
        Assert.DoesNotMatch(@"url\(\s*[""']?(https?:)?//|@import", css);
    }
}
