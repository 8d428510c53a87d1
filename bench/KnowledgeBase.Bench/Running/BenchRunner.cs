using System.Diagnostics;
using System.Globalization;
using System.Text;
using KnowledgeBase.Bench.Generation;

namespace KnowledgeBase.Bench.Running;

/// <summary>The <c>run</c> command: generate corpora, build each with the real <c>kb</c> CLI in a
/// child process several times, and print a table.</summary>
internal static class BenchRunner
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record RunResult(int ExitCode, double WallSeconds, long MaxRssKiB, double CpuSeconds, string StdOut, string StdErr);

    private sealed record Row(int Size, double WallMedian, double WallMin, double RssMedianMiB, double RssMaxMiB, double CpuMedian, long OutputBytes, int OutputFiles);

    public static int Run(string[] argv)
    {
        var args = Args.Parse(argv, new HashSet<string> { "build", "keep" });
        var sizes = ParseSizes(args.String("sizes") ?? "1000,10000");
        var runs = args.Int("runs", 3, min: 1);
        var warmup = args.Int("warmup", 0, min: 0);
        var seed = args.ULong("seed", CorpusGenerator.DefaultSeed);
        var kbArg = args.String("kb");
        var work = Path.GetFullPath(args.String("work") ?? Path.Combine(Path.GetTempPath(), "kb-bench"));
        var asOf = args.String("as-of") ?? CorpusGenerator.ReferenceDate.ToString("yyyy-MM-dd", Inv);
        var forceBuild = args.Flag("build");
        var keep = args.Flag("keep");
        var dotnet = args.String("dotnet") ?? "dotnet";
        args.EnsureAllUsed();
        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", Inv, DateTimeStyles.None, out _))
            throw new UsageException($"--as-of expects YYYY-MM-DD, got '{asOf}'");

        var kbDll = ResolveKb(kbArg, forceBuild, dotnet);
        if (kbDll is null) return 1;
        Directory.CreateDirectory(work);

        Console.WriteLine($"kb:      {kbDll}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformationText()}");
        Console.WriteLine($"runs:    {runs} per size (+{warmup} warm-up), seed {seed}, --as-of {asOf}, work folder {work}");

        var floor = MeasureFloor(work);
        var rows = new List<Row>();
        foreach (var size in sizes)
        {
            var corpus = EnsureCorpus(work, size, seed);
            var runRoot = Path.Combine(work, $"run-{size.ToString(Inv)}");
            var output = Path.Combine(runRoot, "site");
            var results = new List<RunResult>();
            for (var i = 0; i < warmup + runs; i++)
            {
                // A fresh, empty parent folder each time: removes the previous site and anything kb
                // may have staged next to it.
                DeleteDirectory(runRoot);
                Directory.CreateDirectory(runRoot);
                var result = Measure(work, [dotnet, kbDll, "build", "--input", corpus, "--output", output, "--as-of", asOf]);
                var label = i < warmup ? $"warm-up {i + 1}/{warmup}" : $"run {i - warmup + 1}/{runs}";
                if (result.ExitCode != 0)
                {
                    Console.Error.WriteLine($"size {size}: {label}: kb build exited with code {result.ExitCode}.");
                    Console.Error.WriteLine("---- kb stderr ----");
                    Console.Error.WriteLine(result.StdErr.TrimEnd());
                    if (result.StdOut.Length > 0)
                    {
                        Console.Error.WriteLine("---- kb stdout (tail) ----");
                        Console.Error.WriteLine(Tail(result.StdOut, 40));
                    }
                    return 1;
                }
                Console.WriteLine(string.Create(Inv,
                    $"  {size,6} docs  {label,-12} wall {result.WallSeconds,7:F2} s   peak RSS {MiB(result.MaxRssKiB * 1024L),7:F1} MiB   cpu {result.CpuSeconds,7:F2} s"));
                if (i >= warmup) results.Add(result);
            }

            var (bytes, files) = FolderSize(output);
            var walls = results.Select(r => r.WallSeconds).ToList();
            var rss = results.Select(r => MiB(r.MaxRssKiB * 1024L)).ToList();
            rows.Add(new Row(size, Median(walls), walls.Min(), Median(rss), rss.Max(),
                Median(results.Select(r => r.CpuSeconds).ToList()), bytes, files));
            if (!keep) DeleteDirectory(runRoot);
        }

        PrintTable(rows, floor);
        return 0;
    }

    private static void PrintTable(List<Row> rows, double floorMiB)
    {
        string[] header = ["size", "wall median (s)", "wall min (s)", "peak RSS (MiB)", "output MiB", "files", "cpu median (s)"];
        var cells = rows.Select(r => new[]
        {
            r.Size.ToString(Inv),
            r.WallMedian.ToString("F2", Inv),
            r.WallMin.ToString("F2", Inv),
            r.RssMedianMiB < 0 ? "n/a" : r.RssMedianMiB.ToString("F0", Inv),
            MiB(r.OutputBytes).ToString("F1", Inv),
            r.OutputFiles.ToString(Inv),
            r.CpuMedian < 0 ? "n/a" : r.CpuMedian.ToString("F2", Inv),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] values) => "| " + string.Join(" | ", values.Select((v, i) => i == 0 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))) + " |";

        Console.WriteLine();
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var c in cells) Console.WriteLine(Line(c));
        Console.WriteLine();
        Console.WriteLine("wall: process start to exit of `dotnet kb.dll build` (median and minimum of the runs).");
        Console.WriteLine("peak RSS: getrusage(RUSAGE_CHILDREN).ru_maxrss of the build, median of the runs" +
                          (floorMiB >= 0 ? string.Create(Inv, $"; measurement floor {floorMiB:F1} MiB (wrapper's own RSS inherited at exec).") : "."));
        Console.WriteLine("output: total size and number of files of the output folder after the last run.");
        Console.WriteLine("cpu: user + system CPU time of the build (above wall time = parallel work).");
    }

    // ------------------------------------------------------------------ child processes

    private static RunResult Measure(string work, IReadOnlyList<string> command)
    {
        var resultFile = Path.Combine(work, "measure-result.txt");
        File.Delete(resultFile);
        var (exe, selfArgs) = SelfCommand();
        var psi = new ProcessStartInfo(exe)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in selfArgs) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(MeasureCommand.Name);
        psi.ArgumentList.Add("--result");
        psi.ArgumentList.Add(resultFile);
        psi.ArgumentList.Add("--");
        foreach (var a in command) psi.ArgumentList.Add(a);
        // Plain output from kb (no terminal, no colours) keeps the captured logs readable.
        psi.Environment["NO_COLOR"] = "1";

        var stdout = new BoundedLog();
        var stderr = new BoundedLog();
        using var wrapper = Process.Start(psi) ?? throw new InvalidOperationException("could not start the measuring wrapper");
        wrapper.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        wrapper.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        wrapper.BeginOutputReadLine();
        wrapper.BeginErrorReadLine();
        wrapper.WaitForExit();

        if (wrapper.ExitCode != 0 || !File.Exists(resultFile))
            return new RunResult(wrapper.ExitCode == 0 ? 1 : wrapper.ExitCode, 0, -1, -1, stdout.ToString(), stderr.ToString());
        var values = File.ReadAllLines(resultFile)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
        return new RunResult(
            int.Parse(values["exit"], Inv),
            double.Parse(values["wall_seconds"], Inv),
            long.Parse(values["maxrss_kib"], Inv),
            double.Parse(values["cpu_seconds"], Inv),
            stdout.ToString(), stderr.ToString());
    }

    /// <summary>Peak RSS reported for a trivial child (see <see cref="MeasureCommand"/>).</summary>
    private static double MeasureFloor(string work)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/bin/true")) return -1;
        var r = Measure(work, ["/bin/true"]);
        return r.ExitCode == 0 && r.MaxRssKiB >= 0 ? MiB(r.MaxRssKiB * 1024L) : -1;
    }

    /// <summary>How to start this program again: the apphost directly, or `dotnet Bench.dll`.</summary>
    private static (string Exe, string[] Args) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(BenchRunner).Assembly.Location;
        return Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (processPath, [dll])
            : (processPath, []);
    }

    private sealed class BoundedLog
    {
        private const int MaxChars = 1 << 20;
        private readonly StringBuilder _sb = new();

        public void Add(string? line)
        {
            if (line is null) return;
            lock (_sb)
            {
                if (_sb.Length < MaxChars) _sb.Append(line).Append('\n');
            }
        }

        public override string ToString()
        {
            lock (_sb) return _sb.ToString();
        }
    }

    // ------------------------------------------------------------------ kb and corpora

    private static string? ResolveKb(string? kbArg, bool forceBuild, string dotnet)
    {
        if (kbArg is not null)
        {
            var path = Path.GetFullPath(kbArg);
            if (File.Exists(path)) return path;
            Console.Error.WriteLine($"error: --kb {path} does not exist.");
            return null;
        }
        var root = FindRepoRoot();
        if (root is null)
        {
            Console.Error.WriteLine("error: KnowledgeBase.sln not found above the current folder; pass --kb PATH/kb.dll.");
            return null;
        }
        var dll = Path.Combine(root, "src", "KnowledgeBase.Cli", "bin", "Release", "net10.0", "kb.dll");
        if (forceBuild || !File.Exists(dll))
        {
            var project = Path.Combine(root, "src", "KnowledgeBase.Cli", "KnowledgeBase.Cli.csproj");
            Console.WriteLine($"Building {project} in Release …");
            var psi = new ProcessStartInfo(dotnet) { UseShellExecute = false };
            foreach (var a in new[] { "build", "-c", "Release", project, "-nologo", "-v:q" }) psi.ArgumentList.Add(a);
            using var build = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet build");
            build.WaitForExit();
            if (build.ExitCode != 0 || !File.Exists(dll))
            {
                Console.Error.WriteLine($"error: building kb failed (exit code {build.ExitCode}).");
                return null;
            }
        }
        return dll;
    }

    private static string? FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "KnowledgeBase.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>Generates the corpus once per (size, seed, generator version); a marker file
    /// written after the last document tells a complete corpus from an interrupted one.</summary>
    private static string EnsureCorpus(string work, int size, ulong seed)
    {
        var name = $"corpus-{size.ToString(Inv)}-seed{seed.ToString(Inv)}-v{CorpusGenerator.FormatVersion.ToString(Inv)}";
        var dir = Path.Combine(work, name);
        var marker = dir + ".complete";
        if (File.Exists(marker) && Directory.Exists(dir))
        {
            Console.WriteLine($"corpus:  {size} post-mortems (cached) in {dir}");
            return dir;
        }
        File.Delete(marker);
        DeleteDirectory(dir);
        var stats = CorpusGenerator.Write(dir, size, seed);
        File.WriteAllText(marker, string.Create(Inv, $"{stats.Documents} documents, {stats.Bytes} bytes\n"));
        Console.WriteLine(string.Create(Inv,
            $"corpus:  {size} post-mortems ({MiB(stats.Bytes):F1} MiB) generated in {stats.Elapsed.TotalSeconds:F2} s in {dir}"));
        return dir;
    }

    // ------------------------------------------------------------------ helpers

    private static List<int> ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, Inv, out var n) || n < 1)
                throw new UsageException($"--sizes expects positive integers separated by commas, got '{text}'");
            sizes.Add(n);
        }
        if (sizes.Count == 0) throw new UsageException("--sizes is empty");
        return sizes;
    }

    private static (long Bytes, int Files) FolderSize(string dir)
    {
        if (!Directory.Exists(dir)) return (0, 0);
        long bytes = 0;
        var files = 0;
        foreach (var f in new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            bytes += f.Length;
            files++;
        }
        return (bytes, files);
    }

    private static void DeleteDirectory(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double MiB(long bytes) => bytes < 0 ? -1 : bytes / 1048576.0;

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.TrimEnd().Split('\n').TakeLast(lines));

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
}
