using System.Globalization;

namespace KnowledgeBase.Bench.Running;

/// <summary>
/// <c>run --check</c>: how long <c>kb check</c> (every validation of the build plus the lints, nothing written)
/// takes on the same corpus — what an author waits for on every pull request. Timed separately from the builds, so
/// a slow lint cannot hide behind a fast build.
/// </summary>
internal static class CheckTimes
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal sealed record Row(int Size, double WallMedian, double RssMedianMiB, double CpuMedian, string Summary);

    /// <param name="command">The kb check command line for the corpus.</param>
    /// <param name="measure">Runs a command line and measures it (BenchRunner's wrapper).</param>
    public static Row Measure(int size, int runs, IReadOnlyList<string> command, Func<IReadOnlyList<string>, BenchRunner.RunResult> measure)
    {
        var results = new List<BenchRunner.RunResult>();
        for (var run = 0; run < runs; run++)
        {
            var r = measure(command);
            // 1 means the corpus has errors, which a generated corpus never should: the timing would not be a check's.
            if (r.ExitCode != 0) throw new InvalidOperationException($"kb check exited with code {r.ExitCode}:\n{r.StdErr}");
            results.Add(r);
            Console.WriteLine(string.Create(Inv,
                $"  {size,6} docs  kb   check            wall {r.WallSeconds,7:F2} s   peak RSS {BenchRunner.MiB(r.MaxRssKiB * 1024L),7:F1} MiB   cpu {r.CpuSeconds,7:F2} s"));
        }
        return new Row(size, BenchRunner.Median([.. results.Select(x => x.WallSeconds)]),
            BenchRunner.Median([.. results.Select(x => BenchRunner.MiB(x.MaxRssKiB * 1024L))]),
            BenchRunner.Median([.. results.Select(x => x.CpuSeconds)]), LastLine(results[^1].StdOut));
    }

    /// <summary>kb check's closing line ("0 errors, 9066 warnings in 10000 post-mortems; …").</summary>
    public static string LastLine(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    public static IReadOnlyList<string[]> Cells(IReadOnlyList<Row> rows) => rows.Select(r => new[]
    {
        r.Size.ToString(Inv),
        r.Summary,
        r.WallMedian.ToString("F2", Inv),
        r.RssMedianMiB < 0 ? "n/a" : r.RssMedianMiB.ToString("F0", Inv),
        r.CpuMedian < 0 ? "n/a" : r.CpuMedian.ToString("F2", Inv),
    }).ToList();

    public static void Print(IReadOnlyList<Row> rows)
    {
        MarkdownTable.Print(["size", "kb check says", "wall median (s)", "peak RSS (MiB)", "cpu median (s)"], Cells(rows));
        Console.WriteLine("kb check: every validation and lint of the corpus, nothing written, --as-of as for the builds.");
    }
}
