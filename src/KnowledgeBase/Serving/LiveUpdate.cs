using KnowledgeBase.Model;

namespace KnowledgeBase.Serving;

/// <summary>The outcome of one update of the live site.</summary>
/// <param name="Snapshot">The new good state; null when the update failed (the previous one is still served).</param>
/// <param name="Diagnostics">Every error and warning of the input as it now is, sorted like <c>kb build</c>'s.</param>
/// <param name="Reparsed">Input-relative paths of the post-mortems read again.</param>
/// <param name="Rerendered">How many bodies went through Markdown again.</param>
public sealed record LiveUpdate(
    LiveSnapshot? Snapshot,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> Reparsed,
    int Rerendered,
    TimeSpan Elapsed)
{
    public bool Succeeded => Snapshot is not null;
    /// <summary>Each step of the update with its item count and time (as <c>kb build --verbose</c> shows stages).</summary>
    public IReadOnlyList<Pipeline.StageTiming> Stages { get; init; } = [];
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    /// <summary>Warnings about the files this update re-read (older ones were shown when they appeared).</summary>
    public IEnumerable<Diagnostic> NewWarnings(bool all) =>
        Diagnostics.Where(d => !d.IsError && (all || Reparsed.Contains(d.File)));
}
