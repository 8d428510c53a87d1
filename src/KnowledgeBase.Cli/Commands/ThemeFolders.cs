namespace KnowledgeBase.Cli.Commands;

/// <summary>The theme folders of <c>kb build</c> and <c>kb serve</c>: the <c>--theme</c> folders, then the site's own.</summary>
internal static class ThemeFolders
{
    /// <summary>False (and a usage message) when a <c>--theme</c> folder does not exist.</summary>
    public static bool TryResolve(IEnumerable<string>? given, string inputDir, TextWriter stderr, out List<string> dirs)
    {
        dirs = (given ?? []).ToList();
        foreach (var dir in dirs.Where(d => !Directory.Exists(d)))
        {
            stderr.WriteLine($"kb: theme folder '{dir}' does not exist");
            return false;
        }
        // A site's own themes/default/ (next to its input folder) overrides the built-in theme file by file.
        var siteTheme = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputDir)) ?? ".", "themes", "default");
        if (Directory.Exists(siteTheme)) dirs.Add(siteTheme);
        return true;
    }
}
