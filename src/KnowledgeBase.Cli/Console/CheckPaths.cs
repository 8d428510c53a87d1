namespace KnowledgeBase.Cli.Console;

/// <summary>
/// Paths as the check prints them: the input folder joined with the file's path inside it, with forward slashes,
/// so that from the repository root they name the file (what GitHub annotations and editors need).
/// </summary>
public sealed class CheckPaths(string inputDir)
{
    private readonly string _prefix = Prefix(inputDir);

    public string Of(string file) => file.Length == 0 ? "" : _prefix + file;

    private static string Prefix(string inputDir)
    {
        var dir = inputDir;
        if (Path.IsPathRooted(dir))
        {
            // An absolute input inside the current folder (the repository in CI) is shown relative to it.
            var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), dir);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) dir = relative;
        }
        dir = dir.Replace('\\', '/');
        while (dir.StartsWith("./", StringComparison.Ordinal)) dir = dir[2..];
        dir = dir.TrimEnd('/');
        return dir is "" or "." ? "" : dir + "/";
    }
}
