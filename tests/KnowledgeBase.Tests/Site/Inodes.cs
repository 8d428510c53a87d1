using System.Globalization;

namespace KnowledgeBase.Tests.Site;

/// <summary>
/// Inode numbers, which .NET does not expose; find(1) lists them in one call. A file written again gets a new inode
/// even with the same content, so tests can tell "left alone" from "rewritten", and a swapped folder from one
/// updated in place.
/// </summary>
public static class Inodes
{
    /// <summary>Every file under <paramref name="dir"/> by its relative path.</summary>
    public static Dictionary<string, long> OfFiles(string dir) => Find([dir, "-type", "f", "-printf", "%i\t%P\n"]);

    /// <summary>The folder's own inode.</summary>
    public static long OfFolder(string dir) => Find([dir, "-maxdepth", "0", "-printf", "%i\t.\n"])["."];

    private static Dictionary<string, long> Find(string[] arguments)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("find", arguments) { RedirectStandardOutput = true };
        using var find = System.Diagnostics.Process.Start(psi)!;
        var text = find.StandardOutput.ReadToEnd();
        find.WaitForExit();
        Assert.Equal(0, find.ExitCode);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t', 2))
            .ToDictionary(p => p[1], p => long.Parse(p[0], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}
