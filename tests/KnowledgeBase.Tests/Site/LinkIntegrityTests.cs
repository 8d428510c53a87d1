using AngleSharp.Dom;

namespace KnowledgeBase.Tests.Site;

/// <summary>Every internal link and asset of a built site resolves to a written file, also under a base path.</summary>
public sealed class LinkIntegrityTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/kb/docs/")]
    public void Every_internal_link_and_asset_resolves_in_the_small_site(string basePath)
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"), "--base-url", basePath);
        Assert.True(site.ExitCode == 0, site.Stderr);
        AssertLinksResolve(site, basePath);
    }

    [Fact]
    public void Every_internal_link_and_asset_resolves_in_the_sample_site()
    {
        using var dir = new TempDir();
        var site = BuiltSite.Build(RepoPaths.SampleInput, Path.Combine(dir.Path, "out"), "--base-url", "https://kb.example.com/postmortems/");
        Assert.True(site.ExitCode == 0, site.Stderr);
        AssertLinksResolve(site, "/postmortems/");
    }

    private static void AssertLinksResolve(BuiltSite site, string basePath)
    {
        var checkedLinks = 0;
        foreach (var file in site.HtmlFiles())
        {
            var doc = site.Parse(file);
            var ids = doc.QuerySelectorAll("[id]").Select(e => e.Id!).ToHashSet();
            foreach (var (element, url) in Links(doc))
            {
                if (url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("mailto:", StringComparison.Ordinal))
                    continue;
                if (url.StartsWith('#'))
                {
                    Assert.True(ids.Contains(Uri.UnescapeDataString(url[1..])), $"{site.SitePathOf(file)}: anchor {url} has no target");
                    continue;
                }
                Assert.True(url.StartsWith(basePath, StringComparison.Ordinal), $"{site.SitePathOf(file)}: <{element.LocalName}> link '{url}' does not start with the base path {basePath}");
                var path = url[(basePath.Length - 1)..].Split('#')[0];
                Assert.True(site.Exists(path), $"{site.SitePathOf(file)}: <{element.LocalName}> link '{url}' points to a missing file");
                checkedLinks++;
            }
        }
        Assert.True(checkedLinks > 100, $"only {checkedLinks} links checked");
    }

    private static IEnumerable<(IElement, string)> Links(IDocument doc)
    {
        foreach (var a in doc.QuerySelectorAll("a[href], link[href]")) yield return (a, a.GetAttribute("href")!);
        foreach (var s in doc.QuerySelectorAll("script[src], img[src]")) yield return (s, s.GetAttribute("src")!);
    }
}
