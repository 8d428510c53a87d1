using KnowledgeBase.Model;
using KnowledgeBase.Validation.Lints;

namespace KnowledgeBase.Tests.Authoring;

public sealed class VagueActionLintTests
{
    private static readonly VagueActionLint Rule = new();

    private static string WithAction(string title, string lang = "en") =>
        LintHarness.Doc(lang: lang, extraYaml: $"actions:\n  - title: \"{title}\"\n    owner: SRE\n    due: 2024-04-01\n");

    [Theory]
    [InlineData("en", "Be more careful when deploying")]
    [InlineData("en", "Pay more attention to alerts")]
    [InlineData("en", "Double-check the config before release")]
    [InlineData("en", "Improve monitoring")]
    [InlineData("en", "Communicate better during incidents")]
    [InlineData("ru", "Быть внимательнее при выкладке")]
    [InlineData("ru", "Не забывать проверять сертификаты")]
    [InlineData("ru", "Улучшить мониторинг")]
    [InlineData("ru", "Лучше коммуницировать с поддержкой")]
    [InlineData("fr", "Être plus vigilants lors des déploiements")]
    [InlineData("fr", "Faire attention aux alertes")]
    [InlineData("fr", "Améliorer le monitoring")]
    [InlineData("fr", "Mieux communiquer")]
    [InlineData("de", "Besser kommunizieren")]
    [InlineData("de", "Sorgfältiger arbeiten")]
    [InlineData("de", "Besser aufpassen bei Deployments")]
    [InlineData("de", "Monitoring verbessern")]
    public void Vague_titles_are_flagged_at_the_title(string lang, string title)
    {
        var finding = LintHarness.Single(LintHarness.Run(Rule, WithAction(title, lang)));
        var line = lang == "en" ? 7 : 8;
        LintHarness.At(finding, "vague-action", line, 12, "actions[0].title");
        Assert.Contains(title, finding.Diagnostic.Message);
        Assert.NotNull(finding.Suggestion);
    }

    [Theory]
    [InlineData("en", "Be more careful", "Block production deploys")]
    [InlineData("en", "Improve monitoring", "Alert when disk usage")]
    [InlineData("ru", "Быть внимательнее", "Запретить деплой")]
    [InlineData("ru", "Улучшить мониторинг", "Алерт при заполнении")]
    [InlineData("fr", "Être plus vigilants", "Bloquer tout déploiement")]
    [InlineData("fr", "Mieux communiquer", "Alerte quand")]
    [InlineData("de", "Sorgfältiger arbeiten", "Deployments in Produktion")]
    [InlineData("de", "Besser kommunizieren", "Alarm, wenn")]
    public void The_suggestion_gives_a_concrete_example_in_the_post_mortems_language(string lang, string title, string example)
    {
        var finding = LintHarness.Single(LintHarness.Run(Rule, WithAction(title, lang)));
        Assert.Contains(example, finding.Suggestion);
    }

    [Theory]
    [InlineData("en", "Alert when disk usage on any database host exceeds 80% for 10 minutes")]
    [InlineData("en", "Improve monitoring: alert when WAL exceeds 50 GB on any cluster")]
    [InlineData("en", "Improve monitoring of `checkout-api` latency")]
    [InlineData("en", "Add a CI check that blocks merges to config/prod without approval")]
    [InlineData("ru", "Улучшить мониторинг: алерт при заполнении диска выше 80%")]
    [InlineData("ru", "Добавить в CI проверку, которая запрещает выкладку без тикета")]
    [InlineData("fr", "Améliorer la supervision de la file orders-queue avec une alerte sur le retard")]
    [InlineData("fr", "Bloquer tout déploiement en production sans ticket approuvé")]
    [InlineData("de", "Monitoring für cert-manager verbessern und Ablauf 30 Tage vorher melden")]
    [InlineData("de", "Alarm, wenn ein Abrechnungsjob dieselbe Periode zweimal startet")]
    public void Specific_titles_pass(string lang, string title)
    {
        Assert.Empty(LintHarness.Run(Rule, WithAction(title, lang)));
    }
}

public sealed class ActionSuccessLintTests
{
    private static readonly ActionSuccessLint Rule = new();

    [Fact]
    public void A_high_priority_action_without_success_is_flagged_at_the_action()
    {
        var text = LintHarness.Doc(extraYaml: "actions:\n  - title: Alert on WAL size\n    owner: SRE\n    due: 2024-04-01\n    priority: high\n");
        LintHarness.At(LintHarness.Single(LintHarness.Run(Rule, text)), "action-success", 7, 5, "actions[0].success");
    }

    [Theory]
    [InlineData("    priority: high\n    success: The alert fires in staging within 2 minutes\n")]
    [InlineData("    priority: medium\n")]
    [InlineData("    priority: low\n")]
    [InlineData("")]
    [InlineData("    priority: high\n    status: wont-do\n")]
    public void Measured_or_lower_priority_actions_pass(string extra)
    {
        var text = LintHarness.Doc(extraYaml: "actions:\n  - title: Alert on WAL size\n    owner: SRE\n    due: 2024-04-01\n" + extra);
        Assert.Empty(LintHarness.Run(Rule, text));
    }
}

public sealed class ActionDueLimitLintTests
{
    private static readonly ActionDueLimitLint Rule = new();

    private static string Doc(string severity, string due, string status = "open") =>
        LintHarness.Doc(severity: severity, extraYaml: $"actions:\n  - title: Alert on WAL size\n    owner: SRE\n    due: {due}\n    status: {status}\n");

    [Theory]
    [InlineData("SEV1", "2024-05-10")]
    [InlineData("SEV2", "2024-12-31")]
    public void SEV1_and_SEV2_actions_are_due_within_eight_weeks_by_default(string severity, string due)
    {
        var finding = LintHarness.Single(LintHarness.Run(Rule, Doc(severity, due)));
        LintHarness.At(finding, "action-due", 9, 10, "actions[0].due");
        Assert.Contains("within 56 days (by 2024-05-09)", finding.Diagnostic.Message);
        Assert.Contains("2024-05-09", finding.Suggestion);
    }

    [Theory]
    [InlineData("SEV1", "2024-05-09", "open")]
    [InlineData("SEV2", "2024-03-20", "in-progress")]
    [InlineData("SEV3", "2025-12-31", "open")]
    [InlineData("SEV4", "2026-12-31", "open")]
    [InlineData("SEV1", "2025-12-31", "done")]
    [InlineData("SEV1", "2025-12-31", "wont-do")]
    public void Within_the_limit_unlimited_severities_and_finished_actions_pass(string severity, string due, string status)
    {
        Assert.Empty(LintHarness.Run(Rule, Doc(severity, due, status)));
    }

    [Fact]
    public void Site_settings_replace_the_default_limits()
    {
        var settings = new SiteSettings { ActionDueLimits = new Dictionary<string, int> { ["SEV3"] = 14 } };
        Assert.Single(LintHarness.Run(Rule, Doc("SEV3", "2024-03-29"), settings));
        Assert.Empty(LintHarness.Run(Rule, Doc("SEV3", "2024-03-28"), settings));
        Assert.Empty(LintHarness.Run(Rule, Doc("SEV1", "2025-03-28"), settings));
    }
}
