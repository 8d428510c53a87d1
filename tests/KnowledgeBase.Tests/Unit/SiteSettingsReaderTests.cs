using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class SiteSettingsReaderTests
{
    private static (SiteSettings Settings, List<Diagnostic> Diagnostics) Read(string? siteYml)
    {
        using var dir = new UnitTempDir();
        Directory.CreateDirectory(dir.Combine("input"));
        if (siteYml is not null) dir.Write("input/site.yml", siteYml);
        var diagnostics = new List<Diagnostic>();
        var settings = SiteSettingsReader.Read(dir.Combine("input"), diagnostics);
        return (settings, diagnostics);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("# title: Our incidents\n# base_url: /kb/\n")]
    [InlineData("\uFEFF")]
    public void Missing_or_empty_settings_mean_defaults(string? text)
    {
        var (settings, diagnostics) = Read(text);

        Assert.Empty(diagnostics);
        Assert.Equal("Post-mortems", settings.Title);
        Assert.Equal("/", settings.BaseUrl);
        Assert.Equal("/", settings.BasePath);
        Assert.Equal("en", settings.DefaultLanguage);
        Assert.Null(settings.EditUrl);
        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], settings.Severities);
    }

    [Fact]
    public void Reads_every_setting()
    {
        var (settings, diagnostics) = Read("""
            title: Acme incidents
            description: What we learned
            base_url: kb
            default_lang: ru
            edit_url: https://github.com/acme/kb/edit/main/input/
            severities: [P1, P2, P3]

            """);

        Assert.Empty(diagnostics);
        Assert.Equal("Acme incidents", settings.Title);
        Assert.Equal("What we learned", settings.Description);
        Assert.Equal("/kb/", settings.BaseUrl);
        Assert.Equal("/kb/", settings.BasePath);
        Assert.Equal("ru", settings.DefaultLanguage);
        Assert.Equal("https://github.com/acme/kb/edit/main/input/", settings.EditUrl);
        Assert.Equal(["P1", "P2", "P3"], settings.Severities);
    }

    [Fact]
    public void An_absolute_base_url_gets_a_trailing_slash_and_a_path()
    {
        var (settings, diagnostics) = Read("base_url: https://x.io/kb\n");

        Assert.Empty(diagnostics);
        Assert.Equal("https://x.io/kb/", settings.BaseUrl);
        Assert.Equal("/kb/", settings.BasePath);
    }

    [Theory]
    [InlineData("kb", "/kb/", "/kb/")]
    [InlineData("/kb", "/kb/", "/kb/")]
    [InlineData("kb/docs/", "/kb/docs/", "/kb/docs/")]
    [InlineData("  /kb/  ", "/kb/", "/kb/")]
    [InlineData("", "/", "/")]
    [InlineData("/", "/", "/")]
    [InlineData("https://x.io/kb", "https://x.io/kb/", "/kb/")]
    [InlineData("https://x.io", "https://x.io/", "/")]
    [InlineData("HTTP://x.io/a/b", "HTTP://x.io/a/b/", "/a/b/")]
    public void Base_urls_are_normalised(string given, string baseUrl, string basePath)
    {
        var normalized = SiteSettings.NormalizeBaseUrl(given);
        var settings = new SiteSettings { BaseUrl = normalized };

        Assert.Equal(baseUrl, normalized);
        Assert.Equal(basePath, settings.BasePath);
    }

    [Fact]
    public void An_unknown_setting_is_a_located_warning_with_a_suggestion()
    {
        var (settings, diagnostics) = Read("title: T\nbase_ur: /kb/\n");

        var d = Assert.Single(diagnostics);
        DiagnosticAssert.At(d, DiagnosticLevel.Warning, "site.yml", 2, 1, "base_ur");
        Assert.Equal("unknown setting 'base_ur' is ignored; did you mean 'base_url'?", d.Message);
        Assert.Equal("/", settings.BaseUrl);
    }

    [Theory]
    [InlineData("severities: []\n", 1, 13)]
    [InlineData("title: T\nseverities:\n", 2, 12)]
    public void Empty_severities_are_an_error(string text, int line, int column)
    {
        var (settings, diagnostics) = Read(text);

        var d = Assert.Single(diagnostics);
        DiagnosticAssert.At(d, DiagnosticLevel.Error, "site.yml", line, column, "severities");
        Assert.Contains("non-empty list of severities", d.Message);
        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], settings.Severities);
    }

    [Fact]
    public void Bad_urls_are_errors()
    {
        var (_, diagnostics) = Read("base_url: ftp://x.io/kb\nedit_url: not-a-url\n");

        Assert.Equal([("base_url", 1, 11), ("edit_url", 2, 11)], diagnostics.Select(d => (d.Field, d.Line, d.Column)).ToList());
        Assert.All(diagnostics, d => Assert.True(d.IsError));
    }

    [Fact]
    public void A_yaml_error_in_the_settings_is_located()
    {
        var (_, diagnostics) = Read("title: T\nseverities: [SEV1\n");

        var d = Assert.Single(diagnostics);
        Assert.Equal("site.yml", d.File);
        Assert.True(d.IsError);
        Assert.StartsWith("YAML syntax error", d.Message);
        Assert.True(d.Line >= 2, d.ToString());
    }

    [Fact]
    public void Severities_that_differ_only_in_case_are_an_error()
    {
        var (settings, diagnostics) = Read("severities: [SEV1, sev1, SEV2]\n");
        var error = Assert.Single(diagnostics);
        Assert.True(error.IsError);
        Assert.Equal("severities", error.Field);
        Assert.Contains("SEV1, sev1", error.Message);
        Assert.Equal(4, settings.Severities.Count);
    }
}
