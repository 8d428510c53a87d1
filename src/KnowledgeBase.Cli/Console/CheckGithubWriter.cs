using System.Globalization;
using System.Text;
using KnowledgeBase.Validation.Lints;

namespace KnowledgeBase.Cli.Console;

/// <summary>
/// <c>kb check --format github</c>: one GitHub Actions workflow command per finding, so each appears as an
/// annotation on the pull request's diff:
/// <c>::warning file=input/postmortems/2024/x.md,line=12,col=5,title=blameless [body]::message%0ASuggestion: …</c>.
/// Messages escape <c>%</c>, CR and LF; properties also escape <c>:</c> and <c>,</c>. Overdue actions go into a
/// collapsible log group; the last line is the summary.
/// </summary>
public sealed class CheckGithubWriter(TextWriter stdout)
{
    public void Write(CheckReport report, CheckPaths paths)
    {
        foreach (var f in report.Findings)
        {
            var d = f.Diagnostic;
            var properties = new List<string>();
            if (paths.Of(d.File) is { Length: > 0 } path)
            {
                properties.Add("file=" + EscapeProperty(path));
                if (d.Line > 0) properties.Add("line=" + d.Line.ToString(CultureInfo.InvariantCulture));
                if (d.Line > 0 && d.Column > 0) properties.Add("col=" + d.Column.ToString(CultureInfo.InvariantCulture));
            }
            var title = (f.Rule == LintFinding.ValidationRule ? "kb" : f.Rule) + (d.Field.Length > 0 ? $" [{d.Field}]" : "");
            properties.Add("title=" + EscapeProperty(title));
            var message = f.Suggestion is { } s ? $"{d.Message}\nSuggestion: {s}" : d.Message;
            stdout.WriteLine($"::{(d.IsError ? "error" : "warning")} {string.Join(',', properties)}::{EscapeData(message)}");
        }

        if (report.Overdue.Count > 0)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"::group::Overdue actions by owner (as of {report.AsOf:yyyy-MM-dd}): {report.OverdueCount}"));
            foreach (var owner in report.Overdue)
            {
                stdout.WriteLine(EscapeLine(string.Create(CultureInfo.InvariantCulture, $"{owner.Actions.Count} overdue for {owner.Owner}:")));
                foreach (var a in owner.Actions)
                    stdout.WriteLine(EscapeLine(string.Create(CultureInfo.InvariantCulture,
                        $"  - {paths.Of(a.File)}:{a.Position.Line}:{a.Position.Column}: \"{a.Action.Title}\" due {a.Action.Due:yyyy-MM-dd}, {a.DaysOverdue} days overdue")));
            }
            stdout.WriteLine("::endgroup::");
        }
        stdout.WriteLine(CheckTextWriter.Summary(report));
    }

    /// <summary>Escapes a command's message (after <c>::</c>).</summary>
    public static string EscapeData(string value) =>
        new StringBuilder(value).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").ToString();

    /// <summary>Escapes a property value (<c>file=</c>, <c>title=</c>…).</summary>
    public static string EscapeProperty(string value) =>
        new StringBuilder(value).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").Replace(":", "%3A").Replace(",", "%2C").ToString();

    /// <summary>
    /// A plain log line in the group (not a command, so nothing is percent-decoded in it). Each starts with a digit
    /// or "  - ", never with "::", and line breaks become spaces, so text from authors (owners, titles) cannot start a
    /// workflow command of its own.
    /// </summary>
    private static string EscapeLine(string value) => value.Replace('\r', ' ').Replace('\n', ' ');
}
