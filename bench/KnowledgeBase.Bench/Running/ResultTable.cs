using System.Globalization;

namespace KnowledgeBase.Bench.Running;

/// <summary>The benchmark's closing table: one row per size and tool, kb's rows with its ratios to Hugo.</summary>
internal static class ResultTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal sealed record Row(int Size, string Tool, double WallMedian, double WallMin, double RssMedianMiB, double CpuMedian,
        long OutputBytes, int OutputFiles)
    {
        /// <summary>Median over the runs of kb's wall time divided by the Hugo run next to it (NaN without Hugo).</summary>
        public double PairedWallRatio { get; init; } = double.NaN;
    }

    public static IReadOnlyList<string[]> Cells(IReadOnlyList<Row> rows) => rows.Select(r =>
    {
        var hugo = r.Tool == "kb" ? rows.FirstOrDefault(o => o.Size == r.Size && o.Tool == "hugo") : null;
        return new[]
        {
            r.Size.ToString(Inv),
            r.Tool,
            r.WallMedian.ToString("F2", Inv),
            r.WallMin.ToString("F2", Inv),
            r.RssMedianMiB < 0 ? "n/a" : r.RssMedianMiB.ToString("F0", Inv),
            r.CpuMedian < 0 ? "n/a" : r.CpuMedian.ToString("F2", Inv),
            BenchRunner.MiB(r.OutputBytes).ToString("F1", Inv),
            r.OutputFiles.ToString(Inv),
            hugo is null ? "" : Ratio(r.WallMedian, hugo.WallMedian),
            hugo is null || double.IsNaN(r.PairedWallRatio) ? "" : r.PairedWallRatio.ToString("F2", Inv) + "×",
            hugo is null || r.RssMedianMiB < 0 || hugo.RssMedianMiB <= 0 ? "" : Ratio(r.RssMedianMiB, hugo.RssMedianMiB),
            hugo is null || r.CpuMedian < 0 || hugo.CpuMedian <= 0 ? "" : Ratio(r.CpuMedian, hugo.CpuMedian),
        };
    }).ToList();

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("F2", Inv) + "×" : "";

    public static void Print(IReadOnlyList<Row> rows, double floorMiB)
    {
        string[] header = ["size", "tool", "wall median (s)", "wall min (s)", "peak RSS (MiB)", "cpu median (s)", "output MiB", "files",
            "wall ÷ hugo", "paired ÷ hugo", "RSS ÷ hugo", "cpu ÷ hugo"];
        MarkdownTable.Print(header, Cells(rows));
        Console.WriteLine("wall: process start to exit of the build (`kb build`, `hugo`), median and minimum of the runs.");
        Console.WriteLine("peak RSS: getrusage(RUSAGE_CHILDREN).ru_maxrss of the build, median of the runs" +
                          (floorMiB >= 0 ? string.Create(Inv, $"; measurement floor {floorMiB:F1} MiB (wrapper's own RSS inherited at exec).") : "."));
        Console.WriteLine("cpu: user + system CPU time of the build (above wall time = parallel work).");
        Console.WriteLine("output: total size and number of files of the output folder after the last run.");
        Console.WriteLine("÷ hugo: kb's median divided by Hugo's median in this session; paired: median of each kb run divided by the Hugo run next to it.");
        Console.WriteLine("On a machine shared with other work, wall times stretch with the load; CPU time is the steadier measure of work done.");
    }
}
