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
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
    public int ErrorCount => Diagnostics.Count(d => d.IsError);
    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}
