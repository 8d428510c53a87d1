using System.Diagnostics;

namespace KnowledgeBase.Pipeline;

/// <summary>Runs named stages in order, timing each and telling the observer.</summary>
public sealed class StageRunner(IBuildObserver observer)
{
    private readonly List<StageTiming> _timings = [];

    public IReadOnlyList<StageTiming> Timings => _timings;

    public T Run<T>(string name, Func<T> stage, Func<T, int> count)
    {
        observer.StageStarted(name);
        var watch = Stopwatch.StartNew();
        var result = stage();
        Record(name, count(result), watch.Elapsed);
        return result;
    }

    /// <summary>
    /// Runs two independent stages at the same time — <paramref name="first"/> on its own thread, the second on this
    /// one — so one's waits on the disk and sequential parts overlap the other's work on the second core. Both
    /// always finish before this returns (even when one throws), so nothing is still writing when the caller
    /// cleans up; timings are recorded in the given order.
    /// </summary>
    public (TA First, TB Second) RunTogether<TA, TB>(
        string firstName, Func<TA> first, Func<TA, int> firstCount,
        string secondName, Func<TB> second, Func<TB, int> secondCount)
    {
        observer.StageStarted(firstName);
        observer.StageStarted(secondName);
        var firstWatch = Stopwatch.StartNew();
        TimeSpan firstElapsed = default;
        var firstTask = Task.Factory.StartNew(() =>
        {
            try { return first(); }
            finally { firstElapsed = firstWatch.Elapsed; }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var secondWatch = Stopwatch.StartNew();
        TB secondResult;
        try
        {
            secondResult = second();
        }
        catch
        {
            try { firstTask.Wait(); } catch (AggregateException) { /* the second stage's exception is the one reported */ }
            throw;
        }
        var secondElapsed = secondWatch.Elapsed;
        var firstResult = firstTask.GetAwaiter().GetResult();
        Record(firstName, firstCount(firstResult), firstElapsed);
        Record(secondName, secondCount(secondResult), secondElapsed);
        return (firstResult, secondResult);
    }

    private void Record(string name, int count, TimeSpan elapsed)
    {
        var timing = new StageTiming(name, count, elapsed)
        {
            // Cheap reads (no collection forced): enough to see which stage holds or peaks memory.
            HeapBytesAfter = GC.GetGCMemoryInfo().HeapSizeBytes,
            PeakResidentBytes = PeakResident(),
        };
        _timings.Add(timing);
        observer.StageFinished(timing);
    }

    private static long PeakResident()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
