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
        var timing = new StageTiming(name, count(result), watch.Elapsed)
        {
            // Cheap reads (no collection forced): enough to see which stage holds or peaks memory.
            HeapBytesAfter = GC.GetGCMemoryInfo().HeapSizeBytes,
            PeakResidentBytes = PeakResident(),
        };
        _timings.Add(timing);
        observer.StageFinished(timing);
        return result;
    }

    private static long PeakResident()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
