using KnowledgeBase.Aggregation;
using KnowledgeBase.Aggregation.Metrics;

namespace KnowledgeBase.Tests.Metrics;

/// <summary>
/// Metrics of <see cref="MetricsKnowledgeBase"/>, checked against answers worked out by hand.
/// <para>Percentiles: linear interpolation between closest ranks, h = (n − 1)·p.</para>
/// </summary>
public sealed class MetricsTests
{
    private static readonly SiteModel Site = MetricsKnowledgeBase.Model();
    private static readonly SiteMetrics Metrics = SiteMetrics.Build(Site);

    [Theory]
    [InlineData(new double[] { 7 }, 0.5, 7)]
    [InlineData(new double[] { 7 }, 0.9, 7)]
    [InlineData(new double[] { 1, 2 }, 0.5, 1.5)]
    [InlineData(new double[] { 1, 2, 3 }, 0.5, 2)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 0.5, 2.5)]
    // p90 of 1..10: h = 9 · 0.9 = 8.1 → 9 + 0.1 · (10 − 9) = 9.1
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    // p90 of 11 values 0..100 step 10: h = 10 · 0.9 = 9 → exactly the 10th value, 90
    [InlineData(new double[] { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 0.9, 90)]
    [InlineData(new double[] { 5, 10, 20, 30 }, 0.9, 27)]
    [InlineData(new double[] { 10, 20 }, 0, 10)]
    [InlineData(new double[] { 10, 20 }, 1, 20)]
    public void Percentile_interpolates_linearly_between_closest_ranks(double[] sorted, double p, double expected) =>
        Assert.Equal(expected, Percentile.Of(sorted, p), 9);

    [Fact]
    public void Percentile_rejects_empty_input_and_out_of_range_fractions()
    {
        Assert.Throws<ArgumentException>(() => Percentile.Of([], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of([1.0], 1.5));
    }

    [Fact]
    public void Time_to_detect_needs_a_recorded_start_and_leaves_out_times_out_of_order()
    {
        // A 10, B 30, D 5, E 20 → [5, 10, 20, 30]; G detected before it started (−10) is left out;
        // C has no start and F no times.
        var d = Metrics.All.Durations.Detect;
        Assert.Equal(4, d.Count);
        Assert.Equal(1, d.Inconsistent);
        Assert.Equal(0, d.FromDetection);
        Assert.Equal(15, d.MedianMinutes!.Value, 9);   // h = 1.5 → 10 + 0.5 · 10
        Assert.Equal(27, d.P90Minutes!.Value, 9);      // h = 2.7 → 20 + 0.7 · 10
        Assert.Equal(16.25, d.MeanMinutes!.Value, 9);  // 65 / 4
    }

    [Fact]
    public void Time_to_mitigate_counts_incidents_measured_from_detection()
    {
        // A 40, B 60, C 20 (from detection), D 60, E 60, G 30 → [20, 30, 40, 60, 60, 60]
        var d = Metrics.All.Durations.Mitigate;
        Assert.Equal(6, d.Count);
        Assert.Equal(1, d.FromDetection);
        Assert.Equal(50, d.MedianMinutes!.Value, 9);   // h = 2.5 → 40 + 0.5 · 20
        Assert.Equal(60, d.P90Minutes!.Value, 9);      // h = 4.5 → 60
        Assert.Equal(45, d.MeanMinutes!.Value, 9);     // 270 / 6
    }

    [Fact]
    public void Time_to_resolve_median_p90_and_mean()
    {
        // A 120, B 180, C 60 (from detection), D 300, E 480, G 60 → [60, 60, 120, 180, 300, 480]
        var d = Metrics.All.Durations.Resolve;
        Assert.Equal(6, d.Count);
        Assert.Equal(1, d.FromDetection);
        Assert.Equal(150, d.MedianMinutes!.Value, 9);  // h = 2.5 → 120 + 0.5 · 60
        Assert.Equal(390, d.P90Minutes!.Value, 9);     // h = 4.5 → 300 + 0.5 · 180
        Assert.Equal(200, d.MeanMinutes!.Value, 9);    // 1200 / 6
    }

    [Fact]
    public void Durations_per_quarter_cover_every_quarter_of_the_range()
    {
        var quarters = Metrics.All.DurationsByQuarter;
        Assert.Equal(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"], quarters.Select(q => q.Quarter.Key));
        var q1 = quarters[0].Durations.Resolve;          // A 120, B 180
        Assert.Equal(2, q1.Count);
        Assert.Equal(150, q1.MedianMinutes!.Value, 9);
        Assert.Equal(174, q1.P90Minutes!.Value, 9);      // h = 0.9 → 120 + 0.9 · 60
        Assert.Equal(0, quarters[2].Durations.Resolve.Count);
        Assert.Null(quarters[2].Durations.Resolve.MedianMinutes);
    }

    [Fact]
    public void Incidents_per_month_and_quarter_are_stacked_by_severity_with_empty_periods()
    {
        var months = Metrics.All.PerMonth;
        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], months.Severities);
        Assert.Equal(23, months.Periods.Count);           // 2024-01 … 2025-11
        Assert.Equal("2024-01", months.Periods[0].Period.Key);
        Assert.Equal("2025-11", months.Periods[^1].Period.Key);
        Assert.Equal(7, months.Total);
        Assert.Equal([1, 0, 0, 0], months.Periods[0].BySeverity);
        Assert.Equal(0, months.Periods[2].Total);          // 2024-03

        var quarters = Metrics.All.PerQuarter.Periods;
        Assert.Equal([1, 1, 0, 0], quarters[0].BySeverity); // A SEV1, B SEV2
        Assert.Equal([0, 0, 1, 0], quarters[1].BySeverity); // C
        Assert.Equal([0, 0, 0, 1], quarters[7].BySeverity); // F
        Assert.Equal([2, 1, 0, 1, 1, 0, 1, 1], quarters.Select(q => q.Total));
    }

    [Fact]
    public void A_year_covers_its_twelve_months_and_four_quarters()
    {
        var y2024 = Metrics.Years.Single(y => y.Scope.Slug == "2024");
        Assert.Equal(4, y2024.Incidents.Count);
        Assert.Equal(12, y2024.PerMonth.Periods.Count);
        Assert.Equal(4, y2024.PerQuarter.Periods.Count);
        Assert.Equal("metrics/2024/", y2024.Scope.SitePath);
        Assert.Equal(["2025", "2024"], Metrics.Years.Select(y => y.Scope.Slug));
    }

    [Fact]
    public void Action_closure_rates()
    {
        var a = Metrics.All.Actions;
        Assert.Equal(10, a.Total);
        Assert.Equal(5, a.Done);
        Assert.Equal(1, a.WontDo);
        Assert.Equal(3, a.Open);
        Assert.Equal(1, a.InProgress);
        Assert.Equal(2, a.Overdue);                         // B's open action, D's open action
        Assert.Equal(5.0 / 9, a.ClosureRate!.Value, 9);     // done ÷ (10 − 1 won't do)
        Assert.Equal(7, a.PastDue);                         // due before 2026-11-23, won't-do left out
        Assert.Equal(5, a.PastDueDone);
        Assert.Equal(5.0 / 7, a.PastDueDoneRate!.Value, 9);
        Assert.Equal(2.0 / 9, a.OverdueShare!.Value, 9);
        Assert.Equal(a.PastDue, a.PastDueDone + a.Overdue); // past due and not done = overdue
    }

    [Fact]
    public void Open_and_overdue_by_owner_merges_spellings_and_puts_overdue_first()
    {
        var owners = Metrics.All.Owners;
        Assert.Equal(["Team DB", "Team Net", "Procurement", "SRE", "Team API"], owners.Select(o => o.Owner));
        var db = owners[0].Actions;
        Assert.Equal((2, 1, 1, 1, 4), (db.Open, db.InProgress, db.Overdue, db.Done, db.Total));
        var sre = owners.Single(o => o.Owner == "SRE").Actions;  // "SRE" ×2 and "sre" ×1 merge
        Assert.Equal(3, sre.Done);
        Assert.Equal(1.0, sre.ClosureRate);
        Assert.Null(owners.Single(o => o.Owner == "Procurement").Actions.ClosureRate); // only won't do
    }

    [Fact]
    public void Repeats_by_shared_service_and_cause_or_related_link_to_an_earlier_incident()
    {
        var r = Metrics.Repeats;
        Assert.Equal(["b-db", "d-dns", "e-db", "f-api"], r.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("a-db", RepeatReason.SameServiceAndCause, "db", "technology"), (r["b-db"].Earlier.Id, r["b-db"].Reason, r["b-db"].Service, r["b-db"].Cause));
        Assert.Equal(("c-api", RepeatReason.Related), (r["d-dns"].Earlier.Id, r["d-dns"].Reason)); // d lists c in related
        Assert.Equal("b-db", r["e-db"].Earlier.Id);          // the most recent earlier one with db + technology
        Assert.Equal(("b-db", "api", "process"), (r["f-api"].Earlier.Id, r["f-api"].Service, r["f-api"].Cause));
        Assert.False(r.ContainsKey("c-api"));                // linked to d, but d is later
    }

    [Fact]
    public void Recurrence_share_and_repeated_terms_per_scope()
    {
        var all = Metrics.All.Recurrence;
        Assert.Equal((4, 7), (all.Repeats, all.Incidents));
        Assert.Equal(4.0 / 7, all.RepeatShare!.Value, 9);
        Assert.Equal([("api", 3), ("db", 3)], all.Services.Select(t => (t.Slug, t.Incidents)));
        Assert.Equal([("database", 3), ("deploy", 2), ("disk", 2)], all.Tags.Select(t => (t.Slug, t.Incidents)));
        Assert.Equal([("technology", 3), ("process", 2)], all.Causes.Select(t => (t.Slug, t.Incidents)));
        Assert.Equal(["f-api", "e-db", "d-dns", "b-db"], all.RecentRepeats.Select(x => x.Incident.Id));

        // Earlier incidents are looked for in every year, so 2025's three incidents all repeat older ones.
        Assert.Equal((1, 4), (Metrics.Years.Single(y => y.Scope.Slug == "2024").Recurrence.Repeats, 4));
        Assert.Equal(1.0, Metrics.Years.Single(y => y.Scope.Slug == "2025").Recurrence.RepeatShare);
        var api = Metrics.Services.Single(s => s.Scope.Slug == "api");
        Assert.Equal((2, 3), (api.Recurrence.Repeats, api.Recurrence.Incidents)); // b, f repeat; c does not
    }

    [Fact]
    public void Same_day_incidents_repeat_only_when_the_earlier_start_is_known()
    {
        var sameDay = new Dictionary<string, string>
        {
            ["postmortems/x.md"] = "---\nid: x\ntitle: X\ndate: 2024-01-01\nseverity: SEV2\nsummary: s\nservices: [db]\ncause_categories: [process]\nstarted: 2024-01-01T08:00:00Z\n---\nBody.\n",
            ["postmortems/y.md"] = "---\nid: y\ntitle: Y\ndate: 2024-01-01\nseverity: SEV2\nsummary: s\nservices: [db]\ncause_categories: [process]\nstarted: 2024-01-01T09:00:00Z\n---\nBody.\n",
            ["postmortems/z.md"] = "---\nid: z\ntitle: Z\ndate: 2024-01-01\nseverity: SEV2\nsummary: s\nservices: [db]\ncause_categories: [process]\n---\nBody.\n",
        };
        var site = MetricsKnowledgeBase.ModelOf(sameDay, MetricsKnowledgeBase.AsOf);
        var repeats = Recurrence.Find(site.Incidents, site.ById);
        Assert.Equal(["y"], repeats.Keys);
        Assert.Equal("x", repeats["y"].Earlier.Id);
    }

    [Theory]
    [InlineData("2026-11-23", new[] { "f-api", "g-cache" })]
    [InlineData("2025-11-23", new[] { "g-cache" })]      // only earlier years, never the as-of year itself
    [InlineData("2026-11-24", new string[0])]
    public void On_this_day_uses_the_as_of_date(string asOf, string[] expected) =>
        Assert.Equal(expected, OnThisDay.Find(Site.Incidents, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)).Select(i => i.Id));

    [Fact]
    public void On_this_day_shows_leap_day_incidents_on_the_28th_of_common_years()
    {
        var files = new Dictionary<string, string>
        {
            ["postmortems/leap.md"] = "---\nid: leap\ntitle: L\ndate: 2024-02-29\nseverity: SEV2\nsummary: s\n---\nBody.\n",
            ["postmortems/eve.md"] = "---\nid: eve\ntitle: E\ndate: 2023-02-28\nseverity: SEV2\nsummary: s\n---\nBody.\n",
        };
        var site = MetricsKnowledgeBase.ModelOf(files, MetricsKnowledgeBase.AsOf);
        Assert.Equal(["leap", "eve"], OnThisDay.Find(site.Incidents, new DateOnly(2025, 2, 28)).Select(i => i.Id));
        Assert.Equal(["leap"], OnThisDay.Find(site.Incidents, new DateOnly(2028, 2, 29)).Select(i => i.Id));
        Assert.Equal(["eve"], OnThisDay.Find(site.Incidents, new DateOnly(2028, 2, 28)).Select(i => i.Id));
    }
}
