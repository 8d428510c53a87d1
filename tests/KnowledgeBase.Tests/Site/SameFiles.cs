namespace KnowledgeBase.Tests.Site;

/// <summary>Compares two output folders: the same relative paths, and every file the same bytes.</summary>
public static class SameFiles
{
    /// <returns>The relative paths compared (forward slashes, ordinal order).</returns>
    public static IReadOnlyList<string> Assert(string expectedDir, string actualDir, string because = "differs")
    {
        var expected = RelativePaths(expectedDir);
        Xunit.Assert.Equal(expected, RelativePaths(actualDir));
        foreach (var file in expected)
            Xunit.Assert.True(File.ReadAllBytes(Path.Combine(expectedDir, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDir, file))),
                $"{file} {because}");
        return expected;
    }

    private static List<string> RelativePaths(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
}
