using System.CommandLine;
using KnowledgeBase.Cli.Console;
using KnowledgeBase.Validation.Lints;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// <c>kb check</c>: every validation of <c>kb build</c> plus the authoring lints (blameless wording, SMART
/// actions, timeline order, structure, placeholders) and the overdue actions per owner; writes nothing.
/// Exit 0 clean (warnings allowed), 1 with errors (or with warnings under <c>--strict</c>), 2 on usage errors.
/// </summary>
public static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string>("--input", "-i") { Description = "Folder with postmortems/ and site.yml", DefaultValueFactory = _ => "input" };
        var format = new Option<string>("--format", "-f") { Description = "text (for people), github (workflow commands: annotations on the PR), json (for tools)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "github", "json");
        var strict = new Option<bool>("--strict") { Description = "Treat warnings (lints included) as errors" };
        var asOf = new Option<string?>("--as-of") { Description = "Reference date YYYY-MM-DD for overdue actions (default: today)" };

        var command = new Command("check", "Validate and lint the post-mortems without building the site.")
        {
            input, format, strict, asOf,
        };
        command.SetAction(parse =>
        {
            if (!DateOption.TryRead(parse, asOf, stderr, out var reference)) return ExitCodes.Usage;
            // Throughput, as in kb build: no background collections.
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
            var inputDir = parse.GetValue(input)!;
            var report = SiteChecker.Check(new CheckOptions { InputDir = inputDir, AsOf = reference, Strict = parse.GetValue(strict) });
            var paths = new CheckPaths(inputDir);
            switch (parse.GetValue(format))
            {
                case "github":
                    new CheckGithubWriter(stdout).Write(report, paths);
                    break;
                case "json":
                    new CheckJsonWriter(stdout).Write(report, paths, inputDir);
                    break;
                default:
                    CheckTextWriter.Create(stdout).Write(report, paths);
                    break;
            }
            return report.Succeeded ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }
}
