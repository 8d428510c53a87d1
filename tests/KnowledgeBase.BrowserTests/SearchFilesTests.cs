using KnowledgeBase.Tests.Site;
using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeBase.Cli.Commands;

namespace KnowledgeBase.BrowserTests;

/// <summary>What <c>kb build</c> writes for search, checked on disk (no browser needed).</summary>
public sealed partial class SearchFilesTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "kb-search-files-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private string Build(params string[] extra)
    {
        var output = Path.Combine(_work, "site-" + Guid.NewGuid().ToString("N")[..8]);
        var stderr = new StringWriter();
        var code = KbCommandLine.Run(["build", "--input", RepoPaths.SampleInput, "--output", output, "--as-of", "2026-11-23", .. extra], new StringWriter(), stderr);
        Assert.True(code == 0, stderr.ToString());
        return output;
    }

    private static JsonElement Manifest(string site)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(site, "search", "manifest.json")));
        return doc.RootElement.Clone();
    }

    private static List<string> StoreIds(string site) =>
        Directory.EnumerateFiles(Path.Combine(site, "search", "store"), "*.json")
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString()!))
            .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_build_indexes_published_incidents_and_drafts_only_with_the_drafts_flag()
    {
        var published = Build();
        Assert.Equal(12, Manifest(published).GetProperty("documents").GetInt32());
        var ids = StoreIds(published);
        Assert.Equal(12, ids.Count);
        Assert.Contains("postgres-wal-disk-full", ids);
        Assert.DoesNotContain("invoice-pdf-lifecycle-deletion", ids); // draft
        Assert.DoesNotContain("k8s-node-pool-autoscaling", ids);      // review
        foreach (var lang in new[] { "en", "ru", "fr", "de" })
            Assert.True(File.Exists(Path.Combine(published, "search", lang, "index.json")), lang);
        Assert.True(File.Exists(Path.Combine(published, "search", "kb-search.js")));
        Assert.True(File.Exists(Path.Combine(published, "search", "facets.json")));
        Assert.True(File.Exists(Path.Combine(published, "search", "index.html")), "the search page lives next to its files");

        var drafts = Build("--drafts");
        Assert.Equal(14, Manifest(drafts).GetProperty("documents").GetInt32());
        Assert.Contains("invoice-pdf-lifecycle-deletion", StoreIds(drafts));
    }

    [Fact]
    public void Store_entries_hold_the_display_data_with_site_relative_urls()
    {
        var site = Build("--base-url", "/kb/docs/");
        var entry = Directory.EnumerateFiles(Path.Combine(site, "search", "store"), "*.json")
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.EnumerateArray())
            .Single(d => d.GetProperty("id").GetString() == "dns-ttl-migration");
        Assert.Equal("incidents/dns-ttl-migration/", entry.GetProperty("url").GetString());
        Assert.Equal("2024-04-16", entry.GetProperty("date").GetString());
        Assert.Equal("2024", entry.GetProperty("year").GetString());
        Assert.Equal("SEV2", entry.GetProperty("severity").GetString());
        Assert.Equal("fr", entry.GetProperty("lang").GetString());
        Assert.StartsWith("Bascule de la base de données", entry.GetProperty("title").GetString());
        Assert.Contains("base de données", entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(File.Exists(Path.Combine(site, "incidents", "dns-ttl-migration", "index.html")));
    }

    [Fact]
    public void Every_page_has_the_lazy_search_box_and_no_inline_script_or_style()
    {
        var site = Build("--base-url", "/kb/docs/");
        var pages = Directory.EnumerateFiles(site, "*.html", SearchOption.AllDirectories).ToList();
        Assert.True(pages.Count > 100);
        foreach (var file in pages)
        {
            var html = File.ReadAllText(file);
            var name = Path.GetRelativePath(site, file);
            Assert.Contains("<html lang=\"", html);
            Assert.Matches("<html [^>]*data-base=\"/kb/docs/\"", html);
            Assert.Contains("<script src=\"/kb/docs/assets/js/search-ui.js\" defer></script>", html);
            var isSearchPage = name == Path.Combine("search", "index.html");
            Assert.True(isSearchPage ^ html.Contains("data-search-box", StringComparison.Ordinal), $"{name}: header box");
            Assert.True(isSearchPage == html.Contains("data-search-page", StringComparison.Ordinal), $"{name}: search page form");
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(StyleAttribute(), html);
            // Nothing search-related is referenced by the page itself: it loads when the box is focused.
            Assert.DoesNotContain("assets/vendor/", html);
            Assert.DoesNotContain("kb-search.js", html);
        }

        var search = File.ReadAllText(Path.Combine(site, "search", "index.html"));
        Assert.Contains("data-search-results", search);
        Assert.Contains("action=\"/kb/docs/search/\"", search);
        foreach (var filter in new[] { "severity", "year", "tags", "lang" }) Assert.Contains($"data-search-filter=\"{filter}\"", search);
    }

    [Theory]
    [InlineData("en", "Search")]
    [InlineData("ru", "Поиск")]
    [InlineData("fr", "Recherche")]
    [InlineData("de", "Suche")]
    public void The_search_words_exist_in_every_theme_language(string lang, string search)
    {
        var yml = File.ReadAllText(Path.Combine(RepoPaths.Root, "themes", "default", "i18n", lang + ".yml"));
        Assert.Contains($"\nsearch: {search}\n", yml);
        foreach (var key in new[]
                 {
                     "search_label", "search_placeholder", "search_loading", "search_error", "search_invalid", "search_no_results",
                     "search_no_results_filtered", "search_did_you_mean", "search_results_count", "search_results_filtered",
                     "search_all_results", "search_show_more", "search_any", "search_year", "search_filters", "search_clear_filters",
                     "search_noscript", "search_hint",
                 })
            Assert.Contains($"\n{key}: ", yml);
    }

    // A script element without src that the browser would run (JSON data blocks are not run, so CSP allows them).
    [GeneratedRegex(@"<script(?![^>]*\ssrc=)(?![^>]*\stype=""application/(ld\+)?json"")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();
}
