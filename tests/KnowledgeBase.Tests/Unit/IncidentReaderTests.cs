using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class IncidentReaderTests
{
    private const string File = "postmortems/2024/db-disk-full.md";

    // ---- a valid file and its defaults ----

    [Fact]
    public void Reads_the_required_fields_and_applies_the_contract_defaults()
    {
        var incident = Pm.ReadValid(Pm.Doc(body: "## Summary\n\nText.\n"));

        Assert.Equal("db-disk-full", incident.Id);
        Assert.Equal(File, incident.SourcePath);
        Assert.Equal("Disk full", incident.Title);
        Assert.Equal(new DateOnly(2024, 3, 14), incident.Date);
        Assert.Equal("SEV2", incident.Severity);
        Assert.Equal("The primary database stopped.", incident.Summary);
        Assert.Equal(IncidentStatus.Published, incident.Status);
        Assert.Equal(Visibility.Internal, incident.Visibility);
        Assert.Equal("en", incident.Language);
        Assert.Null(incident.Lessons);
        Assert.Null(incident.Onboarding);
        Assert.False(incident.Times.Any);
        Assert.Empty(incident.Tags);
        Assert.Empty(incident.Actions);
        Assert.Empty(incident.Impact);
        Assert.Equal("## Summary\n\nText.\n", incident.Body);
        Assert.Equal(7, incident.BodyLine);
        Assert.Equal(new SourcePosition(1, 1), incident.IdPosition);
    }

    [Fact]
    public void Language_defaults_to_the_site_setting()
    {
        var incident = Pm.ReadValid(Pm.Doc(), new SiteSettings { DefaultLanguage = "de" });

        Assert.Equal("de", incident.Language);
    }

    [Fact]
    public void Action_status_defaults_to_open_and_priority_to_medium()
    {
        var incident = Pm.ReadValid(Pm.Doc("actions:\n  - title: Rotate logs\n    owner: dba-team\n    due: 2024-04-01\n"));

        var action = Assert.Single(incident.Actions);
        Assert.Equal(new ActionItem("Rotate logs", "dba-team", new DateOnly(2024, 4, 1), ActionStatus.Open, ActionPriority.Medium, null, null), action);
    }

    [Fact]
    public void Reads_every_optional_field()
    {
        var incident = Pm.ReadValid(Pm.Doc("""
            id: pg-wal-disk
            lang: ru
            status: review
            visibility: public
            services: [postgres, billing]
            tags: [Database, disk, database]
            cause_categories: [process, technology, process]
            authors: [Anna, Boris]
            facilitator: Chen
            detected_by: Disk alert
            started: 2024-03-14T09:00:00+02:00
            detected: 2024-03-14T09:12+02:00
            mitigated: 2024-03-14 09:40:00 +02:00
            resolved: 2024-03-14T08:05:00Z
            impact:
              users_affected: 10%
              orders_lost: 1200
              revenue: "~40k EUR"
            related: [cache-outage]
            onboarding: 3
            lessons:
              - Rotate logs
              - Alert on disk
            actions:
              - title: Rotate WAL
                owner: dba-team
                due: 2024-04-01
                status: in-progress
                priority: high
                success: Disk below 70%
                link: https://tracker.example.com/DBA-1
              - title: Write runbook
                owner: sre
                due: 2024-05-01
                status: wont-do
                priority: low
                link: mailto:sre@example.com

            """));

        Assert.Equal("pg-wal-disk", incident.Id);
        Assert.Equal(new SourcePosition(6, 5), incident.IdPosition);
        Assert.Equal("ru", incident.Language);
        Assert.Equal(IncidentStatus.Review, incident.Status);
        Assert.Equal(Visibility.Public, incident.Visibility);
        Assert.Equal(["postgres", "billing"], incident.Services);
        Assert.Equal(["Database", "disk"], incident.Tags);
        Assert.Equal(["process", "technology"], incident.CauseCategories);
        Assert.Equal(["Anna", "Boris"], incident.Authors);
        Assert.Equal("Chen", incident.Facilitator);
        Assert.Equal("Disk alert", incident.DetectedBy);
        Assert.Equal(new DateTimeOffset(2024, 3, 14, 9, 0, 0, TimeSpan.FromHours(2)), incident.Times.Started);
        Assert.Equal(TimeSpan.FromHours(2), incident.Times.Started!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 3, 14, 9, 12, 0, TimeSpan.FromHours(2)), incident.Times.Detected);
        Assert.Equal(new DateTimeOffset(2024, 3, 14, 9, 40, 0, TimeSpan.FromHours(2)), incident.Times.Mitigated);
        Assert.Equal(new DateTimeOffset(2024, 3, 14, 8, 5, 0, TimeSpan.Zero), incident.Times.Resolved);
        Assert.Equal(TimeSpan.FromMinutes(65), incident.Times.TimeToResolve);
        Assert.Equal(
            [new ImpactEntry("users_affected", "10%"), new ImpactEntry("orders_lost", "1200"), new ImpactEntry("revenue", "~40k EUR")],
            incident.Impact);
        Assert.Equal(["cache-outage"], incident.Related);
        Assert.Equal([new SourcePosition(24, 11)], incident.RelatedPositions);
        Assert.Equal(3, incident.Onboarding);
        Assert.Equal(new SourcePosition(25, 13), incident.OnboardingPosition);
        Assert.Equal(["Rotate logs", "Alert on disk"], incident.Lessons);
        Assert.Equal(
        [
            new ActionItem("Rotate WAL", "dba-team", new DateOnly(2024, 4, 1), ActionStatus.InProgress, ActionPriority.High, "Disk below 70%", "https://tracker.example.com/DBA-1"),
            new ActionItem("Write runbook", "sre", new DateOnly(2024, 5, 1), ActionStatus.WontDo, ActionPriority.Low, null, "mailto:sre@example.com"),
        ], incident.Actions);
        Assert.Equal(44, incident.BodyLine);
    }

    // ---- required fields ----

    [Fact]
    public void Every_missing_required_field_is_reported_at_once_on_line_one()
    {
        var (incident, diagnostics) = Pm.Read("---\ntags: [dns]\n---\nBody\n");

        Assert.Null(incident);
        Assert.Equal(4, diagnostics.Count);
        Assert.All(diagnostics, d => DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 1, 1, d.Field));
        Assert.Equal(["title", "date", "severity", "summary"], diagnostics.Select(d => d.Field));
        foreach (var d in diagnostics)
            Assert.Contains($"missing required field '{d.Field}'", d.Message);
        Assert.Contains("SEV1, SEV2, SEV3, SEV4", diagnostics.Single(d => d.Field == "severity").Message);
        Assert.Contains("YYYY-MM-DD", diagnostics.Single(d => d.Field == "date").Message);
    }

    [Fact]
    public void Problems_in_different_fields_are_all_reported_not_only_the_first()
    {
        var (incident, diagnostics) = Pm.Read("""
            ---
            title: T
            date: 14.03.2024
            severity: SEV9
            lang: english
            onboarding: 0
            ---
            Body

            """);

        Assert.Null(incident);
        Assert.Equal(
        [
            ("summary", 1, 1),
            ("date", 3, 7),
            ("severity", 4, 11),
            ("lang", 5, 7),
            ("onboarding", 6, 13),
        ], diagnostics.Where(d => d.IsError).Select(d => (d.Field, d.Line, d.Column)).OrderBy(x => x.Line).ToList());
    }

    [Fact]
    public void A_required_field_without_value_is_an_error_at_the_field()
    {
        var d = Pm.SingleError("---\ntitle:\ndate: 2024-03-14\nseverity: SEV2\nsummary: S\n---\n");

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 2, 7, "title");
        Assert.Contains("expected a text value, found nothing", d.Message);
    }

    [Fact]
    public void A_list_where_text_is_expected_is_an_error()
    {
        var d = Pm.SingleError("---\ntitle: [a, b]\ndate: 2024-03-14\nseverity: SEV2\nsummary: S\n---\n");

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 2, 8, "title");
        Assert.Contains("found a list", d.Message);
    }

    // ---- dates and times ----

    [Theory]
    [InlineData("2024-3-14")]
    [InlineData("14.03.2024")]
    [InlineData("2024-02-30")]
    [InlineData("2024-03-14T10:00:00Z")]
    [InlineData("yesterday")]
    public void A_date_not_written_as_yyyy_mm_dd_is_located_at_its_value(string value)
    {
        var d = Pm.SingleError($"---\ntitle: T\ndate: {value}\nseverity: SEV2\nsummary: S\n---\n");

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 3, 7, "date");
        Assert.Contains("YYYY-MM-DD", d.Message);
        Assert.Contains($"'{value}'", d.Message);
    }

    [Theory]
    [InlineData("2024-03-14T09:12:00")]
    [InlineData("2024-03-14 09:12")]
    [InlineData("2024-03-14")]
    [InlineData("09:12")]
    public void A_date_time_without_offset_is_rejected(string value)
    {
        var d = Pm.SingleError(Pm.Doc($"detected: {value}\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 11, "detected");
        Assert.Contains("offset", d.Message);
        Assert.Contains($"'{value}'", d.Message);
    }

    [Theory]
    [InlineData("2024-03-14T09:12:00+01:00", 8, 12, 1)]
    [InlineData("2024-03-14T09:12+01:00", 8, 12, 1)]
    [InlineData("2024-03-14T08:12:00Z", 8, 12, 0)]
    [InlineData("2024-03-14T08:12:00.500Z", 8, 12, 0)]
    [InlineData("2024-03-14 09:12:00 +01:00", 8, 12, 1)]
    public void Date_times_with_offset_or_z_are_accepted(string value, int utcHour, int utcMinute, int offsetHours)
    {
        var incident = Pm.ReadValid(Pm.Doc($"started: {value}\n"));

        var started = incident.Times.Started!.Value;
        Assert.Equal((utcHour, utcMinute), (started.UtcDateTime.Hour, started.UtcDateTime.Minute));
        Assert.Equal(TimeSpan.FromHours(offsetHours), started.Offset);
    }

    // ---- enumerations ----

    [Fact]
    public void A_severity_outside_the_site_list_names_the_allowed_values()
    {
        var d = Pm.SingleError("---\ntitle: T\ndate: 2024-03-14\nseverity: SEV5\nsummary: S\n---\n");

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 4, 11, "severity");
        Assert.Equal("expected one of SEV1, SEV2, SEV3, SEV4, found 'SEV5'", d.Message);
    }

    [Fact]
    public void A_custom_severity_list_from_the_site_settings_is_enforced()
    {
        var settings = new SiteSettings { Severities = ["P1", "P2", "P3"] };

        var ok = Pm.ReadValid("---\ntitle: T\ndate: 2024-03-14\nseverity: P2\nsummary: S\n---\n", settings);
        Assert.Equal("P2", ok.Severity);

        var d = Pm.SingleError(Pm.Doc(), settings);
        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 4, 11, "severity");
        Assert.Equal("expected one of P1, P2, P3, found 'SEV2'", d.Message);
    }

    [Fact]
    public void A_wrong_case_severity_gets_a_spelling_hint()
    {
        var d = Pm.SingleError("---\ntitle: T\ndate: 2024-03-14\nseverity: sev1\nsummary: S\n---\n");

        Assert.Equal("severity", d.Field);
        Assert.Contains("found 'sev1' (write it as 'SEV1')", d.Message);
    }

    [Fact]
    public void A_wrong_case_status_gets_a_spelling_hint()
    {
        var d = Pm.SingleError(Pm.Doc("status: Published\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 9, "status");
        Assert.Equal("expected one of draft, review, published, found 'Published' (write it as 'published')", d.Message);
    }

    [Fact]
    public void An_unknown_visibility_is_rejected()
    {
        var d = Pm.SingleError(Pm.Doc("visibility: secret\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 13, "visibility");
        Assert.Equal("expected one of internal, public, found 'secret'", d.Message);
    }

    [Fact]
    public void A_cause_category_outside_the_six_is_located_at_its_list_item()
    {
        var d = Pm.SingleError(Pm.Doc("cause_categories:\n  - process\n  - budget\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 8, 5, "cause_categories[1]");
        Assert.Equal("expected one of people, process, technology, material, measurement, environment, found 'budget'", d.Message);
    }

    [Fact]
    public void All_six_cause_categories_are_accepted()
    {
        var incident = Pm.ReadValid(Pm.Doc("cause_categories: [people, process, technology, material, measurement, environment]\n"));

        Assert.Equal(CauseCategories.All, incident.CauseCategories);
    }

    [Fact]
    public void Cause_categories_must_be_a_list()
    {
        var d = Pm.SingleError(Pm.Doc("cause_categories:\n  process: yes\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 7, 3, "cause_categories");
        Assert.Contains("expected a list, found a map", d.Message);
    }

    // ---- id and language ----

    [Theory]
    [InlineData("../x")]
    [InlineData("DB-Outage")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    [InlineData("a/b")]
    [InlineData("café")]
    public void An_id_outside_the_pattern_is_rejected(string id)
    {
        var d = Pm.SingleError(Pm.Doc($"id: \"{id}\"\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 5, "id");
        Assert.Contains("[a-z0-9][a-z0-9-]*", d.Message);
        Assert.Contains($"'{id}'", d.Message);
    }

    [Fact]
    public void The_id_defaults_to_the_file_name()
    {
        var incident = Pm.ReadValid(Pm.Doc(), relativePath: "postmortems/2023/q4/2023-11-24-checkout-cache.md");

        Assert.Equal("2023-11-24-checkout-cache", incident.Id);
    }

    [Fact]
    public void A_file_name_that_is_not_a_valid_id_needs_an_id_field()
    {
        var d = Pm.SingleError(Pm.Doc(), relativePath: "postmortems/Disk Full.md");

        DiagnosticAssert.At(d, DiagnosticLevel.Error, "postmortems/Disk Full.md", 1, 1, "id");
        Assert.Contains("'Disk Full'", d.Message);
        Assert.Contains("add an 'id:' field", d.Message);

        var fixedUp = Pm.ReadValid(Pm.Doc("id: disk-full\n"), relativePath: "postmortems/Disk Full.md");
        Assert.Equal("disk-full", fixedUp.Id);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("EN")]
    [InlineData("e")]
    [InlineData("en_US")]
    public void An_invalid_language_code_is_rejected(string lang)
    {
        var d = Pm.SingleError(Pm.Doc($"lang: {lang}\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 7, "lang");
        Assert.Contains($"found '{lang}'", d.Message);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("pt-BR")]
    public void A_valid_language_code_overrides_the_default(string lang)
    {
        Assert.Equal(lang, Pm.ReadValid(Pm.Doc($"lang: {lang}\n")).Language);
    }

    // ---- numbers, maps, lists ----

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("first")]
    public void Onboarding_must_be_a_positive_whole_number(string value)
    {
        var d = Pm.SingleError(Pm.Doc($"onboarding: {value}\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 13, "onboarding");
        Assert.Equal($"expected a positive whole number, found '{value}'", d.Message);
    }

    [Fact]
    public void Impact_must_be_a_map()
    {
        var d = Pm.SingleError(Pm.Doc("impact: [10%, 40k]\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 9, "impact");
        Assert.Contains("expected a map", d.Message);
    }

    [Fact]
    public void Impact_values_must_be_scalars()
    {
        var d = Pm.SingleError(Pm.Doc("impact:\n  users: 10%\n  regions:\n    eu: 5%\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 9, 5, "impact.regions");
        Assert.Contains("found a map", d.Message);
    }

    [Fact]
    public void Tags_must_be_text_items()
    {
        var d = Pm.SingleError(Pm.Doc("tags:\n  - dns\n  - {a: b}\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 8, 5, "tags[1]");
    }

    [Fact]
    public void A_single_tag_is_accepted_as_a_one_item_list()
    {
        Assert.Equal(["dns"], Pm.ReadValid(Pm.Doc("tags: dns\n")).Tags);
    }

    // ---- related ----

    [Fact]
    public void Related_cannot_name_the_post_mortem_itself()
    {
        var d = Pm.SingleError(Pm.Doc("related:\n  - cache-outage\n  - db-disk-full\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 8, 5, "related[1]");
        Assert.Contains("cannot be related to itself", d.Message);
    }

    [Fact]
    public void Related_items_must_look_like_ids()
    {
        var d = Pm.SingleError(Pm.Doc("related: [Cache Outage]\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 11, "related[0]");
        Assert.Contains("'Cache Outage'", d.Message);
    }

    [Fact]
    public void Related_positions_follow_the_list_items()
    {
        var incident = Pm.ReadValid(Pm.Doc("related:\n  - a\n  - b\n"));

        Assert.Equal(["a", "b"], incident.Related);
        Assert.Equal([new SourcePosition(7, 5), new SourcePosition(8, 5)], incident.RelatedPositions);
    }

    // ---- actions ----

    [Fact]
    public void Action_problems_are_located_at_the_action_field()
    {
        var (incident, diagnostics) = Pm.Read(Pm.Doc("""
            actions:
              - title: Rotate logs
                owner: dba-team
                due: 2024-04-01
              - title: Add alert
                due: 2024-13-01
                link: javascript:alert(1)
                status: closed

            """));

        Assert.Null(incident);
        var errors = diagnostics.Where(d => d.IsError).OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        Assert.Equal(4, errors.Count);
        DiagnosticAssert.At(errors[0], DiagnosticLevel.Error, File, 10, 5, "actions[1].owner");
        Assert.Contains("missing required action field 'owner'", errors[0].Message);
        DiagnosticAssert.At(errors[1], DiagnosticLevel.Error, File, 11, 10, "actions[1].due");
        Assert.Contains("'2024-13-01'", errors[1].Message);
        DiagnosticAssert.At(errors[2], DiagnosticLevel.Error, File, 12, 11, "actions[1].link");
        Assert.Contains("'javascript:alert(1)'", errors[2].Message);
        DiagnosticAssert.At(errors[3], DiagnosticLevel.Error, File, 13, 13, "actions[1].status");
        Assert.Equal("expected one of open, in-progress, done, wont-do, found 'closed'", errors[3].Message);
    }

    [Fact]
    public void An_action_without_owner_and_due_gets_one_error_for_each()
    {
        var (incident, diagnostics) = Pm.Read(Pm.Doc("actions:\n  - title: Only a title\n"));

        Assert.Null(incident);
        Assert.Equal(
            [("actions[0].owner", 7, 5), ("actions[0].due", 7, 5)],
            diagnostics.Select(d => (d.Field, d.Line, d.Column)).ToList());
        Assert.Contains("(one person or team)", diagnostics[0].Message);
        Assert.Contains("(deadline, YYYY-MM-DD)", diagnostics[1].Message);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("ftp://tracker.example.com/1")]
    [InlineData("/relative/ticket")]
    [InlineData("tracker.example.com/1")]
    public void Action_links_other_than_http_and_mailto_are_rejected(string link)
    {
        var d = Pm.SingleError(Pm.Doc($"actions:\n  - title: T\n    owner: O\n    due: 2024-04-01\n    link: \"{link}\"\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 10, 11, "actions[0].link");
        Assert.Contains("http(s) or mailto", d.Message);
    }

    [Theory]
    [InlineData("https://tracker.example.com/browse/OPS-12")]
    [InlineData("http://tracker.local/1")]
    [InlineData("mailto:sre@example.com")]
    public void Action_links_over_http_or_mailto_are_kept(string link)
    {
        var incident = Pm.ReadValid(Pm.Doc($"actions:\n  - title: T\n    owner: O\n    due: 2024-04-01\n    link: {link}\n"));

        Assert.Equal(link, Assert.Single(incident.Actions).Link);
    }

    [Fact]
    public void Actions_must_be_a_list_of_maps()
    {
        var d = Pm.SingleError(Pm.Doc("actions:\n  - just a sentence\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 7, 5, "actions[0]");
        Assert.Contains("expected a map", d.Message);
    }

    [Fact]
    public void An_unknown_action_field_warns_with_a_suggestion()
    {
        var (incident, diagnostics) = Pm.Read(Pm.Doc("actions:\n  - title: T\n    ownr: O\n    due: 2024-04-01\n"));

        Assert.Null(incident);
        var warning = Assert.Single(diagnostics, d => !d.IsError);
        DiagnosticAssert.At(warning, DiagnosticLevel.Warning, File, 8, 5, "actions[0].ownr");
        Assert.Contains("did you mean 'owner'?", warning.Message);
        Assert.Contains(diagnostics, d => d.IsError && d.Field == "actions[0].owner");
    }

    // ---- unknown fields and YAML problems ----

    [Fact]
    public void An_unknown_field_is_a_warning_with_a_did_you_mean_suggestion()
    {
        var (incident, diagnostics) = Pm.Read(Pm.Doc("servces: [api]\n"));

        Assert.NotNull(incident);
        var d = Assert.Single(diagnostics);
        DiagnosticAssert.At(d, DiagnosticLevel.Warning, File, 6, 1, "servces");
        Assert.Equal("unknown field 'servces' is ignored; did you mean 'services'?", d.Message);
        Assert.Empty(incident.Services);
    }

    [Fact]
    public void An_unknown_field_far_from_any_known_one_is_a_warning_without_suggestion()
    {
        var (incident, diagnostics) = Pm.Read(Pm.Doc("xyzzy: 1\n"));

        Assert.NotNull(incident);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticLevel.Warning, d.Level);
        Assert.Equal("unknown field 'xyzzy' is ignored", d.Message);
    }

    [Fact]
    public void A_yaml_syntax_error_is_located_at_the_parser_position_offset_by_the_opening_line()
    {
        const string yaml = "title: T\ndate: 2024-03-14\nseverity: SEV2\nsummary: one: two\n";
        var parserMark = ParserErrorMark(yaml);

        var d = Pm.SingleError("---\n" + yaml + "---\nBody\n");

        Assert.Equal(File, d.File);
        Assert.Equal((int)parserMark.Line + 1, d.Line);
        Assert.Equal((int)parserMark.Column, d.Column);
        Assert.Equal(5, d.Line);
        Assert.StartsWith("YAML syntax error:", d.Message);
    }

    [Fact]
    public void An_unclosed_flow_list_is_a_located_yaml_error_not_a_crash()
    {
        var d = Pm.SingleError("---\ntitle: T\ndate: 2024-03-14\nseverity: [SEV2\nsummary: S\n---\nBody\n");

        Assert.Equal(File, d.File);
        Assert.StartsWith("YAML syntax error", d.Message);
        Assert.InRange(d.Line, 4, 6);
    }

    [Fact]
    public void An_unclosed_quote_is_a_located_yaml_error_not_a_crash()
    {
        var d = Pm.SingleError("---\ntitle: \"Disk full\ndate: 2024-03-14\nseverity: SEV2\nsummary: S\n---\nBody\n");

        Assert.Equal(File, d.File);
        Assert.StartsWith("YAML syntax error", d.Message);
        Assert.InRange(d.Line, 2, 6);
    }

    [Fact]
    public void A_yaml_indentation_error_points_at_the_offending_line()
    {
        const string yaml = "title: T\ndate: 2024-03-14\n  severity: SEV2\nsummary: S\n";
        var parserMark = ParserErrorMark(yaml);

        var d = Pm.SingleError("---\n" + yaml + "---\n");

        Assert.Equal(((int)parserMark.Line + 1, (int)parserMark.Column), (d.Line, d.Column));
        Assert.Equal(4, d.Line);
    }

    [Fact]
    public void A_duplicate_key_is_an_error_located_at_the_second_key()
    {
        var d = Pm.SingleError("---\ntitle: A\ndate: 2024-03-14\nseverity: SEV2\nsummary: S\ntitle: B\n---\n");

        Assert.Equal(File, d.File);
        Assert.Contains("duplicate", d.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(6, d.Line);
    }

    [Fact]
    public void A_front_matter_that_is_not_a_map_is_an_error()
    {
        var d = Pm.SingleError("---\n- title\n- date\n---\n");

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 2, 1, "");
        Assert.Contains("must be a map", d.Message);
    }

    [Fact]
    public void An_empty_front_matter_is_an_error()
    {
        var d = Pm.SingleError("---\n---\nBody\n");

        Assert.Contains("front matter is empty", d.Message);
    }

    [Fact]
    public void A_file_without_front_matter_is_an_error_on_line_one()
    {
        var d = Pm.SingleError("# Just a heading\n");

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 1, 1, "");
        Assert.Contains("'---'", d.Message);
    }

    [Fact]
    public void Line_numbers_count_crlf_files_the_same_way()
    {
        var d = Pm.SingleError(Pm.Doc("onboarding: 0\n").Replace("\n", "\r\n"));

        DiagnosticAssert.At(d, DiagnosticLevel.Error, File, 6, 13, "onboarding");
    }

    private static Mark ParserErrorMark(string yaml)
    {
        var e = Assert.ThrowsAny<YamlException>(() => new YamlStream().Load(new StringReader(yaml)));
        return e.Start;
    }
}
