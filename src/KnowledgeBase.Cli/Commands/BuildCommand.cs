using System.CommandLine;
using KnowledgeBase.Cli.Console;
using KnowledgeBase.Output;
using KnowledgeBase.Pipeline;

namespace KnowledgeBase.Cli.Commands;

/// <summary><c>kb build</c>: validates every post-mortem and writes the site atomically.</summary>
public static class BuildCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string>("--input", "-i") { Description = "Folder with postmortems/ and site.yml", DefaultValueFactory = _ => "input" };
        var output = new Option<string>("--output", "-o") { Description = "Folder the site is written to (replaced atomically)", DefaultValueFactory = _ => "output" };
        var asOf = new Option<string?>("--as-of") { Description = "Reference date YYYY-MM-DD for overdue actions (default: today), for reproducible builds" };
        var baseUrl = new Option<string?>("--base-url") { Description = "Where the site is served, e.g. /kb/ or https://kb.example.com/ (overrides site.yml)" };
        var drafts = new Option<bool>("--drafts") { Description = "Include post-mortems with status draft or review" };
        var publicOnly = new Option<bool>("--public") { Description = "Public site: only post-mortems with visibility: public and status: published (wins over --drafts); messages about the others show no content" };
        var theme = new Option<string[]>("--theme") { Description = "Theme folder overriding the default theme file by file (repeatable)", AllowMultipleArgumentsPerToken = false };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print each stage's item count and time" };

        var command = new Command("build", "Build the static site from the post-mortems.")
        {
            input, output, asOf, baseUrl, drafts, publicOnly, theme, verbose,
        };
        command.SetAction(parse =>
        {
            if (!DateOption.TryRead(parse, asOf, stderr, out var reference)) return ExitCodes.Usage;
            var inputDir = parse.GetValue(input)!;
            if (!ThemeFolders.TryResolve(parse.GetValue(theme), inputDir, stderr, out var themeDirs)) return ExitCodes.Usage;

            // A build wants throughput: no background collections competing for the cores (kb serve keeps them).
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
            var options = new BuildOptions
            {
                InputDir = inputDir,
                OutputDir = parse.GetValue(output)!,
                AsOf = reference,
                BaseUrl = parse.GetValue(baseUrl),
                IncludeDrafts = parse.GetValue(drafts),
                Public = parse.GetValue(publicOnly),
                ThemeDirs = themeDirs,
            };
            var reporter = BuildReporter.Create(stdout, stderr, parse.GetValue(verbose));
            BuildResult result;
            // The whole build's wall time: stage times overlap (search runs beside render+write) and leave out the commit.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                result = reporter.Run(observer => new SiteBuilder(observer).Build(options));
            }
            catch (OutputSafetyException e)
            {
                stderr.WriteLine($"kb: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (IOException e)
            {
                stderr.WriteLine($"kb: could not write the site: {e.Message} (the previous site is unchanged)");
                return ExitCodes.InvalidInput;
            }
            reporter.Report(result, options.OutputDir, clock.Elapsed);
            return result.Succeeded ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }
}
