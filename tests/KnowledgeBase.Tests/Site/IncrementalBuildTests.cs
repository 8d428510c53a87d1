using System.Security.Cryptography;
using KnowledgeBase.Output;

namespace KnowledgeBase.Tests.Site;

/// <summary>
/// Rebuilding an existing site: nothing unchanged is rewritten (same inode, same modification time), exactly the
/// pages a change affects are written, and the result always equals a clean build of the same input. A missing,
/// corrupt or outdated build state is never trusted.
/// </summary>
public sealed class IncrementalBuildTests
{
    /// <summary>Every file of a site: its identity on disk (inode via the Unix file id, write time) and its content hash.</summary>
    private sealed record FileSnapshot(long Inode, long WriteTicks, string Hash);

    private static Dictionary<string, FileSnapshot> Snapshot(string dir)
    {
        var inodes = Inodes.OfFiles(dir);
        return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(dir, f).Replace('\\', '/'),
            f => new FileSnapshot(inodes[Path.GetRelativePath(dir, f)], File.GetLastWriteTimeUtc(f).Ticks,
                Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);
    }

    private static void AssertSameContent(Dictionary<string, FileSnapshot> expected, Dictionary<string, FileSnapshot> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, e) in expected) Assert.True(e.Hash == actual[path].Hash, $"{path} differs from a clean build");
    }

    private static string StatePath(string output) => BuildState.PathFor(Path.GetFullPath(output));

    [Fact]
    public void A_rebuild_with_nothing_changed_rewrites_no_file()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);
        var first = Snapshot(output);
        Assert.True(File.Exists(StatePath(output)));

        var again = BuiltSite.Build(input, output);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(first, Snapshot(output));
        Assert.Contains($", 0 written, {first.Count - 1} unchanged)", again.Stdout); // every file but kb's marker
        Assert.Empty(Directory.EnumerateDirectories(dir.Path, ".out.*"));
        // The state lives next to the site, never in it: deployed sites stay byte-for-byte reproducible.
        Assert.False(File.Exists(Path.Combine(output, ".kb-build-state")));
    }

    [Fact]
    public void One_changed_post_mortem_rewrites_exactly_the_files_whose_content_changed_and_equals_a_clean_build()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);
        var before = Snapshot(output);

        dir.Write("input/postmortems/2025/queue-backlog.md", SmallKnowledgeBase.German.Replace("title: Rückstau", "title: Großer Rückstau"));
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);
        var after = Snapshot(output);

        using var clean = new TempDir();
        Assert.Equal(0, BuiltSite.Build(input, Path.Combine(clean.Path, "out")).ExitCode);
        AssertSameContent(Snapshot(Path.Combine(clean.Path, "out")), after);

        var changed = after.Where(kv => !before.TryGetValue(kv.Key, out var b) || b.Hash != kv.Value.Hash).Select(kv => kv.Key).ToHashSet();
        var touched = after.Where(kv => !before.TryGetValue(kv.Key, out var b) || b.Inode != kv.Value.Inode || b.WriteTicks != kv.Value.WriteTicks)
            .Select(kv => kv.Key).ToHashSet();
        Assert.Equal(changed.Order(StringComparer.Ordinal), touched.Order(StringComparer.Ordinal));
        Assert.Contains("incidents/queue-backlog/index.html", changed);
        Assert.Contains("index.html", changed);
        // A page that does not show the title is left alone.
        Assert.Contains("incidents/dns-migration/index.html", after.Keys.Except(changed));
        Assert.True(changed.Count < after.Count / 2, $"{changed.Count} of {after.Count} files changed");
    }

    [Fact]
    public void A_removed_post_mortem_removes_its_pages_and_the_site_equals_a_clean_build()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "incidents", "queue-backlog", "index.html")));

        File.Delete(Path.Combine(input, "postmortems", "2025", "queue-backlog.md"));
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);

        Assert.False(Directory.Exists(Path.Combine(output, "incidents", "queue-backlog")));
        using var clean = new TempDir();
        Assert.Equal(0, BuiltSite.Build(input, Path.Combine(clean.Path, "out")).ExitCode);
        AssertSameContent(Snapshot(Path.Combine(clean.Path, "out")), Snapshot(output));
    }

    [Fact]
    public void A_corrupt_state_is_ignored_and_the_whole_site_is_written_again()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);
        var before = Snapshot(output);
        var state = StatePath(output);
        // A plausible edit that keeps the format: a different hash for the home page.
        var text = File.ReadAllText(state);
        var line = text.Split('\n').First(l => l.EndsWith("\tindex.html", StringComparison.Ordinal));
        File.WriteAllText(state, text.Replace(line, (line[0] == '0' ? "1" : "0") + line[1..]));

        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);

        var after = Snapshot(output);
        AssertSameContent(before, after);
        Assert.All(after, kv => Assert.NotEqual(before[kv.Key].Inode, kv.Value.Inode));
    }

    [Fact]
    public void A_file_edited_or_deleted_in_the_output_since_the_last_build_is_written_again()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);
        var before = Snapshot(output);
        var edited = Path.Combine(output, "incidents", "tls-expired", "index.html");
        File.WriteAllText(edited, "defaced");
        File.Delete(Path.Combine(output, "tags", "index.html"));

        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);

        var after = Snapshot(output);
        AssertSameContent(before, after);
        Assert.Equal(before["index.html"], after["index.html"]);
    }

    [Fact]
    public void A_failed_rebuild_leaves_the_site_and_its_state_as_they_were()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, BuiltSite.Build(input, output).ExitCode);
        var before = Snapshot(output);
        var state = File.ReadAllText(StatePath(output));

        dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English.Replace("severity: SEV2", "severity: SEV9"));
        Assert.Equal(1, BuiltSite.Build(input, output).ExitCode);

        Assert.Equal(before, Snapshot(output));
        Assert.Equal(state, File.ReadAllText(StatePath(output)));
    }
}
