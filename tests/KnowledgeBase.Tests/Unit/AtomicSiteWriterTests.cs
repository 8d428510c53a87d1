using KnowledgeBase.Output;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class AtomicSiteWriterTests
{
    private static string[] Entries(string dir) =>
        Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Refuses_to_write_into_the_input_folder()
    {
        using var dir = new UnitTempDir();
        var input = dir.Combine("site");
        dir.Write("site/postmortems/a.md", "x");

        var e = Assert.Throws<OutputSafetyException>(() => new AtomicSiteWriter(input, input));

        Assert.Contains("must not contain or lie inside the input folder", e.Message);
        Assert.Equal(["site"], Entries(dir.Path));
        Assert.Equal(["postmortems"], Entries(input));
    }

    [Theory]
    [InlineData("input/out", "input")]
    [InlineData("input/deep/er/out", "input")]
    [InlineData("out", "out/input")]
    [InlineData("input/", "input")]
    [InlineData("input", "input/./")]
    public void Refuses_output_and_input_nested_either_way(string output, string input)
    {
        using var dir = new UnitTempDir();
        Directory.CreateDirectory(dir.Combine("input"));
        Directory.CreateDirectory(dir.Combine("out", "input"));

        Assert.Throws<OutputSafetyException>(() => new AtomicSiteWriter(dir.Combine(output), dir.Combine(input)));
        Assert.Equal(["input", "out"], Entries(dir.Path));
    }

    [Fact]
    public void A_sibling_whose_name_starts_like_the_input_is_fine()
    {
        using var dir = new UnitTempDir();
        Directory.CreateDirectory(dir.Combine("input"));

        using var writer = new AtomicSiteWriter(dir.Combine("input-site"), dir.Combine("input"));
        writer.WriteText("index.html", "ok");
        writer.Commit();

        Assert.Equal("ok", File.ReadAllText(dir.Combine("input-site", "index.html")));
    }

    [Fact]
    public void Refuses_a_non_empty_folder_without_the_marker()
    {
        using var dir = new UnitTempDir();
        var output = dir.Combine("out");
        dir.Write("out/precious.txt", "keep me");

        var e = Assert.Throws<OutputSafetyException>(() => new AtomicSiteWriter(output, dir.Combine("input")));

        Assert.Contains("not written by kb", e.Message);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(output, "precious.txt")));
        Assert.Equal(["out"], Entries(dir.Path));
    }

    [Fact]
    public void Accepts_an_empty_folder_and_a_folder_it_wrote_before()
    {
        using var dir = new UnitTempDir();
        Directory.CreateDirectory(dir.Combine("empty"));
        dir.Write("previous/" + AtomicSiteWriter.MarkerFile, "");
        dir.Write("previous/index.html", "old");

        using (new AtomicSiteWriter(dir.Combine("empty"), dir.Combine("input"))) { }
        using (new AtomicSiteWriter(dir.Combine("previous"), dir.Combine("input"))) { }
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    public void FullPathOf_refuses_paths_outside_the_site(string relative)
    {
        using var dir = new UnitTempDir();
        using var writer = new AtomicSiteWriter(dir.Combine("out"), dir.Combine("input"));

        Assert.Throws<OutputSafetyException>(() => writer.FullPathOf(relative));
        Assert.Throws<OutputSafetyException>(() => writer.WriteText(relative, "x"));
    }

    [Fact]
    public void FullPathOf_resolves_inside_the_staging_folder()
    {
        using var dir = new UnitTempDir();
        using var writer = new AtomicSiteWriter(dir.Combine("out"), dir.Combine("input"));

        Assert.Equal(Path.Combine(writer.StagingPath, "incidents", "a", "index.html"), writer.FullPathOf("incidents/a/index.html"));
        Assert.Equal(Path.Combine(writer.StagingPath, "b.html"), writer.FullPathOf("a/../b.html"));
    }

    [Fact]
    public void Dispose_without_commit_removes_the_staging_folder_and_keeps_the_previous_site()
    {
        using var dir = new UnitTempDir();
        var output = dir.Combine("out");
        dir.Write("out/" + AtomicSiteWriter.MarkerFile, "marker");
        dir.Write("out/index.html", "old site");

        string staging;
        using (var writer = new AtomicSiteWriter(output, dir.Combine("input")))
        {
            staging = writer.StagingPath;
            Assert.True(Directory.Exists(staging));
            Assert.Equal(dir.Path, Path.GetDirectoryName(staging));
            writer.WriteText("index.html", "new site");
            writer.WriteText("incidents/a/index.html", "page");
        }

        Assert.False(Directory.Exists(staging));
        Assert.Equal(["out"], Entries(dir.Path));
        Assert.Equal([AtomicSiteWriter.MarkerFile, "index.html"], Entries(output));
        Assert.Equal("old site", File.ReadAllText(Path.Combine(output, "index.html")));
    }

    [Fact]
    public void Commit_replaces_the_old_content_completely()
    {
        using var dir = new UnitTempDir();
        var output = dir.Combine("out");
        dir.Write("out/" + AtomicSiteWriter.MarkerFile, "marker");
        dir.Write("out/index.html", "old site");
        dir.Write("out/incidents/removed/index.html", "stale page");

        using (var writer = new AtomicSiteWriter(output, dir.Combine("input")))
        {
            writer.WriteText("index.html", "new site");
            writer.WriteText("tags/база-данных/index.html", "тег");
            writer.WriteBytes("assets/x.bin", [1, 2, 3]);
            Assert.Equal(3, writer.FilesWritten);
            Assert.Equal("new site".Length + System.Text.Encoding.UTF8.GetByteCount("тег") + 3, writer.BytesWritten);
            writer.Commit();
        }

        Assert.Equal([".out.kb-build-state", "out"], Entries(dir.Path));
        Assert.Equal([AtomicSiteWriter.MarkerFile, "assets", "index.html", "tags"], Entries(output));
        Assert.Equal("new site", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.Equal("тег", File.ReadAllText(Path.Combine(output, "tags", "база-данных", "index.html")));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(output, "assets", "x.bin")));
        Assert.False(Directory.Exists(Path.Combine(output, "incidents")));
    }

    [Fact]
    public void Commit_creates_a_missing_output_folder_with_the_marker()
    {
        using var dir = new UnitTempDir();
        var output = dir.Combine("nested", "out");

        using (var writer = new AtomicSiteWriter(output, dir.Combine("input")))
        {
            writer.WriteText("index.html", "hi");
            writer.Commit();
        }

        Assert.Equal([AtomicSiteWriter.MarkerFile, "index.html"], Entries(output));
        // The next build may replace it.
        using var next = new AtomicSiteWriter(output, dir.Combine("input"));
    }

    [Fact]
    public void Writing_the_same_file_twice_fails()
    {
        using var dir = new UnitTempDir();
        using var writer = new AtomicSiteWriter(dir.Combine("out"), dir.Combine("input"));
        writer.WriteText("index.html", "one");

        Assert.Throws<IOException>(() => writer.WriteText("index.html", "two"));
    }

    [Fact]
    public void A_buffered_file_is_written_as_filled_across_many_pooled_blocks()
    {
        using var dir = new UnitTempDir();
        Directory.CreateDirectory(dir.Combine("input"));
        // Larger than several 64 KiB blocks, written in uneven pieces, with multi-byte UTF-8.
        var piece = System.Text.Encoding.UTF8.GetBytes("строка 🔥 line, ");
        var expected = Enumerable.Repeat(piece, 20_000).SelectMany(b => b).ToArray();

        using (var writer = new AtomicSiteWriter(dir.Combine("out"), dir.Combine("input")))
        {
            writer.WriteBuffered("api/big.json", output =>
            {
                for (var i = 0; i < 20_000; i++) System.Buffers.BuffersExtensions.Write(output, piece);
            });
            writer.Commit();
        }

        Assert.Equal(expected, File.ReadAllBytes(dir.Combine("out", "api", "big.json")));
    }
}
