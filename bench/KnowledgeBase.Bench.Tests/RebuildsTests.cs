using KnowledgeBase.Bench.Running;

namespace KnowledgeBase.Bench.Tests;

/// <summary>run --rebuilds: the edit it makes, what it reads from kb's summary, and its table.</summary>
public sealed class RebuildsTests
{
    [Fact]
    public void The_edit_appends_to_the_body_and_leaves_the_front_matter_alone()
    {
        var text = "---\ntitle: T\ndate: 2024-01-02\n---\n\nBody.\n";

        var edited = Rebuilds.Edit(text, 0);

        Assert.StartsWith("---\ntitle: T\ndate: 2024-01-02\n---\n\nBody.\n", edited);
        Assert.EndsWith("run 1.\n", edited);
        Assert.NotEqual(Rebuilds.Edit(text, 0), Rebuilds.Edit(text, 1));
    }

    [Theory]
    [InlineData("Built 9688 post-mortems into 10140 pages (21707 files, 516645 KiB, 1269 written, 20440 unchanged) in /o in 3.1 s.", 1269)]
    [InlineData("Built 9688 post-mortems into 10140 pages (21707 files, 516645 KiB) in /o in 14.2 s.", -1)]
    public void Files_written_come_from_kbs_summary_line(string stdout, int expected) =>
        Assert.Equal(expected, Rebuilds.FilesWritten(stdout));

    [Fact]
    public void Each_rebuild_is_compared_with_the_first_build_of_its_size()
    {
        var rows = new List<Rebuilds.Row>
        {
            new(1000, Rebuilds.First, 3.0, 250, 4.0, -1),
            new(1000, Rebuilds.Unchanged, 0.5, 90, 0.4, 0),
            new(1000, Rebuilds.OneEdit, 2.0, 240, 3.0, 300),
            new(10000, Rebuilds.First, 20.0, 1000, 30.0, -1),
            new(10000, Rebuilds.OneEdit, 4.0, 900, 6.0, 3000),
        };

        var cells = Rebuilds.Cells(rows);

        Assert.Equal(["1000", Rebuilds.First, "3.00", "250", "4.00", "all", ""], cells[0]);
        Assert.Equal("6.0×", cells[1][6]);
        Assert.Equal(["1000", Rebuilds.OneEdit, "2.00", "240", "3.00", "300", "1.5×"], cells[2]);
        Assert.Equal("5.0×", cells[4][6]);
    }
}
