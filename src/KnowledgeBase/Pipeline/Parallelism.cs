namespace KnowledgeBase.Pipeline;

/// <summary>Maps items on every core while keeping results in input order (so output stays deterministic).</summary>
public static class Parallelism
{
    /// <summary>
    /// Options for the stages' parallel loops: they run on the scheduler of the task that started them — the thread
    /// pool in a build, <c>kb serve</c>'s low-priority background lane when the stage runs there.
    /// </summary>
    public static ParallelOptions Options => new() { TaskScheduler = TaskScheduler.Current };

    public static TOut[] Map<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> map)
    {
        var results = new TOut[items.Count];
        Parallel.For(0, items.Count, Options, i => results[i] = map(items[i]));
        return results;
    }
}
