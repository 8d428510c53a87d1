using System.Globalization;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Bench.Running;

/// <summary>
/// <c>run --rebuilds</c>: how long kb takes to build again into the folder it built before — with nothing changed, and
/// with one post-mortem's body edited — against the first (full) build of the same folder. Works on a copy of the
/// corpus, so the cached corpus is never edited; each run edits a different post-mortem and puts it back afterwards.
/// </summary>
internal static partial class Rebuilds
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const string First = "first build";
    public const string Unchanged = "nothing changed";
    public const string OneEdit = "one file edited";

    internal sealed record Row(int Size, string Case, double WallMedian, double RssMedianMiB, double CpuMedian, int FilesWritten);

    /// <param name="kb">The kb command line for (input, output).</param>
    /// <param name="measure">Runs a command line and measures it (BenchRunner's wrapper).</param>
    public static List<Row> Measure(string work, int size, string corpus, int runs,
        Func<string, string, IReadOnlyList<string>> kb, Func<IReadOnlyList<string>, BenchRunner.RunResult> measure)
    {
        var root = Path.Combine(work, $"rebuild-{size.ToString(Inv)}");
        var input = Path.Combine(root, "input");
        var output = Path.Combine(root, "out", "site");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        CopyTree(corpus, input);
        var files = Directory.EnumerateFiles(Path.Combine(input, "postmortems"), "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).ToList();

        var results = new Dictionary<string, List<BenchRunner.RunResult>> { [First] = [], [Unchanged] = [], [OneEdit] = [] };
        try
        {
            for (var run = 0; run < runs; run++)
            {
                // A folder kb never built (no site, no build state, no cache) for the first build of each run.
                var outRoot = Path.GetDirectoryName(output)!;
                if (Directory.Exists(outRoot)) Directory.Delete(outRoot, recursive: true);
                Directory.CreateDirectory(outRoot);
                Record(First, Check(measure(kb(input, output)), First));
                Record(Unchanged, Check(measure(kb(input, output)), Unchanged));

                var file = files[(run * 7919 + size / 3) % files.Count];
                var original = File.ReadAllBytes(file);
                try
                {
                    File.WriteAllText(file, Edit(File.ReadAllText(file), run));
                    Record(OneEdit, Check(measure(kb(input, output)), OneEdit));
                }
                finally
                {
                    File.WriteAllBytes(file, original);
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        return [.. new[] { First, Unchanged, OneEdit }.Select(c =>
        {
            var r = results[c];
            return new Row(size, c, BenchRunner.Median([.. r.Select(x => x.WallSeconds)]),
                BenchRunner.Median([.. r.Select(x => BenchRunner.MiB(x.MaxRssKiB * 1024L))]),
                BenchRunner.Median([.. r.Select(x => x.CpuSeconds)]), FilesWritten(r[^1].StdOut));
        })];

        void Record(string kind, BenchRunner.RunResult r)
        {
            results[kind].Add(r);
            Console.WriteLine(string.Create(Inv,
                $"  {size,6} docs  kb   {kind,-16} wall {r.WallSeconds,7:F2} s   peak RSS {BenchRunner.MiB(r.MaxRssKiB * 1024L),7:F1} MiB   cpu {r.CpuSeconds,7:F2} s"));
        }
    }

    /// <summary>The post-mortem with one sentence added at the end of its body (front matter untouched).</summary>
    public static string Edit(string text, int run) =>
        text.TrimEnd('\n') + string.Create(Inv, $"\n\nAdded by the rebuild benchmark, run {run + 1}.\n");

    /// <summary>The "N written" of kb's summary line, or -1 when it says nothing (a full build writes every file).</summary>
    public static int FilesWritten(string stdout) =>
        WrittenPattern().Match(stdout) is { Success: true } m ? int.Parse(m.Groups[1].Value, Inv) : -1;

    public static IReadOnlyList<string[]> Cells(IReadOnlyList<Row> rows) => rows.Select(r =>
    {
        var first = rows.First(o => o.Size == r.Size && o.Case == First);
        return new[]
        {
            r.Size.ToString(Inv),
            r.Case,
            r.WallMedian.ToString("F2", Inv),
            r.RssMedianMiB < 0 ? "n/a" : r.RssMedianMiB.ToString("F0", Inv),
            r.CpuMedian < 0 ? "n/a" : r.CpuMedian.ToString("F2", Inv),
            r.FilesWritten < 0 ? "all" : r.FilesWritten.ToString(Inv),
            r.Case == First || r.WallMedian <= 0 ? "" : (first.WallMedian / r.WallMedian).ToString("F1", Inv) + "×",
        };
    }).ToList();

    public static void Print(IReadOnlyList<Row> rows)
    {
        string[] header = ["size", "kb build", "wall median (s)", "peak RSS (MiB)", "cpu median (s)", "files written", "faster than first"];
        MarkdownTable.Print(header, Cells(rows));
        Console.WriteLine("Rebuilds: the same output folder built again right after its first build, with nothing changed, then with one");
        Console.WriteLine("post-mortem's body edited (a sentence appended; a different file each run). files written: by the last run;");
        Console.WriteLine("faster than first: first build's median ÷ this one's.");
    }

    private static BenchRunner.RunResult Check(BenchRunner.RunResult r, string kind) =>
        r.ExitCode == 0 ? r : throw new InvalidOperationException($"kb {kind} exited with code {r.ExitCode}:\n{r.StdErr}");

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    [GeneratedRegex(@"(\d+) written")]
    private static partial Regex WrittenPattern();
}
