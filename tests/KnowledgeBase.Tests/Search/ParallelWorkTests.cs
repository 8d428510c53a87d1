using KnowledgeBase.Search;

namespace KnowledgeBase.Tests.Search;

/// <summary>The index's parallel loops: every item once, errors rethrown as they are, no waiting on a busy pool.</summary>
public sealed class ParallelWorkTests
{
    [Fact]
    public void EveryIndexRunsOnceWithPerThreadState()
    {
        var seen = new int[10_000];
        var states = new System.Collections.Concurrent.ConcurrentDictionary<List<int>, byte>();
        ParallelWork.For(seen.Length, () => new List<int>(), (i, mine) =>
        {
            mine.Add(i);
            states.TryAdd(mine, 0);
            Interlocked.Increment(ref seen[i]);
        });
        Assert.All(seen, n => Assert.Equal(1, n));
        Assert.Equal(seen.Length, states.Keys.Sum(l => l.Count));
        Assert.InRange(states.Count, 1, Environment.ProcessorCount);
    }

    [Fact]
    public void AnExceptionIsRethrownAsItIs()
    {
        var e = Assert.Throws<ArgumentException>(() => ParallelWork.For(100, i =>
        {
            if (i == 42) throw new ArgumentException("item 42");
        }));
        Assert.Equal("item 42", e.Message);
        var background = ParallelWork.Start(() => throw new InvalidOperationException("later"));
        Assert.Equal("later", Assert.Throws<InvalidOperationException>(background.Join).Message);
    }

    [Fact]
    public void WorkFinishesWhileEveryPoolThreadIsBusy()
    {
        // Park more work items on the pool than it has threads (its starvation injection adds about one per
        // second): Parallel.For would wait behind them for a helper; these loops run on the calling thread.
        ThreadPool.GetMinThreads(out var workers, out _);
        var gate = new ManualResetEventSlim(false); // not disposed: parked items may still be waiting on it
        var parked = workers + 16;
        for (var k = 0; k < parked; k++) ThreadPool.UnsafeQueueUserWorkItem(_ => gate.Wait(), null);
        try
        {
            var sum = 0L;
            var ranOnCaller = false;
            var thread = new Thread(() =>
            {
                ParallelWork.For(1000, i => Interlocked.Add(ref sum, i));
                var here = Environment.CurrentManagedThreadId;
                var ranOn = -1;
                ParallelWork.Start(() => ranOn = Environment.CurrentManagedThreadId).Join();
                ranOnCaller = here == ranOn;
            });
            thread.Start();
            Assert.True(thread.Join(TimeSpan.FromSeconds(5)), "the loop waited for the busy pool");
            Assert.Equal(999L * 1000 / 2, Interlocked.Read(ref sum));
            Assert.True(ranOnCaller, "background work not started by the pool runs at Join");
        }
        finally
        {
            gate.Set();
        }
    }
}
