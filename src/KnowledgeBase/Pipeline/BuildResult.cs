using KnowledgeBase.Model;

namespace KnowledgeBase.Pipeline;

public sealed record BuildResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<StageTiming> Stages,
    int Incidents,
    int Pages,
    int Files,
    long Bytes)
{
    /// <summary>Files whose content was written; fewer than <see cref="Files"/> when a rebuild left unchanged ones alone.</summary>
    public int FilesChanged { get; init; } = -1;

    /// <summary>What the build cache saved (<see cref="CacheUse.None"/> without one).</summary>
    public Caching.CacheUse Cache { get; init; } = Caching.CacheUse.None;

    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
    public int ErrorCount => Diagnostics.Count(d => d.IsError);
    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}
