namespace KnowledgeBase.Pipeline;

public sealed record BuildOptions
{
    public required string InputDir { get; init; }
    public required string OutputDir { get; init; }
    /// <summary>Reference date for "overdue"; today when not set.</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>Overrides <c>base_url</c> from site.yml.</summary>
    public string? BaseUrl { get; init; }
    public bool IncludeDrafts { get; init; }
    /// <summary>
    /// A public build: only <c>visibility: public</c> post-mortems with <c>status: published</c> (wins over
    /// <see cref="IncludeDrafts"/>); the others are filtered out right after validation, so no later stage sees
    /// them, and their diagnostics are reported without their content.
    /// </summary>
    public bool Public { get; init; }
    /// <summary>Extra theme folders that override the default theme file by file (highest priority first).</summary>
    public IReadOnlyList<string> ThemeDirs { get; init; } = [];
    /// <summary>Validate only: run every stage up to rendering, write nothing.</summary>
    public bool CheckOnly { get; init; }
}
