using KnowledgeBase.Bench.Running;

namespace KnowledgeBase.Bench.Tests;

/// <summary>The side-by-side comparison: finding Hugo, its command line, and the ratios in the table.</summary>
public sealed class ComparisonTests
{
    [Fact]
    public void A_missing_hugo_is_not_found_and_an_existing_path_is()
    {
        Assert.Null(Hugo.Find("hugo-that-does-not-exist-" + Guid.NewGuid().ToString("N")));
        Assert.Null(Hugo.Find("/nonexistent/bin/hugo"));
        var file = Path.GetTempFileName();
        try { Assert.Equal(file, Hugo.Find(file)); }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Hugo_reads_the_corpus_as_content_and_keeps_its_cache_in_the_scratch_folder()
    {
        var command = Hugo.Command("/usr/bin/hugo", "/repo/bench/hugo-site", "/work/corpus", "/work/run/site", "/work/run");

        Assert.Equal("/usr/bin/hugo", command[0]);
        Assert.Equal("/work/corpus", command[command.ToList().IndexOf("--contentDir") + 1]);
        Assert.Equal("/work/run/site", command[command.ToList().IndexOf("--destination") + 1]);
        Assert.Equal(Path.Combine("/work/run", "hugo-cache"), command[command.ToList().IndexOf("--cacheDir") + 1]);
        Assert.Contains("--noBuildLock", command);
    }

    [Fact]
    public void The_repository_hugo_site_has_the_layouts_the_comparison_relies_on()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "KnowledgeBase.sln"))) root = Path.GetDirectoryName(root)!;
        var site = Path.Combine(root, "bench", "hugo-site");
        Assert.Contains("tag = \"tags\"", File.ReadAllText(Path.Combine(site, "hugo.toml")));
        foreach (var layout in new[] { "_default/single.html", "_default/list.html", "_default/term.html", "_default/terms.html", "index.html" })
            Assert.True(File.Exists(Path.Combine(site, "layouts", layout)), layout);
        var single = File.ReadAllText(Path.Combine(site, "layouts", "_default", "single.html"));
        foreach (var field in new[] { "severity", "summary", "services", "actions", "impact", "GetTerms \"tags\"", ".Content" })
            Assert.Contains(field, single);
    }

    [Fact]
    public void The_table_gives_kb_its_ratios_to_hugo_of_the_same_size()
    {
        var rows = new List<ResultTable.Row>
        {
            new(1000, "kb", 2.0, 1.9, 200, 3.0, 1 << 20, 10) { PairedWallRatio = 0.75 },
            new(1000, "hugo", 2.5, 2.4, 250, 2.0, 1 << 20, 8),
            new(10000, "kb", 8.0, 7.5, 600, 12.0, 1 << 20, 100),
        };

        var cells = ResultTable.Cells(rows);

        Assert.Equal(["1000", "kb", "2.00", "1.90", "200", "3.00", "1.0", "10", "0.80×", "0.75×", "0.80×", "1.50×"], cells[0]);
        Assert.Equal("", cells[1][8]);
        // No Hugo row for that size (--no-hugo): no ratios rather than wrong ones.
        Assert.Equal(["", "", "", ""], cells[2][8..]);
    }
}
