namespace KnowledgeBase.Model;

/// <summary>The Ishikawa categories the contract allows for root causes.</summary>
public static class CauseCategories
{
    public static readonly IReadOnlyList<string> All =
        ["people", "process", "technology", "material", "measurement", "environment"];
}
