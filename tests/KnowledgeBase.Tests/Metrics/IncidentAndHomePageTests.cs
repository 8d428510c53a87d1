using KnowledgeBase.Tests.Site;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Tests.Metrics;

/// <summary>Similar incidents on incident pages, "on this day" on the home page, and the reading path's progress and print version.</summary>
public sealed class IncidentAndHomePageTests(MetricsSiteFixture fixture) : IClassFixture<MetricsSiteFixture>
{
    private readonly BuiltSite _site = fixture.Site;

    [Fact]
    public void Incident_page_lists_similar_incidents_with_a_repeat_marker()
    {
        var page = _site.Page("/incidents/e-db/");
        var items = page.QuerySelectorAll("[data-similar] li");
        var ids = items.Select(i => i.GetAttribute("data-similar-id")).ToList();
        Assert.InRange(ids.Count, 2, 5);
        Assert.Equal(["a-db", "b-db"], ids.Take(2));           // same service, tags, cause and wording first
        var b = items.Single(i => i.GetAttribute("data-similar-id") == "b-db");
        Assert.True(b.HasAttribute("data-repeat"));             // earlier, with open (one overdue) actions
        Assert.NotNull(b.QuerySelector("[data-repeat-marker]"));
        Assert.Contains("open actions: 2, overdue: 1", b.QuerySelector(".repeat-note")!.TextContent);
        Assert.False(items.Single(i => i.GetAttribute("data-similar-id") == "a-db").HasAttribute("data-repeat")); // all its work is done
        Assert.Equal("/kb/incidents/a-db/", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("database", items[0].QuerySelector(".shared")!.TextContent);
    }

    [Fact]
    public void A_later_similar_incident_is_never_a_repeat()
    {
        var items = _site.Page("/incidents/a-db/").QuerySelectorAll("[data-similar] li");
        Assert.Contains("e-db", items.Select(i => i.GetAttribute("data-similar-id")));
        Assert.All(items, i => Assert.False(i.HasAttribute("data-repeat")));
    }

    [Fact]
    public void Home_page_shows_incidents_that_started_on_this_day_in_earlier_years()
    {
        var page = _site.Page("/");
        var items = page.QuerySelectorAll("[data-on-this-day] li");
        Assert.Equal(["f-api", "g-cache"], items.Select(i => i.GetAttribute("data-incident")));
        Assert.Equal(["1", "2"], items.Select(i => i.GetAttribute("data-years-ago")));
        Assert.Equal("2025", items[0].QuerySelector("time")!.TextContent);
    }

    [Fact]
    public void No_on_this_day_section_without_such_incidents()
    {
        using var dir = new TempDir();
        var input = MetricsKnowledgeBase.Create(dir);
        var (code, _, stderr) = BuiltSite.Run(["build", "--input", input, "--output", Path.Combine(dir.Path, "out"), "--as-of", "2026-11-24"]);
        Assert.True(code == 0, stderr);
        Assert.Null(new BuiltSite(Path.Combine(dir.Path, "out"), 0, "", "").Page("/").QuerySelector("[data-on-this-day]"));
    }

    [Fact]
    public void Reading_path_has_a_checkbox_per_step_an_external_script_and_a_printable_version()
    {
        var page = _site.Page("/onboarding/");
        Assert.Equal(["a-db", "b-db"], page.QuerySelectorAll("[data-onboarding-check]").Select(c => c.GetAttribute("data-onboarding-check")));
        Assert.All(page.QuerySelectorAll("label.step-done"), l => Assert.True(l.HasAttribute("hidden"))); // shown by the script only
        Assert.Equal("/kb/assets/js/onboarding.js", page.QuerySelector("main script")!.GetAttribute("src"));
        Assert.Equal("/kb/onboarding/print/", page.QuerySelector("[data-onboarding-print]")!.GetAttribute("href"));
        Assert.True(File.Exists(Path.Combine(_site.OutputDir, "assets", "js", "onboarding.js")));

        var print = _site.Page("/onboarding/print/");
        Assert.Equal(["a-db", "b-db"], print.QuerySelectorAll("[data-step-id]").Select(s => s.GetAttribute("data-step-id")));
        Assert.Equal("Retention needs a limit in configuration.", print.QuerySelector("[data-step-id=a-db] ul li")!.TextContent);
        Assert.Empty(print.QuerySelectorAll("main input"));
    }

    [Fact]
    public void No_page_has_an_inline_script()
    {
        foreach (var file in _site.HtmlFiles())
            Assert.All(_site.Parse(file).QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), $"inline script in {file}"));
    }

    [Fact]
    public void Every_new_interface_word_is_translated_in_every_language()
    {
        var i18n = Path.Combine(RepoPaths.Root, "themes", "default", "i18n");
        Dictionary<string, string> Load(string lang)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(Path.Combine(i18n, lang + ".yml"))));
            return ((YamlMappingNode)yaml.Documents[0].RootNode).Children
                .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "");
        }
        var en = Load("en");
        var ours = en.Keys.Where(k => k.StartsWith("metrics", StringComparison.Ordinal) || k.StartsWith("similar_", StringComparison.Ordinal)
            || k.StartsWith("onboarding_p", StringComparison.Ordinal) || k is "on_this_day" or "onboarding_mark_read" or "onboarding_reset" or "feed" or "data_api").ToList();
        Assert.True(ours.Count > 60, $"{ours.Count} keys");
        foreach (var lang in new[] { "ru", "fr", "de" })
        {
            var words = Load(lang);
            var missing = ours.Where(k => !words.ContainsKey(k)).ToList();
            Assert.True(missing.Count == 0, $"{lang} lacks {string.Join(", ", missing)}");
            var untranslated = ours.Where(k => words[k] == en[k] && !words[k].Contains('−') && words[k].Length > 12).ToList();
            Assert.True(untranslated.Count == 0, $"{lang} copies English for {string.Join(", ", untranslated)}");
            foreach (var k in ours.Where(k => en[k].Contains('{')))
                foreach (var placeholder in System.Text.RegularExpressions.Regex.Matches(en[k], @"\{[a-z_]+\}").Select(m => m.Value))
                    Assert.True(words[k].Contains(placeholder), $"{lang}.{k} lacks {placeholder}");
        }
    }

    [Fact]
    public void Metrics_page_follows_the_site_language()
    {
        using var dir = new TempDir();
        var input = MetricsKnowledgeBase.Create(dir, "title: KB\nbase_url: /\ndefault_lang: de\n");
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.Equal(0, site.ExitCode);
        var page = site.Page("/metrics/");
        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Kennzahlen", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("2 Std. 30 Min.", page.QuerySelector("[data-headline] tr[data-duration=resolve] [data-stat=median]")!.TextContent.Trim());
    }
}
