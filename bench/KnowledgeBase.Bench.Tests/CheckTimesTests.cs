using KnowledgeBase.Bench.Running;

namespace KnowledgeBase.Bench.Tests;

/// <summary>run --check: what it reads from kb check's output, and its table.</summary>
public sealed class CheckTimesTests
{
    [Fact]
    public void The_summary_is_kb_checks_closing_line()
    {
        var stdout = "a.md:3:1: warning [blameless] …\n\n0 errors, 2 warnings in 10 post-mortems; 1 overdue actions.\n  \n";
        Assert.Equal("0 errors, 2 warnings in 10 post-mortems; 1 overdue actions.", CheckTimes.LastLine(stdout));
        Assert.Equal("", CheckTimes.LastLine(""));
    }

    [Fact]
    public void A_row_shows_size_summary_and_medians()
    {
        var cells = CheckTimes.Cells([new CheckTimes.Row(10000, 6.657, 366.3, 10.96, "0 errors"), new CheckTimes.Row(1000, 0.7, -1, -1, "x")]);
        Assert.Equal(["10000", "0 errors", "6.66", "366", "10.96"], cells[0]);
        Assert.Equal(["1000", "x", "0.70", "n/a", "n/a"], cells[1]);
    }

    [Fact]
    public void A_long_output_keeps_its_beginning_and_its_end()
    {
        var log = new BenchRunner.BoundedLog();
        for (var i = 0; i < 100_000; i++) log.Add($"warning {i:D6} " + new string('x', 40));
        log.Add("0 errors, 100000 warnings in 10000 post-mortems; 0 overdue actions.");

        var text = log.ToString();
        Assert.StartsWith("warning 000000 ", text);
        Assert.Matches(@"… \d+ lines left out …\n", text);
        Assert.True(text.Length < 1_100_000, $"{text.Length} characters kept");
        Assert.Equal("0 errors, 100000 warnings in 10000 post-mortems; 0 overdue actions.", CheckTimes.LastLine(text));
    }
}
