namespace KnowledgeBase.Pipeline;

/// <summary>How long a named stage took and how many items it produced (printed by <c>--verbose</c>), and the
/// managed heap left after it (what the stage keeps alive) and the process's peak resident memory so far.</summary>
public sealed record StageTiming(string Stage, int Count, TimeSpan Elapsed)
{
    public long HeapBytesAfter { get; init; }
    public long PeakResidentBytes { get; init; }
}

/// <summary>Receives progress as the pipeline moves through its stages.</summary>
public interface IBuildObserver
{
    void StageStarted(string stage);
    void StageFinished(StageTiming timing);
}

public sealed class NullBuildObserver : IBuildObserver
{
    public static readonly NullBuildObserver Instance = new();
    public void StageStarted(string stage) { }
    public void StageFinished(StageTiming timing) { }
}
