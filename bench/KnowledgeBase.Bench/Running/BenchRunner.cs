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

    internal sealed record RunResult(int ExitCode, double WallSeconds, long MaxRssKiB, double CpuSeconds, string StdOut, string StdErr);

    /// <summary>One measured program: how to build a corpus into an output folder.</summary>
    private sealed record Tool(string Name, Func<string, string, string, IReadOnlyList<string>> Command);

    public static int Run(string[] argv)
    {
        var args = Args.Parse(argv, new HashSet<string> { "build", "keep", "no-hugo", "rebuilds", "check" });
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
        var noHugo = args.Flag("no-hugo");
        var hugoArg = args.String("hugo") ?? "hugo";
        var rebuilds = args.Flag("rebuilds");
        var check = args.Flag("check");
        args.EnsureAllUsed();
        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", Inv, DateTimeStyles.None, out _))
            throw new UsageException($"--as-of expects YYYY-MM-DD, got '{asOf}'");

        var tools = new List<Tool>();
        var kbPath = ResolveKb(kbArg, forceBuild, dotnet);
        if (kbPath is null) return 1;
        // A kb.dll (framework-dependent build) starts through the dotnet host; the native executable directly.
        string[] kbStart = kbPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [dotnet, kbPath] : [kbPath];
        tools.Add(new Tool("kb", (corpus, output, _) => [.. kbStart, "build", "--input", corpus, "--output", output, "--as-of", asOf]));
        if (!noHugo)
        {
            // The comparison is the point of the benchmark: without Hugo it stops and says how to get it.
            var hugo = Hugo.Find(hugoArg);
            var root = FindRepoRoot();
            var hugoSite = root is null ? null : Path.Combine(root, "bench", "hugo-site");
            if (hugo is null)
            {
                Console.Error.WriteLine($"error: hugo not found ('{hugoArg}'); {Hugo.InstallHint}.");
                return 1;
            }
            if (hugoSite is null || !File.Exists(Path.Combine(hugoSite, "hugo.toml")))
            {
                Console.Error.WriteLine("error: bench/hugo-site/hugo.toml not found; run from the repository, or use --no-hugo.");
                return 1;
            }
            Console.WriteLine($"hugo:    {hugo} ({Hugo.Version(hugo)}), site {hugoSite}");
            tools.Add(new Tool("hugo", (corpus, output, scratch) => Hugo.Command(hugo, hugoSite, corpus, output, scratch)));
        }
        Directory.CreateDirectory(work);

        Console.WriteLine($"kb:      {kbPath}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformationText()}");
        Console.WriteLine($"runs:    {runs} per size and tool (+{warmup} warm-up), alternating, seed {seed}, --as-of {asOf}, work folder {work}");

        var floor = MeasureFloor(work);
        var rows = new List<ResultTable.Row>();
        var rebuildRows = new List<Rebuilds.Row>();
        var checkRows = new List<CheckTimes.Row>();
        foreach (var size in sizes)
        {
            var corpus = EnsureCorpus(work, size, seed);
            var results = tools.ToDictionary(t => t.Name, _ => new List<RunResult>());
            var outputs = new Dictionary<string, (long Bytes, int Files)>();
            for (var i = 0; i < warmup + runs; i++)
            {
                var label = i < warmup ? $"warm-up {i + 1}/{warmup}" : $"run {i - warmup + 1}/{runs}";
                // Alternate the order (kb, hugo, then hugo, kb …) so a slow drift of the machine's load
                // does not favour whichever tool always runs first.
                var order = i % 2 == 0 ? tools : Enumerable.Reverse(tools).ToList();
                foreach (var tool in order)
                {
                    // A fresh, empty parent folder each time: removes the previous site, anything kb
                    // staged next to it and Hugo's caches.
                    var runRoot = Path.Combine(work, $"run-{size.ToString(Inv)}-{tool.Name}");
                    var output = Path.Combine(runRoot, "site");
                    DeleteDirectory(runRoot);
                    Directory.CreateDirectory(runRoot);
                    var result = Measure(work, tool.Command(corpus, output, runRoot));
                    if (result.ExitCode != 0)
                    {
                        Console.Error.WriteLine($"size {size}: {tool.Name} {label}: build exited with code {result.ExitCode}.");
                        Console.Error.WriteLine($"---- {tool.Name} stderr ----");
                        Console.Error.WriteLine(result.StdErr.TrimEnd());
                        if (result.StdOut.Length > 0)
                        {
                            Console.Error.WriteLine($"---- {tool.Name} stdout (tail) ----");
                            Console.Error.WriteLine(Tail(result.StdOut, 40));
                        }
                        return 1;
                    }
                    Console.WriteLine(string.Create(Inv,
                        $"  {size,6} docs  {tool.Name,-4} {label,-12} wall {result.WallSeconds,7:F2} s   peak RSS {MiB(result.MaxRssKiB * 1024L),7:F1} MiB   cpu {result.CpuSeconds,7:F2} s"));
                    if (i >= warmup) results[tool.Name].Add(result);
                    if (i == warmup + runs - 1)
                    {
                        outputs[tool.Name] = FolderSize(output);
                        if (!keep) DeleteDirectory(runRoot);
                    }
                }
            }

            foreach (var tool in tools)
            {
                var r = results[tool.Name];
                var walls = r.Select(x => x.WallSeconds).ToList();
                var rss = r.Select(x => MiB(x.MaxRssKiB * 1024L)).ToList();
                rows.Add(new ResultTable.Row(size, tool.Name, Median(walls), walls.Min(), Median(rss),
                    Median(r.Select(x => x.CpuSeconds).ToList()), outputs[tool.Name].Bytes, outputs[tool.Name].Files));
            }
            if (results.TryGetValue("hugo", out var hugoRuns))
            {
                // Ratios of runs made back to back: each kb run against the Hugo run next to it.
                var pairs = results["kb"].Zip(hugoRuns).Select(p => p.First.WallSeconds / p.Second.WallSeconds).ToList();
                rows[^2] = rows[^2] with { PairedWallRatio = Median(pairs) };
            }
            if (rebuilds)
            {
                var kb = tools[0];
                rebuildRows.AddRange(Rebuilds.Measure(work, size, corpus, runs,
                    (input, output) => kb.Command(input, output, Path.GetDirectoryName(output)!), command => Measure(work, command)));
            }
            if (check) checkRows.Add(CheckTimes.Measure(size, runs, [.. kbStart, "check", "--input", corpus, "--as-of", asOf], command => Measure(work, command)));
        }

        ResultTable.Print(rows, floor);
        if (rebuilds) Rebuilds.Print(rebuildRows);
        if (check) CheckTimes.Print(checkRows);
        return 0;
    }

    // ------------------------------------------------------------------ child processes

    internal static RunResult Measure(string work, IReadOnlyList<string> command)
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

    /// <summary>A child's output, bounded: its first and its last half megabyte of lines (the end holds kb's summary
    /// and, after a failure, what went wrong), with how many lines were left out between.</summary>
    internal sealed class BoundedLog
    {
        private const int HalfChars = 1 << 19;
        private readonly StringBuilder _head = new();
        private readonly Queue<string> _tail = new();
        private int _tailChars;
        private int _dropped;

        public void Add(string? line)
        {
            if (line is null) return;
            lock (_head)
            {
                if (_tail.Count == 0 && _head.Length + line.Length < HalfChars)
                {
                    _head.Append(line).Append('\n');
                    return;
                }
                _tail.Enqueue(line);
                _tailChars += line.Length + 1;
                while (_tailChars > HalfChars && _tail.Count > 1)
                {
                    _tailChars -= _tail.Dequeue().Length + 1;
                    _dropped++;
                }
            }
        }

        public override string ToString()
        {
            lock (_head)
            {
                var text = new StringBuilder().Append(_head);
                if (_dropped > 0) text.Append(CultureInfo.InvariantCulture, $"… {_dropped} lines left out …\n");
                foreach (var line in _tail) text.Append(line).Append('\n');
                return text.ToString();
            }
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
            Console.Error.WriteLine("error: KnowledgeBase.sln not found above the current folder; pass --kb PATH/kb.");
            return null;
        }
        // Published for this machine's runtime, as a user installing kb for speed would run it: one native
        // executable (Native AOT, see KnowledgeBase.Cli.csproj), so no JIT time is measured.
        var publishDir = Path.Combine(root, "src", "KnowledgeBase.Cli", "bin", "Release", "publish-" + RuntimeId());
        var exe = Path.Combine(publishDir, OperatingSystem.IsWindows() ? "kb.exe" : "kb");
        if (forceBuild || !File.Exists(exe))
        {
            var project = Path.Combine(root, "src", "KnowledgeBase.Cli", "KnowledgeBase.Cli.csproj");
            Console.WriteLine($"Publishing {project} (Release, {RuntimeId()}, Native AOT) to {publishDir} …");
            // A ReadyToRun kb.dll left by an older publish would otherwise sit beside the executable, unused.
            if (Directory.Exists(publishDir)) Directory.Delete(publishDir, true);
            var psi = new ProcessStartInfo(dotnet) { UseShellExecute = false };
            foreach (var a in new[] { "publish", "-c", "Release", "-r", RuntimeId(), project, "-o", publishDir, "-nologo", "-v:q" }) psi.ArgumentList.Add(a);
            using var build = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet publish");
            build.WaitForExit();
            if (build.ExitCode != 0 || !File.Exists(exe))
            {
                Console.Error.WriteLine($"error: publishing kb failed (exit code {build.ExitCode}); Native AOT links with clang or gcc (apt-get install -y clang).");
                return null;
            }
        }
        return exe;
    }

    private static string RuntimeId()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return os + "-" + System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
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

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    internal static double MiB(long bytes) => bytes < 0 ? -1 : bytes / 1048576.0;

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.TrimEnd().Split('\n').TakeLast(lines));

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
}
