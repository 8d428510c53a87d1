using KnowledgeBase.Validation.Lints;

namespace KnowledgeBase.Tests.Authoring;

public sealed class RequiredSectionsLintTests
{
    private static readonly RequiredSectionsLint Rule = new();

    private const string Action = "actions:\n  - title: Alert on WAL size above 50 GB\n    owner: SRE\n    due: 2024-04-01\n";

    [Theory]
    [InlineData("SEV1")]
    [InlineData("SEV2")]
    public void Worst_severities_need_root_causes_lessons_and_actions(string severity)
    {
        var findings = LintHarness.Run(Rule, LintHarness.Doc(severity: severity, body: "## Summary\n\nThe queue backed up.\n"));
        Assert.Equal(["body", "lessons", "actions"], findings.Select(f => f.Diagnostic.Field));
        Assert.All(findings, f => LintHarness.At(f, "required-sections", 4, 11, f.Diagnostic.Field));
        Assert.Contains("Root causes (5 whys)", findings[0].Diagnostic.Message);
    }

    [Theory]
    [InlineData("en", "## Root causes (5 whys)\n\n1. Why? Because the slot was never dropped.\n\n## Lessons learned\n\n- Retention needs a bound.\n")]
    [InlineData("ru", "## Первопричины (5 почему)\n\n1. Почему? Слот не удалили.\n\n## Извлечённые уроки\n\n- Хранение должно быть ограничено.\n")]
    [InlineData("fr", "## Causes racines (5 pourquoi)\n\n1. Pourquoi ? Le slot n'a jamais été supprimé.\n\n## Leçons apprises\n\n- La rétention doit être bornée.\n")]
    [InlineData("de", "## Ursachen (5 Warum)\n\n1. Warum? Der Slot wurde nie entfernt.\n\n## Erkenntnisse\n\n- Aufbewahrung braucht eine Grenze.\n")]
    [InlineData("en", "## 5 Whys\n\n- Because the slot was never dropped.\n\n## Key takeaways\n\n- Retention needs a bound.\n")]
    public void A_complete_post_mortem_passes_in_every_language(string lang, string body)
    {
        Assert.Empty(LintHarness.Run(Rule, LintHarness.Doc(severity: "SEV1", lang: lang, extraYaml: Action, body: body)));
    }

    [Fact]
    public void An_empty_root_cause_section_is_flagged_at_its_heading()
    {
        var text = LintHarness.Doc(severity: "SEV1", extraYaml: Action + "lessons: [Retention needs a bound]\n", body: "## Summary\n\nText.\n\n## Root causes\n\n## What went well\n\n- Fast rollback.\n");
        var finding = LintHarness.Single(LintHarness.Run(Rule, text));
        LintHarness.At(finding, "required-sections", LintHarness.BodyLine(text) + 4, 1, "body");
        Assert.Contains("is empty", finding.Diagnostic.Message);
    }

    [Fact]
    public void Lower_severities_need_no_sections()
    {
        Assert.Empty(LintHarness.Run(Rule, LintHarness.Doc(severity: "SEV3", body: "Short note.\n")));
        Assert.Empty(LintHarness.Run(Rule, LintHarness.Doc(severity: "SEV4", body: "Short note.\n")));
    }

    [Fact]
    public void The_two_worst_severities_of_the_site_list_are_the_ones_checked()
    {
        var settings = new Model.SiteSettings { Severities = ["P0", "P1", "P2"] };
        var text = "---\ntitle: T\ndate: 2024-03-14\nseverity: P1\nsummary: S.\n---\nBody.\n";
        Assert.Equal(3, LintHarness.Run(Rule, text, settings).Count);
        Assert.Empty(LintHarness.Run(Rule, text.Replace("severity: P1", "severity: P2"), settings));
    }
}

public sealed class PlaceholderLintTests
{
    private static readonly PlaceholderLint Rule = new();

    [Fact]
    public void Placeholders_in_values_comments_and_body_are_located_with_their_field()
    {
        var text = "---\ntitle: Test incident\ndate: 2024-03-14\nseverity: SEV3\nsummary: \"TODO: one or two sentences\"\nstarted:            # TODO: ISO 8601 with offset\nimpact:\n  users: \"TODO: how many\"\n---\n## Summary\n\nTODO: what happened.\n\nUse `TODO: in code` freely; todo: lower case is prose.\n";
        var findings = LintHarness.Run(Rule, text);
        Assert.Equal(4, findings.Count);
        LintHarness.At(findings[0], "placeholder", 5, 11, "summary");
        LintHarness.At(findings[1], "placeholder", 6, 23, "started");
        LintHarness.At(findings[2], "placeholder", 8, 11, "impact.users");
        LintHarness.At(findings[3], "placeholder", 12, 1, "body");
        Assert.Contains("\"TODO: what happened.\"", findings[3].Diagnostic.Message);
    }

    [Fact]
    public void A_finished_post_mortem_has_none()
    {
        Assert.Empty(LintHarness.Run(Rule, LintHarness.Doc(body: "## Summary\n\nThe queue backed up; the TODO list of the team is elsewhere.\n")));
    }
}
