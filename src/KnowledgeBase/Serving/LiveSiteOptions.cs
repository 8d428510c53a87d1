namespace KnowledgeBase.Serving;

/// <summary>What <c>kb serve</c> previews: the input folder, theme layers and which post-mortems are shown.</summary>
public sealed record LiveSiteOptions
{
    public required string InputDir { get; init; }
    /// <summary>Theme folders overriding the default theme file by file (highest priority first).</summary>
    public IReadOnlyList<string> ThemeDirs { get; init; } = [];
    /// <summary>Reference date for "overdue"; today (re-read on every update) when not set.</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>Drafts and reviews are shown by default: the preview is for authors.</summary>
    public bool IncludeDrafts { get; init; } = true;
    /// <summary>What a public build would publish: only <c>visibility: public</c>, <c>status: published</c>
    /// post-mortems (wins over <see cref="IncludeDrafts"/>), as <c>kb build --public</c>.</summary>
    public bool Public { get; init; }
    /// <summary>
    /// Leave the background metrics/similar run of an update to <see cref="LiveSite.StartBackgroundWork"/>, so the
    /// caller can first send the reload and serve the edited page without the background run taking the CPU.
    /// </summary>
    public bool DeferBackgroundWork { get; init; }
    /// <summary>Applied to every rendered page before it is cached (the CLI injects its live-reload script here).</summary>
    public Func<string, LiveSnapshot, string>? PageFilter { get; init; }
}
