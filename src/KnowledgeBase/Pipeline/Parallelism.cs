namespace KnowledgeBase.Pipeline;

/// <summary>Maps items on every core while keeping results in input order (so output stays deterministic).</summary>
public static class Parallelism
{
    public static TOut[] Map<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> map)
    {
        var results = new TOut[items.Count];
        Parallel.For(0, items.Count, i => results[i] = map(items[i]));
        return results;
    }
}
