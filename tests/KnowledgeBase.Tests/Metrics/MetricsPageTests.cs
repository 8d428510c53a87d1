using AngleSharp.Dom;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Metrics;

/// <summary>/metrics/ and its year and service variants, as built HTML: figures, charts, tables and definitions.</summary>
public sealed class MetricsPageTests(MetricsSiteFixture fixture) : IClassFixture<MetricsSiteFixture>
{
    private readonly BuiltSite _site = fixture.Site;

    private static IElement Chart(IDocument page, string id) =>
        page.QuerySelector($"figure[data-chart='{id}']") ?? throw new Xunit.Sdk.XunitException($"chart {id} missing");

    [Fact]
    public void Metrics_page_and_its_static_variants_exist_and_are_linked()
    {
        foreach (var path in new[] { "/metrics/", "/metrics/2024/", "/metrics/2025/", "/metrics/services/api/", "/metrics/services/db/",
                     "/metrics/services/dns/", "/metrics/services/cache/" })
            Assert.True(_site.Exists(path), path);
        var page = _site.Page("/metrics/");
        Assert.Equal(["/kb/metrics/", "/kb/metrics/2025/", "/kb/metrics/2024/"],
            page.QuerySelectorAll("[data-filter=year] a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["/kb/metrics/services/api/", "/kb/metrics/services/cache/", "/kb/metrics/services/db/", "/kb/metrics/services/dns/"],
            page.QuerySelectorAll("[data-filter=service] a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/kb/metrics/", page.QuerySelector("[data-filter=year] a[aria-current=page]")!.GetAttribute("href"));
        Assert.Equal("/kb/metrics/2024/", _site.Page("/metrics/2024/").QuerySelector("[data-filter=year] a[aria-current=page]")!.GetAttribute("href"));
        Assert.NotNull(_site.Page("/").QuerySelector("nav a[href='/kb/metrics/']"));
    }

    [Fact]
    public void Headline_durations_show_median_p90_mean_and_counts()
    {
        var page = _site.Page("/metrics/");
        string Cell(string kind, string stat) => page.QuerySelector($"[data-headline] tr[data-duration={kind}] [data-stat={stat}]")!.TextContent.Trim();
        Assert.Equal("2 h 30 min", Cell("resolve", "median"));   // 150
        Assert.Equal("6 h 30 min", Cell("resolve", "p90"));      // 390
        Assert.Equal("3 h 20 min", Cell("resolve", "mean"));     // 200
        Assert.Equal("15 min", Cell("detect", "median"));
        Assert.Equal("27 min", Cell("detect", "p90"));
        Assert.Equal("16 min", Cell("detect", "mean"));          // 16.25
        Assert.Equal("50 min", Cell("mitigate", "median"));
        var detect = page.QuerySelector("[data-headline] tr[data-duration=detect] [data-stat=count]")!;
        Assert.Equal("4", detect.GetAttribute("data-count"));
        Assert.Equal("1", detect.QuerySelector("[data-inconsistent]")!.GetAttribute("data-inconsistent"));
        Assert.Equal("1", page.QuerySelector("[data-headline] tr[data-duration=resolve] [data-from-detection]")!.GetAttribute("data-from-detection"));
    }

    [Fact]
    public void Incidents_per_month_chart_has_a_bar_per_month_a_segment_per_severity_and_year_labels()
    {
        var chart = Chart(_site.Page("/metrics/"), "chart-incidents-month");
        var bars = chart.QuerySelectorAll("svg g.bar");
        Assert.Equal(23, bars.Length);                                   // 2024-01 … 2025-11
        Assert.Equal("2024-01", bars[0].GetAttribute("data-category"));
        Assert.Equal(7, chart.QuerySelectorAll("svg rect.seg").Length);   // seven incidents in seven months
        Assert.Equal(["2024", "2025"], chart.QuerySelectorAll("svg text.x-label").Select(t => t.TextContent));
        Assert.Equal("SEV1", bars[0].QuerySelector("rect")!.GetAttribute("data-series"));
        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], chart.QuerySelectorAll(".legend li").Select(l => l.TextContent.Trim()));
        Assert.Equal("img", chart.QuerySelector("svg")!.GetAttribute("role"));
        Assert.False(string.IsNullOrWhiteSpace(chart.QuerySelector("svg")!.GetAttribute("aria-label")));
    }

    [Fact]
    public void Every_chart_has_a_table_with_the_same_numbers()
    {
        var page = _site.Page("/metrics/");
        var charts = page.QuerySelectorAll("figure[data-chart]");
        Assert.Equal(5, charts.Length);
        foreach (var chart in charts)
        {
            var bars = chart.QuerySelectorAll("svg g.bar");
            var rows = chart.QuerySelectorAll("table tbody tr");
            Assert.Equal(bars.Length, rows.Length);
            Assert.Equal(bars.Select(b => b.GetAttribute("data-category")!.Replace("-Q", " Q")), rows.Select(r => r.QuerySelector("th")!.TextContent));
        }
        var quarter = Chart(page, "chart-incidents-quarter");
        var totals = quarter.QuerySelectorAll("svg g.bar").Select(b => b.GetAttribute("data-total")).ToList();
        Assert.Equal(["2", "1", "0", "1", "1", "0", "1", "1"], totals);
        Assert.Equal(totals, quarter.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Last().TextContent));
        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], quarter.QuerySelectorAll("thead th").Skip(1).Take(4).Select(t => t.TextContent));
        Assert.Equal(8, quarter.QuerySelectorAll("svg text.x-label").Length);  // eight quarters: each named
    }

    [Fact]
    public void Per_quarter_duration_charts_have_a_median_and_a_p90_bar_per_quarter_with_data()
    {
        var chart = Chart(_site.Page("/metrics/"), "chart-resolve");
        Assert.Equal(8, chart.QuerySelectorAll("svg g.bar").Length);
        // Quarters with a time to resolve: 2024 Q1, Q2, Q4, 2025 Q1, Q3 → two bars each.
        Assert.Equal(10, chart.QuerySelectorAll("svg rect.seg").Length);
        var q1 = chart.QuerySelector("svg g.bar[data-category='2024-Q1']")!;
        Assert.Equal(["150", "174"], q1.QuerySelectorAll("rect").Select(r => r.GetAttribute("data-value")));
        Assert.Equal(["median", "p90"], q1.QuerySelectorAll("rect").Select(r => r.GetAttribute("data-series")));
        var row = chart.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["2", "2 h 30 min", "2 h 54 min", "2 h 30 min"], row);
    }

    [Fact]
    public void A_year_page_charts_its_twelve_months_and_four_quarters()
    {
        var page = _site.Page("/metrics/2024/");
        var months = Chart(page, "chart-incidents-month");
        Assert.Equal(12, months.QuerySelectorAll("svg g.bar").Length);
        Assert.Equal(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"],
            months.QuerySelectorAll("svg text.x-label").Select(t => t.TextContent));
        Assert.Equal(["Q1", "Q2", "Q3", "Q4"], Chart(page, "chart-incidents-quarter").QuerySelectorAll("svg text.x-label").Select(t => t.TextContent));
        Assert.Equal("4", page.QuerySelector("[data-stat=incidents]")!.TextContent);
        var repeat = page.QuerySelector("[data-rate=repeats]")!;
        Assert.Equal(("1", "4"), (repeat.GetAttribute("data-numerator"), repeat.GetAttribute("data-denominator")));
        Assert.Equal("25%", repeat.QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public void Action_rates_and_owners()
    {
        var page = _site.Page("/metrics/");
        (string, string, string) Rate(string key)
        {
            var r = page.QuerySelector($"[data-rate={key}]")!;
            return (r.QuerySelector("strong")!.TextContent, r.GetAttribute("data-numerator")!, r.GetAttribute("data-denominator")!);
        }
        Assert.Equal(("55.6%", "5", "9"), Rate("closure"));
        Assert.Equal(("71.4%", "5", "7"), Rate("past_due_done"));
        Assert.Equal(("22.2%", "2", "9"), Rate("overdue"));
        Assert.Equal(["Team DB", "Team Net", "Procurement", "SRE", "Team API"],
            page.QuerySelectorAll("[data-metrics-owners] tbody tr").Select(r => r.GetAttribute("data-owner")));
        var db = page.QuerySelectorAll("[data-metrics-owners] tr[data-owner='Team DB'] td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["1", "2", "1", "1", "0", "25%"], db);
    }

    [Fact]
    public void Recurrence_share_terms_and_latest_repeats()
    {
        var page = _site.Page("/metrics/");
        var share = page.QuerySelector("[data-rate=repeats]")!;
        Assert.Equal("57.1%", share.QuerySelector("strong")!.TextContent);
        Assert.Equal(["api", "db"], page.QuerySelectorAll("[data-repeated=services] a").Select(a => a.TextContent));
        Assert.Equal(["database", "deploy", "disk"], page.QuerySelectorAll("[data-repeated=tags] a").Select(a => a.TextContent));
        Assert.Equal(["Technology", "Process"], page.QuerySelectorAll("[data-repeated=causes] a").Select(a => a.TextContent));
        Assert.Equal([("f-api", "b-db"), ("e-db", "b-db"), ("d-dns", "c-api"), ("b-db", "a-db")],
            page.QuerySelectorAll("[data-recent-repeats] tbody tr").Select(r => (r.GetAttribute("data-incident"), r.GetAttribute("data-earlier"))));
    }

    [Fact]
    public void Definitions_are_on_the_page()
    {
        var page = _site.Page("/metrics/");
        var definitions = page.QuerySelector("[data-definitions]")!.TextContent;
        Assert.Contains("resolved − started", definitions);
        Assert.Contains("detected − started", definitions);
        Assert.Contains("mitigated − started", definitions);
        Assert.Contains("(n − 1) × p", page.QuerySelector("[data-definition=percentile]")!.TextContent);
        Assert.Contains("detected stands in", page.QuerySelector("[data-definition=start]")!.TextContent);
        Assert.Contains("no completion date", page.QuerySelector("[data-definition=on-time]")!.TextContent);
        Assert.Contains("2026-11-23", page.QuerySelector("[data-definition=on-time]")!.TextContent);
        Assert.Contains("related", page.QuerySelector("[data-definition=repeat]")!.TextContent);
    }

    [Fact]
    public void Metrics_pages_need_no_script()
    {
        foreach (var path in new[] { "/metrics/", "/metrics/2025/", "/metrics/services/db/" })
        {
            var page = _site.Page(path);
            Assert.NotEmpty(page.QuerySelectorAll("svg g.bar"));
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), "inline script on " + path));
        }
    }
}
