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
        var timing = new StageTiming(name, count(result), watch.Elapsed);
        _timings.Add(timing);
        observer.StageFinished(timing);
        return result;
    }
}
