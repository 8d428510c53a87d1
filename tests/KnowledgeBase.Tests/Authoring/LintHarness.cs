using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using KnowledgeBase.Validation.Lints;

namespace KnowledgeBase.Tests.Authoring;

/// <summary>Runs one lint over one post-mortem held in memory.</summary>
internal static class LintHarness
{
    public const string File = "postmortems/2024/test-incident.md";

    /// <summary>Front matter lines 2–5 are title, date, severity, summary; <paramref name="extraYaml"/> starts on line 6.</summary>
    public static string Doc(string extraYaml = "", string body = "Body.\n", string severity = "SEV3", string lang = "en", string date = "2024-03-14") =>
        $"---\ntitle: Test incident\ndate: {date}\nseverity: {severity}\nsummary: A queue backed up for 20 minutes.\n{(lang == "en" ? "" : $"lang: {lang}\n")}{extraYaml}---\n{body}";

    /// <summary>The 1-based file line of the body's first line for a document made by <see cref="Doc"/>.</summary>
    public static int BodyLine(string text) => text.Split('\n').Select((l, i) => (l, i)).Where(x => x.l == "---").Skip(1).First().i + 2;

    public static IReadOnlyList<LintFinding> Run(ILintRule rule, string text, SiteSettings? settings = null, DateOnly? asOf = null)
    {
        var target = Target(text, settings, asOf);
        return rule.Check(target).ToList();
    }

    public static LintTarget Target(string text, SiteSettings? settings = null, DateOnly? asOf = null)
    {
        settings ??= new SiteSettings();
        var source = new SourceFile("/input/" + File, File, text);
        var diagnostics = new List<Diagnostic>();
        Assert.True(IncidentReader.Read(source, settings, diagnostics) is not null, "the test document must be valid: " + string.Join("\n", diagnostics));
        var (incident, yaml) = IncidentReader.ReadWithFrontMatter(source, settings)!.Value;
        return LintTarget.Create(source, incident, yaml, settings, MarkdownPipelineFactory.Create(), asOf ?? new DateOnly(2024, 3, 20))!;
    }

    public static LintFinding Single(IReadOnlyList<LintFinding> findings)
    {
        Assert.True(findings.Count == 1, $"expected one finding, got {findings.Count}:\n" + string.Join("\n", findings.Select(f => f.Diagnostic + " | " + f.Suggestion)));
        return findings[0];
    }

    public static void At(LintFinding finding, string rule, int line, int column, string field)
    {
        Assert.Equal(rule, finding.Rule);
        Assert.Equal(DiagnosticLevel.Warning, finding.Diagnostic.Level);
        Assert.Equal(File, finding.Diagnostic.File);
        Assert.Equal((line, column, field), (finding.Diagnostic.Line, finding.Diagnostic.Column, finding.Diagnostic.Field));
    }
}
