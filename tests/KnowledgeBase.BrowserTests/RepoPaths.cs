namespace KnowledgeBase.BrowserTests;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding KnowledgeBase.sln above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string SampleInput => Path.Combine(Root, "input");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KnowledgeBase.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("KnowledgeBase.sln not found above " + AppContext.BaseDirectory);
    }
}
