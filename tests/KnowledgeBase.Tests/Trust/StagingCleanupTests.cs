using System.Diagnostics;
using KnowledgeBase.Output;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// What the next build does with the folders killed builds leave: only folders of the exact staging pattern, for this
/// site, made by a process that is no longer running, marked by kb (or empty), and not links, are removed; a site
/// left only in its .old- folder by a kill between the two renames of a swap is put back.
/// </summary>
public sealed class StagingCleanupTests
{
    private static readonly int DeadPid = ExitedProcessId();

    private static int ExitedProcessId()
    {
        using var p = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    private static string Marked(TempDir dir, string name, string file = "index.html")
    {
        dir.Write(Path.Combine(name, AtomicSiteWriter.MarkerFile), "kb\n");
        dir.Write(Path.Combine(name, file), "<p>" + name + "</p>");
        return Path.Combine(dir.Path, name);
    }

    private static string Guid32 => Guid.NewGuid().ToString("N");

    [Fact]
    public void Only_leftovers_of_dead_processes_matching_the_exact_pattern_are_removed()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "input"));
        Assert.False(StagingFolders.IsRunning(DeadPid));
        Assert.True(StagingFolders.IsRunning(Environment.ProcessId));

        var dead = Marked(dir, $".out.building-{DeadPid}-{Guid32}");
        var deadOld = Marked(dir, $".out.old-{DeadPid}-{Guid32}");
        var deadEmpty = Path.Combine(dir.Path, $".out.building-{DeadPid}-{Guid32}");
        Directory.CreateDirectory(deadEmpty);
        var live = Marked(dir, $".out.building-{Environment.ProcessId}-{Guid32}");
        var unmarked = dir.Write($".out.building-{DeadPid}-{Guid32}/notes.txt", "not kb's");
        var otherSite = Marked(dir, $".other.building-{DeadPid}-{Guid32}");
        var notThePattern = Marked(dir, $".out.building-{DeadPid}-nothex");
        var suffixed = Marked(dir, $".out.building-{DeadPid}-{Guid32}.bak");
        var precious = Marked(dir, "precious");
        var link = Path.Combine(dir.Path, $".out.building-{DeadPid}-{Guid32}");
        Directory.CreateSymbolicLink(link, precious);

        using (var writer = new AtomicSiteWriter(Path.Combine(dir.Path, "out"), Path.Combine(dir.Path, "input")))
        {
            writer.WriteText("index.html", "<p>new</p>");
            writer.Commit();
        }

        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(deadOld));
        Assert.False(Directory.Exists(deadEmpty));
        foreach (var kept in new[] { live, otherSite, notThePattern, suffixed, precious })
            Assert.True(Directory.Exists(kept), kept + " should be kept");
        Assert.True(File.Exists(unmarked));
        Assert.True(Directory.Exists(link));
        Assert.True(File.Exists(Path.Combine(precious, "index.html")));
        Assert.Equal("<p>new</p>", File.ReadAllText(Path.Combine(dir.Path, "out", "index.html")));
    }

    [Fact]
    public void A_site_left_only_in_its_old_folder_is_put_back_even_if_the_next_build_fails()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "input"));
        var old = Marked(dir, $".out.old-{DeadPid}-{Guid32}");
        var target = Path.Combine(dir.Path, "out");

        using (var writer = new AtomicSiteWriter(target, Path.Combine(dir.Path, "input")))
        {
            writer.WriteText("index.html", "<p>half</p>");
            // No commit: the build failed.
        }

        Assert.False(Directory.Exists(old));
        Assert.Equal($"<p>{Path.GetFileName(old)}</p>", File.ReadAllText(Path.Combine(target, "index.html")));
        Assert.Empty(Directory.EnumerateDirectories(dir.Path, ".out.*"));
    }

    [Fact]
    public void A_commit_swaps_in_one_step_and_leaves_no_temporary_folder()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "input"));
        var target = Path.Combine(dir.Path, "out");
        for (var i = 0; i < 3; i++)
        {
            using var writer = new AtomicSiteWriter(target, Path.Combine(dir.Path, "input"));
            writer.WriteText("index.html", $"<p>{i}</p>");
            writer.Commit();
            Assert.Equal($"<p>{i}</p>", File.ReadAllText(Path.Combine(target, "index.html")));
            Assert.Empty(Directory.EnumerateDirectories(dir.Path, ".out.*"));
        }
        if (OperatingSystem.IsLinux())
        {
            // renameat2(RENAME_EXCHANGE) is there (kernel ≥ 3.15 on common file systems): the swap has no gap.
            var a = Marked(dir, "a");
            var b = Marked(dir, "b");
            Assert.True(StagingFolders.TryExchange(a, b));
            Assert.Equal("<p>b</p>", File.ReadAllText(Path.Combine(a, "index.html")));
        }
    }
}
