using System.Globalization;
using KnowledgeBase.Model;
using KnowledgeBase.Pipeline;
using Spectre.Console;

namespace KnowledgeBase.Cli.Console;

/// <summary>
/// Shows build progress: a live Spectre.Console status on an interactive terminal, plain lines in CI or when
/// output is redirected. Diagnostics always go to standard error, one located line each.
/// </summary>
public sealed class BuildReporter : IBuildObserver
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly bool _verbose;
    private readonly bool _interactive;
    private StatusContext? _status;

    private BuildReporter(TextWriter stdout, TextWriter stderr, bool verbose, bool interactive)
    {
        _out = stdout;
        _err = stderr;
        _verbose = verbose;
        _interactive = interactive;
    }

    public static BuildReporter Create(TextWriter stdout, TextWriter stderr, bool verbose)
    {
        var ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        var interactive = !ci && ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        return new BuildReporter(stdout, stderr, verbose, interactive);
    }

    public T Run<T>(Func<IBuildObserver, T> build)
    {
        if (!_interactive) return build(this);
        T result = default!;
        AnsiConsole.Status().Start("Building…", ctx =>
        {
            _status = ctx;
            result = build(this);
        });
        _status = null;
        return result;
    }

    public void StageStarted(string stage)
    {
        if (_status is not null) _status.Status($"Building: {stage}…");
    }

    public void StageFinished(StageTiming timing)
    {
        if (_verbose)
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {timing.Stage,-14} {timing.Count,7} items {timing.Elapsed.TotalMilliseconds,9:F1} ms   heap {timing.HeapBytesAfter / 1048576.0,6:F0} MiB   peak RSS {timing.PeakResidentBytes / 1048576.0,6:F0} MiB"));
    }

    /// <summary>", 12 written, 1766 unchanged" after a rebuild that left files alone; nothing on a full build.</summary>
    private static string Unchanged(BuildResult result) =>
        result.FilesChanged >= 0 && result.FilesChanged < result.Files
            ? string.Create(CultureInfo.InvariantCulture, $", {result.FilesChanged} written, {result.Files - result.FilesChanged} unchanged")
            : "";

    /// <summary>How much the garbage collector cost this process: a large share points at allocation to cut.</summary>
    private static string GcLine(TimeSpan elapsed)
    {
        var pauses = GC.GetTotalPauseDuration();
        return string.Create(CultureInfo.InvariantCulture,
            $"gc: {GC.CollectionCount(0)} collections (gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}), paused {pauses.TotalSeconds:F2} s ({100 * pauses / elapsed:F0} % of the wall time), {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB allocated");
    }

    /// <param name="elapsed">Wall time of the whole build (not the sum of its stages, some of which run side by side).</param>
    public void Report(BuildResult result, string outputDir, TimeSpan elapsed)
    {
        foreach (var d in result.Diagnostics) _err.WriteLine(d.ToString());
        if (_verbose)
        {
            _out.WriteLine(CacheLine(result.Cache));
            _out.WriteLine(GcLine(elapsed));
        }
        if (result.Succeeded)
        {
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Built {result.Incidents} post-mortems into {result.Pages} pages ({result.Files} files, {result.Bytes / 1024.0:F0} KiB{Unchanged(result)}) in {outputDir} in {elapsed.TotalSeconds:F2} s{Warnings(result)}."));
        }
        else
        {
            _err.WriteLine($"Build failed: {result.ErrorCount} error(s){Warnings(result)}. The previous site in '{outputDir}' was left unchanged.");
        }
    }

    /// <summary>Whether the site record let the build keep the previous site.</summary>
    internal static string CacheLine(Caching.CacheUse c) =>
        !c.Loaded ? "cache: none usable (full build)"
        : c.SiteReused ? "cache: nothing changed, previous site kept (no stage ran)"
        : "cache: inputs or site changed since the previous build (full build, unchanged files left alone)";

    private static string Warnings(BuildResult r) => r.WarningCount > 0 ? $", {r.WarningCount} warning(s)" : "";
}
