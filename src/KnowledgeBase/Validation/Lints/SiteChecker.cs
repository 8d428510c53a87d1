using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Pipeline;
using KnowledgeBase.Reading;

namespace KnowledgeBase.Validation.Lints;

public sealed record CheckOptions
{
    public required string InputDir { get; init; }
    /// <summary>Reference date for overdue actions; today when not set.</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>Warnings count as errors.</summary>
    public bool Strict { get; init; }
}

/// <summary>What <c>kb check</c> found: every finding (sorted by file, line, column) and the overdue actions per owner.</summary>
public sealed record CheckReport(IReadOnlyList<LintFinding> Findings, IReadOnlyList<OwnerOverdue> Overdue, int Files, DateOnly AsOf, bool Strict)
{
    public int ErrorCount => Findings.Count(f => f.IsError);
    public int WarningCount => Findings.Count(f => !f.IsError);
    public int OverdueCount => Overdue.Sum(o => o.Actions.Count);
    public bool Succeeded => ErrorCount == 0;
}

/// <summary>
/// <c>kb check</c>: every validation of <c>kb build</c> (run through <see cref="SiteBuilder"/> with
/// <see cref="BuildOptions.CheckOnly"/>, drafts included, nothing written), then the lints over every post-mortem
/// without errors, then the follow-up summary.
/// </summary>
public static class SiteChecker
{
    public static CheckReport Check(CheckOptions options)
    {
        var asOf = options.AsOf ?? DateOnly.FromDateTime(DateTime.Today);
        if (!Directory.Exists(options.InputDir))
        {
            var missing = new LintFinding(LintFinding.ValidationRule,
                new Diagnostic(DiagnosticLevel.Error, "", 0, 0, "", $"the input folder '{options.InputDir}' does not exist"));
            return new CheckReport([missing], [], 0, asOf, options.Strict);
        }

        var build = new SiteBuilder().Build(new BuildOptions
        {
            InputDir = options.InputDir,
            // CheckOnly stops before the writer is created: nothing is ever written here.
            OutputDir = Path.Combine(Path.GetTempPath(), "kb-check-writes-nothing"),
            AsOf = asOf,
            IncludeDrafts = true,
            CheckOnly = true,
        });
        var findings = build.Diagnostics.Select(d => new LintFinding(LintFinding.ValidationRule, d)).ToList();

        // The lints read the files again: the build keeps its model to itself, and a second read of a few
        // hundred small files costs milliseconds. Their diagnostics were reported by the build already.
        var ignored = new DiagnosticBag();
        var settings = SiteSettingsReader.Read(options.InputDir, ignored);
        var sources = InputScanner.FindPostmortems(options.InputDir)
            .Select(p => InputScanner.Read(options.InputDir, p, ignored)).OfType<SourceFile>().ToList();
        var pipeline = MarkdownPipelineFactory.Create();
        // A file the build found errors in (front matter or body, e.g. Markdown nested past Markdig's limits) is
        // not linted: its errors come first, and its body may not even parse.
        var filesWithErrors = build.Diagnostics.Where(d => d.IsError).Select(d => d.File).ToHashSet(StringComparer.Ordinal);
        // One file at a time, keeping only what it found: a lint target holds the file's whole Markdown syntax tree,
        // and holding all of them at once took 930 MB at 10,000 post-mortems.
        var perFile = Parallelism.Map(sources, s =>
            !filesWithErrors.Contains(s.RelativePath) && IncidentReader.ReadWithFrontMatter(s, settings) is var (incident, yaml)
                && LintTarget.Create(s, incident, yaml, settings, pipeline, asOf) is { } target
                ? (Findings: SiteLinter.Check(target).ToList(), Overdue: OverdueActions.Of(target, asOf))
                : (Findings: [], Overdue: []));
        foreach (var file in perFile) findings.AddRange(file.Findings);

        if (options.Strict) findings = findings.Select(f => f.AsError()).ToList();
        var sorted = findings
            .OrderBy(f => f.Diagnostic.File, StringComparer.Ordinal).ThenBy(f => f.Diagnostic.Line).ThenBy(f => f.Diagnostic.Column)
            .ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Diagnostic.Field, StringComparer.Ordinal)
            .ThenBy(f => f.Diagnostic.Message, StringComparer.Ordinal)
            .ToList();
        return new CheckReport(sorted, OverdueActions.ByOwner(perFile.SelectMany(f => f.Overdue)), sources.Count, asOf, options.Strict);
    }
}
