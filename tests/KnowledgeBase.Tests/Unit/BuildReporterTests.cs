using KnowledgeBase.Cli.Console;
using KnowledgeBase.Pipeline;

namespace KnowledgeBase.Tests.Unit;

public class BuildReporterTests
{
    [Fact]
    public void Summary_quotes_the_builds_wall_time_not_the_sum_of_overlapping_stages()
    {
        var stdout = new StringWriter();
        var reporter = BuildReporter.Create(stdout, new StringWriter(), verbose: false);
        // search and render+write ran side by side: their 7 s + 6 s overlap within 8.5 s of wall time.
        var stages = new[]
        {
            new StageTiming("parse", 10, TimeSpan.FromSeconds(1.5)),
            new StageTiming("search", 10, TimeSpan.FromSeconds(7)),
            new StageTiming("render+write", 12, TimeSpan.FromSeconds(6)),
        };
        var result = new BuildResult([], stages, 10, 12, 30, 4096);

        reporter.Report(result, "out", TimeSpan.FromSeconds(8.5));

        Assert.Contains("in out in 8.50 s.", stdout.ToString());
    }
}
