using System.Diagnostics;

namespace KnowledgeBase.Bench.Running;

/// <summary>Finds the <c>hugo</c> executable and the repository's minimal Hugo site (bench/hugo-site) that builds the
/// same corpus for the side-by-side comparison.</summary>
internal static class Hugo
{
    public const string InstallHint = "install it (Debian/Ubuntu: `apt-get install -y hugo`), pass --hugo PATH, or run with --no-hugo to measure kb alone";

    /// <summary>The full path of <paramref name="nameOrPath"/> (a path, or a name looked up on PATH), or null.</summary>
    public static string? Find(string nameOrPath)
    {
        if (nameOrPath.Contains(Path.DirectorySeparatorChar))
            return File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, nameOrPath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>First line of <c>hugo version</c>, so the report says which Hugo it compared against.</summary>
    public static string Version(string hugo)
    {
        try
        {
            var psi = new ProcessStartInfo(hugo, "version") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text.Split('\n')[0].Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown version";
        }
    }

    /// <summary>
    /// The Hugo build of one corpus: the corpus folder is the content folder (its <c>postmortems/</c> becomes a
    /// section), caches go to a scratch folder deleted before every run (so nothing is reused between runs, like
    /// kb), and no lock file is written into the repository's site folder.
    /// </summary>
    public static IReadOnlyList<string> Command(string hugo, string site, string corpus, string output, string scratch) =>
    [
        hugo, "--source", site, "--contentDir", corpus, "--destination", output,
        "--cacheDir", Path.Combine(scratch, "hugo-cache"), "--noBuildLock", "--quiet",
    ];
}
