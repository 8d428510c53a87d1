using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests;

/// <summary>
/// The search UI on an index with shards and impact blocks (<see cref="SearchTopKSite"/>), in Chromium: the results
/// shown, their order, the match count, "show more" and the filters' counts are lunr.js's for the same documents,
/// although only the first impact blocks of common words are downloaded.
/// </summary>
[Collection(SearchTopKCollection.Name)]
public sealed partial class SearchTopKUiTests(SearchTopKSite site)
{
    private const string Results = "[data-search-results]";

    private static async Task WaitForAsync(IPage page, string query)
    {
        var list = page.Locator(Results);
        await Expect(list).ToHaveAttributeAsync("data-search-query", query, new() { Timeout = 15_000 });
        await Expect(list).ToHaveAttributeAsync("data-search-state", "done", new() { Timeout = 15_000 });
    }

    private static async Task<List<string>> ShownIdsAsync(IPage page) =>
        (await page.Locator(Results + " > li").EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-id'))")).ToList();

    private static string Ids(IEnumerable<SearchTopKSite.Hit> hits) => string.Join(' ', hits.Select(h => h.Id));

    private static string Count(int n) => string.Create(CultureInfo.InvariantCulture, $"Results: {n}");

    /// <summary>Impact blocks on disk, per impact shard of English: shard number → block count.</summary>
    private Dictionary<int, int> EnglishBlocksOnDisk() =>
        Directory.EnumerateFiles(Path.Combine(site.SearchDir, "en"), "top-*.json")
            .Select(f => BlockFile().Match(Path.GetFileName(f)))
            .GroupBy(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The impact blocks of a language the page has requested: (shard, block).</summary>
    private static List<(int Shard, int Block)> FetchedBlocks(BrowserSession s, string lang) =>
        s.Paths.Where(p => p.Contains($"/search/{lang}/top-", StringComparison.Ordinal))
            .Select(p => BlockFile().Match(p))
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .Distinct().ToList();

    [Fact]
    public void The_index_under_test_has_shards_and_multi_block_impact_terms()
    {
        var en = site.Manifest.GetProperty("languages").EnumerateArray().Single(l => l.GetProperty("lang").GetString() == "en");
        Assert.True(en.GetProperty("shards").GetProperty("count").GetInt32() > 20, "English is split into many shards");
        var blocks = EnglishBlocksOnDisk();
        Assert.True(blocks.Count >= 2, "at least two English terms have impact blocks");
        Assert.True(blocks.Values.Max() >= 4, "a common word spans at least four blocks");
        Assert.True(site.Expected("database").Count > 100, "'database' matches most documents");
    }

    [Fact]
    public async Task The_search_page_shows_lunrs_best_results_and_show_more_pages_through_them_reading_only_some_blocks()
    {
        const string query = "database";
        var expected = site.Expected(query);
        await using var s = await site.OpenAsync("/search/?q=" + query);
        var page = s.Page;
        await WaitForAsync(page, query);
        await Expect(page.Locator("[data-search-status]")).ToHaveTextAsync(Count(expected.Count));
        Assert.Equal(Ids(expected.Take(20)), string.Join(' ', await ShownIdsAsync(page)));

        // The first page needed the first blocks of the common word, not all of them, and not every shard.
        var onDisk = EnglishBlocksOnDisk();
        var firstPage = FetchedBlocks(s, "en");
        Assert.NotEmpty(firstPage);
        Assert.All(firstPage.GroupBy(b => b.Shard), g => Assert.True(g.Count() < onDisk[g.Key],
            $"page 1 fetched all {onDisk[g.Key]} blocks of impact shard {g.Key}"));
        var shardCount = site.Manifest.GetProperty("languages")[0].GetProperty("shards").GetProperty("count").GetInt32();
        Assert.True(s.Paths.Count(p => p.Contains("/search/en/shard-", StringComparison.Ordinal)) < shardCount / 4, "page 1 fetched most shards");

        // "Show more" appends the next 20, in lunr's order, until every match is shown.
        var more = page.Locator("[data-search-more]");
        for (var shown = 20; shown < expected.Count; shown += 20)
        {
            await Expect(more).ToBeVisibleAsync();
            await more.ClickAsync();
            var want = Math.Min(shown + 20, expected.Count);
            await Expect(page.Locator(Results + " > li")).ToHaveCountAsync(want);
            await Expect(page.Locator(Results)).ToHaveAttributeAsync("data-search-state", "done");
            Assert.Equal(Ids(expected.Take(want)), string.Join(' ', await ShownIdsAsync(page)));
            if (shown == 20)
            {
                // The second page may read deeper, still not the whole posting list.
                var secondPage = FetchedBlocks(s, "en");
                Assert.All(secondPage.GroupBy(b => b.Shard), g => Assert.True(g.Count() < onDisk[g.Key],
                    $"page 2 fetched all {onDisk[g.Key]} blocks of impact shard {g.Key}"));
            }
        }

        await Expect(more).ToBeHiddenAsync();
        await Expect(page.Locator("[data-search-status]")).ToHaveTextAsync(Count(expected.Count));
        // Each later page reused what the earlier ones downloaded.
        var twice = s.Paths.Where(p => p.StartsWith("/search/", StringComparison.Ordinal)).GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "downloaded more than once: " + string.Join(", ", twice));
        s.AssertClean();
    }

    [Fact]
    public async Task Show_more_clicked_twice_in_a_row_adds_one_page_without_duplicates()
    {
        const string query = "database";
        var expected = site.Expected(query);
        await using var s = await site.OpenAsync("/search/?q=" + query);
        var page = s.Page;
        await WaitForAsync(page, query);
        // Two clicks before the first page of more results has arrived (a double click, or an impatient reader).
        await page.Locator("[data-search-more]").EvaluateAsync("b => { b.click(); b.click(); }");
        await Expect(page.Locator(Results)).ToHaveAttributeAsync("data-search-state", "done");
        await Expect(page.Locator(Results + " > li")).ToHaveCountAsync(40);
        // Whatever the second click did has settled by the time a further click completes.
        await page.Locator("[data-search-more]").ClickAsync();
        await Expect(page.Locator(Results + " > li")).ToHaveCountAsync(60);
        Assert.Equal(Ids(expected.Take(60)), string.Join(' ', await ShownIdsAsync(page)));
        s.AssertClean();
    }

    [Theory]
    [InlineData("database latency", "database latency")]
    [InlineData("Latenz", "Latenz")]
    [InlineData("failover", "failover")]
    [InlineData("databse~1", "databse~1")]
    [InlineData("+database -latency", "+database -latency")]
    // Nothing is indexed as "databa": the page tries the last word again as a prefix.
    [InlineData("databa", "databa*")]
    public async Task Other_queries_show_lunrs_first_page_and_count(string typed, string lunrQuery)
    {
        var expected = site.Expected(lunrQuery);
        Assert.True(expected.Count > 20, $"'{lunrQuery}' matches {expected.Count}; the test wants more than a page");
        await using var s = await site.OpenAsync("/search/?q=" + Uri.EscapeDataString(typed));
        await WaitForAsync(s.Page, typed);
        await Expect(s.Page.Locator("[data-search-status]")).ToHaveTextAsync(Count(expected.Count));
        Assert.Equal(Ids(expected.Take(20)), string.Join(' ', await ShownIdsAsync(s.Page)));
        await s.Page.Locator("[data-search-more]").ClickAsync();
        await Expect(s.Page.Locator(Results + " > li")).ToHaveCountAsync(Math.Min(40, expected.Count));
        Assert.Equal(Ids(expected.Take(40)), string.Join(' ', await ShownIdsAsync(s.Page)));
        s.AssertClean();
    }

    [Fact]
    public async Task The_header_box_shows_lunrs_best_six_and_the_match_count()
    {
        const string query = "database latency";
        var expected = site.Expected(query);
        await using var s = await site.OpenAsync("/");
        var box = s.Page.Locator("[data-search-box] [data-search-input]");
        await box.FocusAsync();
        await box.PressSequentiallyAsync(query);
        await WaitForAsync(s.Page, query);
        await Expect(s.Page.Locator("[data-search-box] .search-status")).ToHaveTextAsync(Count(expected.Count));
        Assert.Equal(Ids(expected.Take(6)), string.Join(' ', await ShownIdsAsync(s.Page)));
        var onDisk = EnglishBlocksOnDisk();
        Assert.All(FetchedBlocks(s, "en").GroupBy(b => b.Shard), g => Assert.True(g.Count() < onDisk[g.Key],
            $"the header box fetched all {onDisk[g.Key]} blocks of impact shard {g.Key}"));
        s.AssertClean();
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "severity", "SEV2" }, { "year", "2023" }, { "tags", "network" }, { "lang", "de" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_filter_counts_every_match_and_ranks_what_it_keeps_as_lunr_does(string facet, string value)
    {
        const string query = "database";
        var expected = site.Expected(query);
        await using var s = await site.OpenAsync("/search/?q=" + query);
        var page = s.Page;
        await WaitForAsync(page, query);
        await Expect(page.Locator("[data-search-filters]")).ToBeVisibleAsync();

        // Every option of every filter counts all matches, not only the shown ones.
        foreach (var f in new[] { "severity", "year", "tags", "lang" })
        {
            var options = await page.Locator($"[data-search-filter='{f}'] option").AllTextContentsAsync();
            Assert.Equal(ExpectedOptions(expected, f), options.Skip(1).ToList());
        }

        await page.Locator($"[data-search-filter='{facet}']").SelectOptionAsync(value);
        var kept = expected.Where(h => Facet(h, facet).Contains(value)).ToList();
        Assert.True(kept.Count > 20, $"the filter keeps {kept.Count}; the test wants a second page");
        var status = page.Locator("[data-search-status]");
        await Expect(status).ToHaveTextAsync(string.Create(CultureInfo.InvariantCulture, $"Results: {kept.Count} of {expected.Count}"));
        await Expect(page.Locator(Results)).ToHaveAttributeAsync("data-search-state", "done");
        Assert.Equal(Ids(kept.Take(20)), string.Join(' ', await ShownIdsAsync(page)));

        await page.Locator("[data-search-more]").ClickAsync();
        await Expect(page.Locator(Results + " > li")).ToHaveCountAsync(Math.Min(40, kept.Count));
        await Expect(page.Locator(Results)).ToHaveAttributeAsync("data-search-state", "done");
        Assert.Equal(Ids(kept.Take(40)), string.Join(' ', await ShownIdsAsync(page)));

        // The filter is in the URL: opening it ranks with the filter from the start.
        Assert.Contains((facet == "tags" ? "tag" : facet) + "=" + value, page.Url, StringComparison.Ordinal);
        await using var again = await site.OpenAsync(new Uri(page.Url).PathAndQuery);
        await WaitForAsync(again.Page, query);
        await Expect(again.Page.Locator("[data-search-status]")).ToHaveTextAsync(string.Create(CultureInfo.InvariantCulture, $"Results: {kept.Count} of {expected.Count}"));
        Assert.Equal(Ids(kept.Take(20)), string.Join(' ', await ShownIdsAsync(again.Page)));
        s.AssertClean();
        again.AssertClean();
    }

    private static IReadOnlyList<string> Facet(SearchTopKSite.Hit h, string facet) => facet switch
    {
        "severity" => [h.Doc.Severity],
        "year" => [h.Doc.Date[..4]],
        "tags" => h.Doc.Tags,
        _ => [h.Doc.Language],
    };

    // "value (count)" for each value some match has, in value order (years newest first), languages upper-case.
    private static List<string> ExpectedOptions(IReadOnlyList<SearchTopKSite.Hit> hits, string facet)
    {
        var counts = hits.SelectMany(h => Facet(h, facet).Distinct()).GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count())).OrderBy(x => x.Value, StringComparer.Ordinal).ToList();
        if (facet == "year") counts.Reverse();
        return counts.Select(x => string.Create(CultureInfo.InvariantCulture,
            $"{(facet == "lang" ? x.Value.ToUpperInvariant() : x.Value)} ({x.Count})")).ToList();
    }

    [GeneratedRegex(@"/?top-(\d+)-(\d+)\.json$")]
    private static partial Regex BlockFile();
}
