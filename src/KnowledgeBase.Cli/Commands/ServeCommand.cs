using System.CommandLine;
using System.Runtime.InteropServices;
using KnowledgeBase.Cli.Serve;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// <c>kb serve</c>: builds the site in memory, serves it on 127.0.0.1, and on every save updates only what the
/// change affects and reloads the open tabs; a bad edit shows its located errors in the terminal and over the
/// page, while the last good site stays up. Ctrl+C (or SIGTERM) stops it with exit code 0; a taken port exits 1.
/// </summary>
public static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 5080 };
        var input = new Option<string>("--input", "-i") { Description = "Folder with postmortems/ and site.yml", DefaultValueFactory = _ => "input" };
        var theme = new Option<string[]>("--theme") { Description = "Theme folder overriding the default theme file by file (repeatable; watched)", AllowMultipleArgumentsPerToken = false };
        var asOf = new Option<string?>("--as-of") { Description = "Reference date YYYY-MM-DD for overdue actions (default: today)" };
        var publishedOnly = new Option<bool>("--published-only") { Description = "Hide draft and review post-mortems (shown by default while writing), as kb build does" };
        var publicOnly = new Option<bool>("--public") { Description = "Preview the public site: only post-mortems with visibility: public and status: published, as kb build --public" };

        var command = new Command("serve", "Preview the site while you write: serves it on 127.0.0.1 and reloads the browser on every save.")
        {
            port, input, theme, asOf, publishedOnly, publicOnly,
        };
        command.SetAction(parse =>
        {
            if (!DateOption.TryRead(parse, asOf, stderr, out var reference)) return ExitCodes.Usage;
            var portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                stderr.WriteLine($"kb: --port expects a number from 0 to 65535, got {portNumber}");
                return ExitCodes.Usage;
            }
            // Full collections of a 10,000-post-mortem site's heap run in the background instead of pausing an edit's reload.
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
            var inputDir = parse.GetValue(input)!;
            if (!Directory.Exists(inputDir))
            {
                stderr.WriteLine($"kb: the input folder '{inputDir}' does not exist");
                return ExitCodes.Usage;
            }
            if (!ThemeFolders.TryResolve(parse.GetValue(theme), inputDir, stderr, out var themeDirs)) return ExitCodes.Usage;

            var options = new ServeOptions
            {
                InputDir = inputDir,
                Port = portNumber,
                ThemeDirs = themeDirs,
                AsOf = reference,
                IncludeDrafts = !parse.GetValue(publishedOnly),
                Public = parse.GetValue(publicOnly),
            };
            return Run(options, new ServeReporter(stdout, stderr), stderr);
        });
        return command;
    }

    private static int Run(ServeOptions options, ServeReporter reporter, TextWriter stderr)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // stop cleanly below instead of being killed
            stop.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            return RunAsync(options, reporter, stop.Token).GetAwaiter().GetResult();
        }
        catch (ServeException e)
        {
            stderr.WriteLine($"kb: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        finally
        {
            System.Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> RunAsync(ServeOptions options, ServeReporter reporter, CancellationToken stop)
    {
        await using (await LiveServer.StartAsync(options, reporter))
        {
            try { await Task.Delay(Timeout.Infinite, stop); }
            catch (OperationCanceledException) { }
        }
        reporter.Stopped();
        return ExitCodes.Ok;
    }
}
