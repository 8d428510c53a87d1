namespace KnowledgeBase.Model;

public enum ActionStatus { Open, InProgress, Done, WontDo }

public enum ActionPriority { High, Medium, Low }

/// <summary>One follow-up action of a post-mortem.</summary>
public sealed record ActionItem(
    string Title,
    string Owner,
    DateOnly Due,
    ActionStatus Status,
    ActionPriority Priority,
    string? Success,
    string? Link)
{
    /// <summary>Open or in-progress work whose deadline lies before the reference date.</summary>
    public bool IsOverdue(DateOnly asOf) =>
        Status is ActionStatus.Open or ActionStatus.InProgress && Due < asOf;

    /// <summary>The status a reader sees: overdue replaces open/in-progress once the deadline passed.</summary>
    public string EffectiveStatusKey(DateOnly asOf) => IsOverdue(asOf) ? "overdue" : StatusKey(Status);

    public static string StatusKey(ActionStatus status) => status switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "in-progress",
        ActionStatus.Done => "done",
        ActionStatus.WontDo => "wont-do",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string PriorityKey(ActionPriority priority) => priority switch
    {
        ActionPriority.High => "high",
        ActionPriority.Medium => "medium",
        ActionPriority.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(priority)),
    };
}
