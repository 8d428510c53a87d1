using KnowledgeBase.Pipeline;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

/// <summary>Stages run side by side: both results, both timings in order, and the first always finished before return.</summary>
public sealed class StageRunnerTests
{
    private sealed class Recorder : IBuildObserver
    {
        public List<string> Events { get; } = [];
        public void StageStarted(string stage) => Events.Add("start " + stage);
        public void StageFinished(StageTiming timing) => Events.Add("end " + timing.Stage + " " + timing.Count);
    }

    [Fact]
    public void Two_stages_run_at_the_same_time_and_report_in_order()
    {
        var observer = new Recorder();
        var runner = new StageRunner(observer);
        using var firstStarted = new ManualResetEventSlim();
        using var secondStarted = new ManualResetEventSlim();

        var (a, b) = runner.RunTogether(
            "a", () => { firstStarted.Set(); Assert.True(secondStarted.Wait(TimeSpan.FromSeconds(30))); return 3; }, x => x,
            "b", () => { secondStarted.Set(); Assert.True(firstStarted.Wait(TimeSpan.FromSeconds(30))); return "xy"; }, y => y.Length);

        Assert.Equal((3, "xy"), (a, b));
        Assert.Equal(["start a", "start b", "end a 3", "end b 2"], observer.Events);
        Assert.Equal(["a", "b"], runner.Timings.Select(t => t.Stage));
        Assert.All(runner.Timings, t => Assert.True(t.PeakResidentBytes > 0));
    }

    [Fact]
    public void When_the_second_stage_fails_the_first_has_finished_before_the_exception_surfaces()
    {
        var runner = new StageRunner(NullBuildObserver.Instance);
        var firstDone = false;

        var e = Assert.Throws<InvalidOperationException>(() => runner.RunTogether(
            "a", () => { Thread.Sleep(300); firstDone = true; return 1; }, x => x,
            "b", () => throw new InvalidOperationException("render failed"), (int y) => y));

        Assert.Equal("render failed", e.Message);
        Assert.True(Volatile.Read(ref firstDone));
    }

    [Fact]
    public void A_failure_of_the_first_stage_is_reported_after_the_second_finished()
    {
        var runner = new StageRunner(NullBuildObserver.Instance);
        var secondDone = false;

        var e = Assert.Throws<InvalidOperationException>(() => runner.RunTogether<int, int>(
            "a", () => throw new InvalidOperationException("index failed"), x => x,
            "b", () => { Thread.Sleep(100); secondDone = true; return 2; }, y => y));

        Assert.Equal("index failed", e.Message);
        Assert.True(secondDone);
    }
}
