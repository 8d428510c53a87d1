using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Authoring;

public sealed class DueLimitSettingsTests
{
    private static (SiteSettings Settings, List<Diagnostic> Diagnostics) Read(string siteYml)
    {
        using var dir = new TempDir();
        dir.Write("site.yml", siteYml);
        var diagnostics = new List<Diagnostic>();
        return (SiteSettingsReader.Read(dir.Path, diagnostics), diagnostics);
    }

    [Fact]
    public void Default_is_eight_weeks_for_SEV1_and_SEV2()
    {
        var (settings, diagnostics) = Read("title: T\n");
        Assert.Empty(diagnostics);
        Assert.Equal(new Dictionary<string, int> { ["SEV1"] = 56, ["SEV2"] = 56 }, settings.ActionDueLimits);
    }

    [Fact]
    public void A_map_in_site_yml_replaces_the_default()
    {
        var (settings, diagnostics) = Read("action_due_limits:\n  SEV1: 28\n  SEV3: 90\n");
        Assert.Empty(diagnostics);
        Assert.Equal(new Dictionary<string, int> { ["SEV1"] = 28, ["SEV3"] = 90 }, settings.ActionDueLimits);
    }

    [Fact]
    public void An_empty_value_removes_every_limit()
    {
        var (settings, diagnostics) = Read("action_due_limits:\n");
        Assert.Empty(diagnostics);
        Assert.Empty(settings.ActionDueLimits);
    }

    [Theory]
    [InlineData("action_due_limits: {SEV1: soon}\n", 1, 27, "action_due_limits.SEV1")]
    [InlineData("action_due_limits: {SEV1: 0}\n", 1, 27, "action_due_limits.SEV1")]
    [InlineData("action_due_limits: [SEV1, 56]\n", 1, 20, "action_due_limits")]
    public void Bad_values_are_located_errors(string yaml, int line, int column, string field)
    {
        var (_, diagnostics) = Read(yaml);
        var d = Assert.Single(diagnostics);
        Assert.True(d.IsError);
        Assert.Equal(("site.yml", line, column, field), (d.File, d.Line, d.Column, d.Field));
    }
}
