namespace KnowledgeBase.Model;

/// <summary>The key moments of an incident and the durations derived from them.</summary>
public sealed record IncidentTimes(
    DateTimeOffset? Started,
    DateTimeOffset? Detected,
    DateTimeOffset? Mitigated,
    DateTimeOffset? Resolved)
{
    public static readonly IncidentTimes None = new(null, null, null, null);

    /// <summary>Where the start is unknown, detection stands in for it (see the format contract).</summary>
    public bool StartIsDetection => Started is null && Detected is not null;

    public DateTimeOffset? Origin => Started ?? Detected;

    /// <summary>detected − started; meaningless (null) when detection stands in for the start.</summary>
    public TimeSpan? TimeToDetect => Started is { } s && Detected is { } d ? d - s : null;

    public TimeSpan? TimeToMitigate => Origin is { } o && Mitigated is { } m ? m - o : null;

    public TimeSpan? TimeToResolve => Origin is { } o && Resolved is { } r ? r - o : null;

    public bool Any => Started is not null || Detected is not null || Mitigated is not null || Resolved is not null;
}
