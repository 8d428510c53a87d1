namespace KnowledgeBase.Model;

public enum IncidentStatus { Draft, Review, Published }

public enum Visibility { Internal, Public }

/// <summary>An impact row, kept in the author's order.</summary>
public sealed record ImpactEntry(string Key, string Value);

/// <summary>The validated front matter and Markdown source of one post-mortem.</summary>
public sealed record Incident
{
    public required string Id { get; init; }
    /// <summary>Path relative to the input folder, forward slashes (e.g. <c>postmortems/2024/db.md</c>).</summary>
    public required string SourcePath { get; init; }
    public required string Title { get; init; }
    public required DateOnly Date { get; init; }
    public required string Severity { get; init; }
    public required string Summary { get; init; }
    public required string Language { get; init; }
    public IncidentStatus Status { get; init; } = IncidentStatus.Published;
    public Visibility Visibility { get; init; } = Visibility.Internal;
    public IReadOnlyList<string> Services { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> CauseCategories { get; init; } = [];
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Facilitator { get; init; }
    public string? DetectedBy { get; init; }
    public IncidentTimes Times { get; init; } = IncidentTimes.None;
    public IReadOnlyList<ImpactEntry> Impact { get; init; } = [];
    public IReadOnlyList<string> Related { get; init; } = [];
    /// <summary>Position of each <c>related</c> entry, for errors about unknown ids.</summary>
    public IReadOnlyList<SourcePosition> RelatedPositions { get; init; } = [];
    /// <summary>Field path of each kept <c>related</c> entry ("related[3]"): duplicates are dropped, so list index ≠ source index.</summary>
    public IReadOnlyList<string> RelatedFields { get; init; } = [];
    public int? Onboarding { get; init; }
    /// <summary>Lessons from the front matter; null when the field is absent (then the body's lessons apply).</summary>
    public IReadOnlyList<string>? Lessons { get; init; }
    public IReadOnlyList<ActionItem> Actions { get; init; } = [];
    public required string Body { get; init; }
    /// <summary>1-based line of the body's first line in the file.</summary>
    public int BodyLine { get; init; } = 1;
    public SourcePosition IdPosition { get; init; } = SourcePosition.Unknown;
    public SourcePosition OnboardingPosition { get; init; } = SourcePosition.Unknown;
}
