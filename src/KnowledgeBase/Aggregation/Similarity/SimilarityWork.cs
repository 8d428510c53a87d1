namespace KnowledgeBase.Aggregation.Similarity;

/// <summary>
/// How much work <see cref="SimilarIncidents.Find"/> did: partners proposed by the inverted index and partners scored
/// exactly. Lets a test prove the search stays far from all pairs without timing it on a busy machine.
/// </summary>
public sealed class SimilarityWork
{
    private long _candidates, _scored;

    public long Candidates => Interlocked.Read(ref _candidates);
    public long Scored => Interlocked.Read(ref _scored);

    internal void Add(long candidates, long scored)
    {
        Interlocked.Add(ref _candidates, candidates);
        Interlocked.Add(ref _scored, scored);
    }
}
