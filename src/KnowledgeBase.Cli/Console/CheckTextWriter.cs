using System.Globalization;
using KnowledgeBase.Validation.Lints;
using Spectre.Console;

namespace KnowledgeBase.Cli.Console;

/// <summary>
/// <c>kb check --format text</c>: one line per finding (<c>path:line:col: level [field]: rule: message</c>), its
/// suggestion indented below, the overdue actions per owner, and a summary count. Coloured on an interactive
/// terminal; plain when redirected or in CI.
/// </summary>
public sealed class CheckTextWriter(TextWriter stdout, IAnsiConsole? colour)
{
    /// <summary>Colours only on an interactive terminal, and not with <c>CI</c> or <c>NO_COLOR</c> set.</summary>
    public static CheckTextWriter Create(TextWriter stdout)
    {
        var plain = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            || !ReferenceEquals(stdout, System.Console.Out) || System.Console.IsOutputRedirected;
        if (plain) return new CheckTextWriter(stdout, null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        // One finding, one line: the terminal soft-wraps, so file:line:col stays clickable and matchable.
        console.Profile.Width = 4096;
        return new CheckTextWriter(stdout, console);
    }

    public void Write(CheckReport report, CheckPaths paths)
    {
        foreach (var f in report.Findings)
        {
            var d = f.Diagnostic;
            var location = paths.Of(d.File) is { Length: > 0 } path
                ? d.Line > 0 ? (d.Column > 0 ? $"{path}:{d.Line}:{d.Column}" : $"{path}:{d.Line}") : path
                : "kb";
            var level = d.IsError ? "error" : "warning";
            var field = d.Field.Length > 0 ? $" [{d.Field}]" : "";
            // The build's own format ("file:line:col: level [field]: message"), lints naming their rule first.
            var rule = f.Rule == LintFinding.ValidationRule ? "" : $"{f.Rule}: ";
            Line($"{location}: {level}{field}: {rule}{d.Message}",
                $"[bold]{Markup.Escape(location)}[/]: [{(d.IsError ? "red" : "yellow")}]{level}[/]{Markup.Escape(field)}: [dim]{Markup.Escape(rule)}[/]{Markup.Escape(d.Message)}");
            if (f.Suggestion is { } suggestion)
                Line($"    suggestion: {suggestion}", $"    [green]suggestion:[/] {Markup.Escape(suggestion)}");
        }

        if (report.Overdue.Count > 0)
        {
            if (report.Findings.Count > 0) stdout.WriteLine();
            var heading = string.Create(CultureInfo.InvariantCulture, $"Overdue actions by owner (as of {report.AsOf:yyyy-MM-dd}):");
            Line(heading, $"[bold]{Markup.Escape(heading)}[/]");
            foreach (var owner in report.Overdue)
            {
                var title = $"  {owner.Owner} ({owner.Actions.Count})";
                Line(title, $"[bold]{Markup.Escape(title)}[/]");
                foreach (var a in owner.Actions)
                {
                    var where = $"{paths.Of(a.File)}:{a.Position.Line}:{a.Position.Column}";
                    var what = string.Create(CultureInfo.InvariantCulture,
                        $"\"{a.Action.Title}\" due {a.Action.Due:yyyy-MM-dd}, {a.DaysOverdue} {(a.DaysOverdue == 1 ? "day" : "days")} overdue");
                    Line($"    {where}: {what}", $"    [dim]{Markup.Escape(where)}:[/] {Markup.Escape(what)}");
                }
            }
        }

        var summary = Summary(report);
        Line(summary, report.ErrorCount > 0 ? $"[red]{Markup.Escape(summary)}[/]"
            : report.WarningCount > 0 ? $"[yellow]{Markup.Escape(summary)}[/]" : $"[green]{Markup.Escape(summary)}[/]");
    }

    public static string Summary(CheckReport report)
    {
        var files = Plural(report.Files, "post-mortem");
        var overdue = report.OverdueCount > 0 ? $"; {Plural(report.OverdueCount, "overdue action")}" : "";
        if (report.Findings.Count == 0) return $"No problems in {files}{overdue}.";
        return $"{Plural(report.ErrorCount, "error")}, {Plural(report.WarningCount, "warning")} in {files}{overdue}.";
    }

    private static string Plural(int n, string word) => string.Create(CultureInfo.InvariantCulture, $"{n} {word}{(n == 1 ? "" : "s")}");

    private void Line(string plain, string markup)
    {
        if (colour is not null) colour.MarkupLine(markup);
        else stdout.WriteLine(plain);
    }
}
