using System.Diagnostics;
using KnowledgeBase.Output;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// An update of an existing site (<see cref="InPlaceUpdate"/>) that fails before its commit changes nothing; one
/// killed while moving its staged files in is finished by the next build before anything else happens. One that
/// changes at least half the site is swapped in whole, so there is no moment where it is half applied.
/// </summary>
public sealed class InterruptedUpdateTests
{
    private static int ExitedProcessId()
    {
        using var p = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    private static (string Output, string Input) FirstBuild(TempDir dir)
    {
        var output = Path.Combine(dir.Path, "out");
        var input = Path.Combine(dir.Path, "input");
        Directory.CreateDirectory(input);
        using var writer = new AtomicSiteWriter(output, input);
        writer.WriteText("index.html", "home v1");
        writer.WriteText("a/index.html", "a v1");
        writer.WriteText("b/index.html", "b v1");
        writer.Commit();
        return (output, input);
    }

    [Fact]
    public void An_update_abandoned_before_commit_leaves_the_site_and_its_state_untouched()
    {
        using var dir = new TempDir();
        var (output, input) = FirstBuild(dir);
        var state = File.ReadAllText(BuildState.PathFor(output));
        var homeTicks = File.GetLastWriteTimeUtc(Path.Combine(output, "index.html")).Ticks;

        using (var writer = new AtomicSiteWriter(output, input))
        {
            Assert.True(writer.IsUpdate);
            writer.WriteText("index.html", "home v2");
            writer.WriteText("a/index.html", "a v1");
            Assert.Equal(1, writer.FilesChanged);
            // An exception while rendering ends here: disposed without Commit.
        }

        Assert.Equal("home v1", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.Equal(homeTicks, File.GetLastWriteTimeUtc(Path.Combine(output, "index.html")).Ticks);
        Assert.Equal("b v1", File.ReadAllText(Path.Combine(output, "b", "index.html")));
        Assert.Equal(state, File.ReadAllText(BuildState.PathFor(output)));
        Assert.Equal(["input", "out"], Directory.EnumerateDirectories(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_update_killed_while_applying_its_journal_is_finished_by_the_next_build()
    {
        using var dir = new TempDir();
        var (output, input) = FirstBuild(dir);
        // What a build killed between writing its journal and moving the last file leaves: a staging folder of a
        // dead process with the changed file still in it, the journal naming the stale file, and no state.
        var staging = Path.Combine(dir.Path, $".out.building-{ExitedProcessId()}-{Guid.NewGuid():N}");
        dir.Write(Path.Combine(Path.GetFileName(staging), AtomicSiteWriter.MarkerFile), "kb\n");
        dir.Write(Path.Combine(Path.GetFileName(staging), "index.html"), "home v2");
        dir.Write(Path.Combine(Path.GetFileName(staging), "c", "index.html"), "c v2");
        InPlaceUpdate.WriteJournal(staging, ["b/index.html", "../escape.html"]);
        dir.Write("escape.html", "outside the site");
        File.WriteAllText(Path.Combine(output, "a", "index.html"), "a v2"); // moved before the kill
        BuildState.Delete(BuildState.PathFor(output));

        using (var writer = new AtomicSiteWriter(output, input))
        {
            // Finished before the new build starts; with no state left, the new build is a full one.
            Assert.False(writer.IsUpdate);
            Assert.Equal("home v2", File.ReadAllText(Path.Combine(output, "index.html")));
            Assert.Equal("a v2", File.ReadAllText(Path.Combine(output, "a", "index.html")));
            Assert.Equal("c v2", File.ReadAllText(Path.Combine(output, "c", "index.html")));
            Assert.False(Directory.Exists(Path.Combine(output, "b")));
            Assert.False(Directory.Exists(staging));
            Assert.Equal("outside the site", File.ReadAllText(Path.Combine(dir.Path, "escape.html")));
        }
    }

    [Fact]
    public void An_update_writes_only_changed_files_and_deletes_the_ones_no_longer_produced()
    {
        using var dir = new TempDir();
        var (output, input) = FirstBuild(dir);
        var aTicks = File.GetLastWriteTimeUtc(Path.Combine(output, "a", "index.html")).Ticks;

        using (var writer = new AtomicSiteWriter(output, input))
        {
            Assert.True(writer.IsUpdate);
            writer.WriteText("index.html", "home v2");
            writer.WriteText("a/index.html", "a v1");
            writer.Commit();
            Assert.Equal(2, writer.FilesWritten);
            Assert.Equal(1, writer.FilesChanged);
        }

        Assert.Equal("home v2", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.Equal(aTicks, File.GetLastWriteTimeUtc(Path.Combine(output, "a", "index.html")).Ticks);
        Assert.False(Directory.Exists(Path.Combine(output, "b")));
        Assert.True(File.Exists(Path.Combine(output, AtomicSiteWriter.MarkerFile)));
        var state = BuildState.TryLoad(BuildState.PathFor(output));
        Assert.NotNull(state);
        Assert.Equal(["a/index.html", "index.html"], state.Files.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_update_changing_most_of_the_site_is_swapped_in_whole_and_keeps_its_unchanged_files()
    {
        using var dir = new TempDir();
        var (output, input) = FirstBuild(dir);
        var folder = Inodes.OfFolder(output);
        var kept = Path.Combine(output, "a", "index.html");
        var (keptInode, keptTicks) = (Inodes.OfFiles(output)["a/index.html"], File.GetLastWriteTimeUtc(kept).Ticks);

        using (var writer = new AtomicSiteWriter(output, input))
        {
            writer.WriteText("index.html", "home v2");
            writer.WriteText("a/index.html", "a v1");
            writer.WriteText("c/index.html", "c v2");
            writer.Commit();
        }

        Assert.NotEqual(folder, Inodes.OfFolder(output));
        Assert.Equal(keptInode, Inodes.OfFiles(output)["a/index.html"]);
        Assert.Equal(keptTicks, File.GetLastWriteTimeUtc(kept).Ticks);
        Assert.Equal(["a/index.html", "c/index.html", "index.html"], BuildState.TryLoad(BuildState.PathFor(output))!.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([".kb-output", "a/index.html", "c/index.html", "index.html"], OutputFiles.List(output));
        Assert.Equal("home v2", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.Equal(["input", "out"], Directory.EnumerateDirectories(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_update_changing_a_small_part_of_the_site_is_moved_in_place()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var input = Path.Combine(dir.Path, "input");
        Directory.CreateDirectory(input);
        var pages = Enumerable.Range(0, 10).Select(i => $"p{i}/index.html").ToList();
        using (var writer = new AtomicSiteWriter(output, input))
        {
            foreach (var page in pages) writer.WriteText(page, page);
            writer.Commit();
        }
        var folder = Inodes.OfFolder(output);

        using (var writer = new AtomicSiteWriter(output, input))
        {
            foreach (var page in pages.Skip(1)) writer.WriteText(page, page == "p1/index.html" ? "changed" : page);
            writer.Commit();
        }

        Assert.Equal(folder, Inodes.OfFolder(output));
        Assert.Equal("changed", File.ReadAllText(Path.Combine(output, "p1", "index.html")));
        Assert.False(Directory.Exists(Path.Combine(output, "p0")));
        Assert.Equal(9, BuildState.TryLoad(BuildState.PathFor(output))!.Files.Count);
        Assert.Equal(["input", "out"], Directory.EnumerateDirectories(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
