using System.Collections.Concurrent;
using KnowledgeBase.Pipeline;
using KnowledgeBase.Serving;

namespace KnowledgeBase.Tests.Serve;

public class BackgroundLaneTests
{
    [Fact]
    public async Task Work_and_its_parallel_loops_run_on_the_lanes_threads_only()
    {
        var threads = new ConcurrentDictionary<string, int>();
        await BackgroundLane.Shared.Run(() =>
        {
            // What the stages do: Parallelism.Map and Parallel.For with Parallelism.Options.
            Parallelism.Map(Enumerable.Range(0, 200).ToList(), i => { Record(); Thread.SpinWait(2000); return i; });
            Parallel.For(0, 200, Parallelism.Options, _ => { Record(); Thread.SpinWait(2000); });
            // The search index's own loops and background writes (Search/ParallelWork).
            KnowledgeBase.Search.ParallelWork.For(200, _ => { Record(); Thread.SpinWait(2000); });
            var background = KnowledgeBase.Search.ParallelWork.Start(() => { Record(); Thread.Sleep(50); });
            Thread.Sleep(20);
            background.Join();
        });

        Assert.NotEmpty(threads);
        Assert.All(threads.Keys, name => Assert.StartsWith("kb background ", name));
        void Record() => threads.TryAdd(Thread.CurrentThread.Name ?? "(pool)", 0);
    }

    [Fact]
    public void Outside_the_lane_the_loops_use_the_default_scheduler()
    {
        Assert.Same(TaskScheduler.Default, Parallelism.Options.TaskScheduler);
    }

    [Fact]
    public async Task On_Linux_the_lanes_threads_run_at_the_lowest_priority()
    {
        if (!OperatingSystem.IsLinux()) return;
        var nice = await Task.Factory.StartNew(() =>
        {
            // /proc/thread-self/stat: field 19 is the thread's nice value (fields after the parenthesised name).
            var stat = File.ReadAllText("/proc/thread-self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
        }, CancellationToken.None, TaskCreationOptions.None, BackgroundLane.Shared);

        Assert.True(BackgroundLane.Shared.Lowered);
        Assert.Equal(19, nice);
    }
}
