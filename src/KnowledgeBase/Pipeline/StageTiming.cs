namespace KnowledgeBase.Pipeline;

/// <summary>How long a named stage took and how many items it produced (printed by <c>--verbose</c>).</summary>
public sealed record StageTiming(string Stage, int Count, TimeSpan Elapsed);

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
