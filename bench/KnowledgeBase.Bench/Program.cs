using System.Globalization;
using KnowledgeBase.Bench.Generation;
using KnowledgeBase.Bench.Running;

namespace KnowledgeBase.Bench;

internal static class Program
{
    private const string Usage = """
        KnowledgeBase.Bench — synthetic post-mortems and a benchmark of `kb build`.

        Usage:
          generate --count N --out DIR [--seed S]
              Write N synthetic post-mortems to DIR/postmortems/<yyyy>/<id>.md and DIR/site.yml.
              Same arguments give byte-identical files. DIR/postmortems is replaced.

          run [--sizes 1000,10000] [--runs 3] [--warmup 0] [--seed S] [--kb PATH/kb]
              [--work DIR] [--as-of 2026-11-23] [--build] [--keep] [--dotnet PATH]
              [--hugo PATH | --no-hugo] [--rebuilds] [--check]
              For each size: generate the corpus (cached in the work folder), then build it with
              `kb build` and with Hugo (bench/hugo-site) in child processes, alternating,
              --runs times each, output folder removed before each run, and print wall time, peak
              RSS, CPU time, output size and kb's ratios to Hugo.
              --kb       kb to measure: a native executable or a kb.dll (default
                         src/KnowledgeBase.Cli/bin/Release/publish-<rid>/kb, published in Release
                         with Native AOT first if missing)
              --build    publish kb again even if it exists
              --work     where corpora and outputs go (default: <temp>/kb-bench)
              --keep     keep the last output folder of each size and tool
              --hugo     the hugo executable (default: hugo on PATH; the run stops if it is missing)
              --no-hugo  measure kb alone
              --rebuilds also time kb building again into the folder it built: nothing changed, and
                         one post-mortem edited (on a copy of the corpus), against its first build
              --check    also time `kb check` on each corpus (validation and lints, nothing written)

        Exit codes: 0 ok, 1 a build failed, 2 usage error.
        """;

    private static int Main(string[] argv)
    {
        try
        {
            if (argv.Length == 0 || argv[0] is "-h" or "--help" or "help")
            {
                Console.WriteLine(Usage);
                return argv.Length == 0 ? 2 : 0;
            }
            var rest = argv[1..];
            return argv[0] switch
            {
                "generate" => Generate(rest),
                "run" => BenchRunner.Run(rest),
                MeasureCommand.Name => MeasureCommand.Run(rest),
                _ => throw new UsageException($"unknown command '{argv[0]}'"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Run with --help for usage.");
            return 2;
        }
    }

    private static int Generate(string[] argv)
    {
        var args = Args.Parse(argv, new HashSet<string>());
        var count = args.Int("count", -1, min: 0);
        var output = args.String("out");
        var seed = args.ULong("seed", CorpusGenerator.DefaultSeed);
        args.EnsureAllUsed();
        if (count < 0) throw new UsageException("--count is required");
        if (string.IsNullOrEmpty(output)) throw new UsageException("--out is required");

        var stats = CorpusGenerator.Write(output, count, seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {stats.Documents} post-mortems ({stats.Bytes / 1048576.0:F1} MiB) to {Path.GetFullPath(output)} in {stats.Elapsed.TotalSeconds:F2} s (seed {seed})."));
        return 0;
    }
}
