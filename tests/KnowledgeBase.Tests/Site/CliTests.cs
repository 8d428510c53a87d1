namespace KnowledgeBase.Tests.Site;

public sealed class CliTests
{
    [Fact]
    public void Help_lists_build_options()
    {
        var (code, stdout, _) = BuiltSite.Run(["build", "--help"]);
        Assert.Equal(0, code);
        foreach (var option in new[] { "--input", "--output", "--as-of", "--base-url", "--drafts", "--theme", "--verbose" })
            Assert.Contains(option, stdout);
    }

    [Theory]
    [InlineData("build", "--nonsense")]
    [InlineData("frobnicate")]
    [InlineData("build", "--as-of", "23.11.2026")]
    [InlineData("build", "--theme", "/no/such/theme")]
    public void Usage_errors_exit_2_without_a_stack_trace(params string[] args)
    {
        var (code, _, stderr) = BuiltSite.Run(args);
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Missing_input_folder_exits_1()
    {
        using var dir = new TempDir();
        var site = BuiltSite.Build(Path.Combine(dir.Path, "nope"), Path.Combine(dir.Path, "out"));
        Assert.Equal(1, site.ExitCode);
        Assert.Contains("the input folder does not exist", site.Stderr);
    }

    [Fact]
    public void Verbose_prints_each_stage_with_counts()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--verbose");
        Assert.Equal(0, site.ExitCode);
        foreach (var stage in new[] { "read", "parse", "validate", "markdown", "aggregate", "render+write" })
            Assert.Matches($@"(?m)^\s+{System.Text.RegularExpressions.Regex.Escape(stage)}\s+\d+ items", site.Stdout);
        Assert.Matches(@"(?m)^\s+read\s+5 items", site.Stdout);
        Assert.Matches(@"(?m)^\s+validate\s+4 items", site.Stdout);
        Assert.Matches(@"(?m)^gc: \d+ collections \(gen1 \d+, gen2 \d+\), paused \d+\.\d\d s \(\d+ % of the wall time\), \d+ MiB allocated$", site.Stdout);
    }

    [Fact]
    public void Theme_override_replaces_one_template_and_keeps_the_rest()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        dir.Write("mytheme/templates/not-found.liquid", "<h1 data-custom>Lost? {{ site.title }}</h1>");
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--theme", Path.Combine(dir.Path, "mytheme"));
        Assert.Equal(0, site.ExitCode);
        Assert.Equal("Lost? Test KB", site.Page("/404.html").QuerySelector("[data-custom]")!.TextContent);
        Assert.NotNull(site.Page("/incidents/").QuerySelector("[data-incident-table]"));
    }

    [Fact]
    public void A_broken_theme_template_is_a_clear_error()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        dir.Write("mytheme/templates/home.liquid", "{% if %}");
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--theme", Path.Combine(dir.Path, "mytheme"));
        Assert.Equal(1, site.ExitCode);
        Assert.Contains("theme template 'templates/home.liquid'", site.Stderr);
        Assert.DoesNotContain("   at ", site.Stderr);
    }

    [Fact]
    public void A_sites_own_themes_folder_next_to_its_input_overrides_the_built_in_theme()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        dir.Write("themes/default/i18n/en.yml", "all_incidents: Every incident we ever had\n");
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.Equal(0, site.ExitCode);
        Assert.StartsWith("Every incident we ever had", site.Page("/incidents/").QuerySelector("h1")!.TextContent);
        // Words the override does not define still come from the built-in theme.
        Assert.StartsWith("Lessons learned", site.Page("/lessons/").QuerySelector("h1")!.TextContent);
    }
}
