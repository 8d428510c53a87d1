using KnowledgeBase.Validation.Lints;

namespace KnowledgeBase.Tests.Authoring;

public sealed class TimelineOrderLintTests
{
    private static readonly TimelineOrderLint Rule = new();

    private static string Times(string started, string detected, string mitigated, string resolved, string date = "2024-03-14") =>
        LintHarness.Doc(date: date, extraYaml: $"started: {started}\ndetected: {detected}\nmitigated: {mitigated}\nresolved: {resolved}\n");

    [Fact]
    public void Moments_in_order_pass()
    {
        Assert.Empty(LintHarness.Run(Rule, Times("2024-03-14T09:00:00+01:00", "2024-03-14T09:12:00+01:00", "2024-03-14T09:47:00+01:00", "2024-03-14T11:30:00+01:00")));
        // Equal moments are in order; offsets are compared as instants.
        Assert.Empty(LintHarness.Run(Rule, Times("2024-03-14T09:00:00+01:00", "2024-03-14T08:00:00Z", "2024-03-14T10:00:00+02:00", "2024-03-14T09:30:00Z")));
    }

    [Fact]
    public void A_moment_before_the_previous_one_is_flagged_at_its_field()
    {
        var finding = LintHarness.Single(LintHarness.Run(Rule, Times("2024-03-14T09:00:00+01:00", "2024-03-14T08:50:00+01:00", "2024-03-14T09:47:00+01:00", "2024-03-14T11:30:00+01:00")));
        LintHarness.At(finding, "timeline-order", 7, 11, "detected");
        Assert.Contains("detected (2024-03-14T08:50+01:00) is before started (2024-03-14T09:00+01:00)", finding.Diagnostic.Message);
    }

    [Fact]
    public void Missing_moments_are_skipped_and_the_next_present_one_is_compared()
    {
        var text = LintHarness.Doc(extraYaml: "started: 2024-03-14T09:00:00Z\nresolved: 2024-03-14T08:00:00Z\n");
        LintHarness.At(LintHarness.Single(LintHarness.Run(Rule, text)), "timeline-order", 7, 11, "resolved");
    }

    [Fact]
    public void The_date_is_the_day_the_incident_started()
    {
        var finding = LintHarness.Single(LintHarness.Run(Rule, Times("2024-03-15T00:30:00+01:00", "2024-03-15T00:40:00+01:00", "2024-03-15T01:00:00+01:00", "2024-03-15T02:00:00+01:00")));
        LintHarness.At(finding, "timeline-order", 3, 7, "date");
        Assert.Contains("started is on 2024-03-15", finding.Diagnostic.Message);
    }
}

public sealed class BodyTimelineLintTests
{
    private static readonly BodyTimelineLint Rule = new();

    [Theory]
    [InlineData("en", "## Timeline\n\n- 09:00 — alert fires\n- 09:20 — incident declared\n- **09:05** — first customer report\n- 10:00 — resolved\n")]
    [InlineData("ru", "## Хронология\n\n- 09:00 — сработал алерт\n- 09:20 — объявлен инцидент\n- 09:05 — первое обращение клиента\n")]
    [InlineData("fr", "## Chronologie\n\n- 09h00 — alerte\n- 09h20 — incident déclaré\n- 09h05 — premier signalement client\n")]
    [InlineData("de", "## Zeitleiste\n\n- 09:00 — Alarm\n- 09:20 — Vorfall ausgerufen\n- 09:05 — erste Kundenmeldung\n")]
    public void An_entry_earlier_than_the_one_before_is_flagged_in_every_language(string lang, string body)
    {
        var text = LintHarness.Doc(lang: lang, body: body);
        var finding = LintHarness.Single(LintHarness.Run(Rule, text));
        LintHarness.At(finding, "timeline-entries", LintHarness.BodyLine(text) + 4, 1, "body");
        Assert.Contains("09", finding.Diagnostic.Message);
        Assert.Contains($"line {LintHarness.BodyLine(text) + 3}", finding.Diagnostic.Message);
    }

    [Theory]
    [InlineData("en", "## Timeline\n\n- 09:00 — alert\n- 09:00 — paged\n- 09:20 — declared\n")]
    [InlineData("en", "## Timeline of events\n\n- 23:40 — alert\n- 23:55 — declared\n- 00:10 — mitigated\n- 02:00 — resolved\n")]
    [InlineData("ru", "## Хронология событий\n\n| Время | Событие |\n|---|---|\n| 09:00 | алерт |\n| 09:20 | инцидент |\n")]
    [InlineData("fr", "## Déroulement\n\n- 14h45 — déploiement\n- 14h50 — erreurs\n- 15h00 — retour arrière\n")]
    [InlineData("de", "## Zeitleiste\n\n- **02:30 MESZ** — erster Lauf\n- **02:30 MEZ** — zweiter Lauf\n- **06:10** — erste E-Mails\n- **28.10. 16:00** — bestätigt\n")]
    [InlineData("en", "## Timeline\n\n- 2024-03-14 22:00 — alert\n- 2024-03-15 01:00 — mitigated\n- 2024-03-15 09:00 — resolved\n")]
    [InlineData("en", "## Timeline\n\n### 2024-03-14\n\n- 22:00 — alert\n\n### 2024-03-15\n\n- 08:00 — resolved\n")]
    [InlineData("en", "## Timeline\n\n- first signal, time unknown\n- 09:00 — alert\n\n## Impact\n\n- 08:00 — this list is not the timeline\n")]
    [InlineData("en", "## Summary\n\n- 10:00 — not a timeline\n- 09:00 — still not\n")]
    public void Ordered_entries_midnight_dates_and_other_sections_pass(string lang, string body)
    {
        Assert.Empty(LintHarness.Run(Rule, LintHarness.Doc(lang: lang, body: body)));
    }

    [Fact]
    public void Table_rows_and_explicit_dates_are_compared_as_moments()
    {
        var body = "## Timeline\n\n| Date | Time | Event |\n|---|---|---|\n| 2024-03-15 | 00:10 | mitigated |\n| 2024-03-14 | 23:00 | alert |\n";
        var text = LintHarness.Doc(body: body);
        var finding = LintHarness.Single(LintHarness.Run(Rule, text));
        LintHarness.At(finding, "timeline-entries", LintHarness.BodyLine(text) + 5, 2, "body");
    }

    [Fact]
    public void A_small_step_back_is_not_taken_for_the_next_day()
    {
        var text = LintHarness.Doc(body: "## Timeline\n\n- 14:00 — deploy\n- 13:30 — errors\n");
        Assert.Single(LintHarness.Run(Rule, text));
    }
}
