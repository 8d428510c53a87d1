using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests;

/// <summary>The search box and the /search/ page of the sample site, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchUiTests(SiteFixture site)
{
    private const string HeaderBox = "[data-search-box] [data-search-input]";
    private const string PageBox = "[data-search-page] [data-search-input]";
    private const string Results = "[data-search-results]";

    /// <summary>Waits until the results list shows <paramref name="query"/> in <paramref name="state"/>.</summary>
    private static async Task WaitForAsync(IPage page, string query, string state = "done")
    {
        var list = page.Locator(Results);
        await Expect(list).ToHaveAttributeAsync("data-search-query", query, new() { Timeout = 15_000 });
        await Expect(list).ToHaveAttributeAsync("data-search-state", state, new() { Timeout = 15_000 });
    }

    /// <summary>Presses a key and waits until the page has navigated to <paramref name="url"/> (a glob or a URL).</summary>
    private static async Task PressAndWaitForUrlAsync(IPage page, string key, string url)
    {
        // Listen first: the navigation may be committed before a later listener would start.
        var navigated = page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.Keyboard.PressAsync(key);
        await navigated;
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static async Task<List<string>> ResultIdsAsync(IPage page) =>
        (await page.Locator(Results + " > li").EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-id'))")).ToList();

    // Each query uses a form that does not occur in the post-mortem, so only stemming can find it.
    [Theory]
    [InlineData("базу данных", "postgres-wal-disk-full")]         // text: "база данных", "базы данных"
    [InlineData("заполненного диска", "postgres-wal-disk-full")]  // text: "диск заполнен", "заполнили диск"
    [InlineData("acquéreurs expirés", "payment-provider-api-key-expired")] // text: "acquéreur", "expirée"
    [InlineData("Trefferquoten", "cdn-purge-storm")]               // text: "Trefferquote"
    [InlineData("doppeltes", "cron-duplicate-payments-dst")]       // text: "doppelt", "Doppelte", "doppelten"
    [InlineData("canaries", "checkout-canary-rollback-2025")]      // text: "canary"
    [InlineData("stampeding", "black-friday-checkout-cache")]      // text: "stampede", "stampeded"
    public async Task Inflected_queries_find_the_incident_in_every_language(string query, string expectedId)
    {
        await using var s = await site.OpenAsync("/search/?q=" + Uri.EscapeDataString(query));
        await WaitForAsync(s.Page, query);
        var ids = await ResultIdsAsync(s.Page);
        Assert.Equal(expectedId, ids.FirstOrDefault());
        var first = s.Page.Locator(Results + " > li").First;
        await Expect(first.Locator("a.search-result-title")).ToHaveAttributeAsync("href", $"/incidents/{expectedId}/");
        await Expect(first.Locator("mark").First).ToBeVisibleAsync();
        s.AssertClean();
    }

    [Fact]
    public async Task A_result_shows_title_date_severity_language_and_a_highlighted_snippet()
    {
        await using var s = await site.OpenAsync("/search/?q=" + Uri.EscapeDataString("базу данных"));
        await WaitForAsync(s.Page, "базу данных");
        var first = s.Page.Locator(Results + " > li").First;
        await Expect(first.Locator(".search-result-title")).ToHaveTextAsync("Остановка основной базы данных: диск заполнен журналами WAL");
        await Expect(first.Locator("time")).ToHaveAttributeAsync("datetime", "2023-03-07");
        await Expect(first.Locator(".badge")).ToHaveTextAsync("SEV1");
        await Expect(first.Locator(".search-result-lang")).ToHaveTextAsync("RU");
        var marks = await first.Locator(".search-result-snippet mark").AllTextContentsAsync();
        Assert.Contains("база", marks);
        Assert.Contains("данных", marks);
        await Expect(first).ToHaveAttributeAsync("lang", "ru");
        s.AssertClean();
    }

    [Fact]
    public async Task Nothing_search_related_loads_before_the_box_is_focused_and_everything_is_local()
    {
        await using var s = await site.OpenAsync("/");
        static bool SearchRelated(string path) =>
            path.StartsWith("/search/", StringComparison.Ordinal) || path.StartsWith("/assets/vendor/", StringComparison.Ordinal);
        Assert.DoesNotContain(s.Paths, SearchRelated);
        Assert.Contains("/assets/js/search-ui.js", s.Paths);

        await s.Page.FocusAsync(HeaderBox);
        string[] expected =
        [
            "/search/manifest.json", "/assets/vendor/lunr.min.js", "/search/kb-search.js", "/assets/vendor/lunr.stemmer.support.min.js",
            "/assets/vendor/lunr.ru.min.js", "/assets/vendor/lunr.fr.min.js", "/assets/vendor/lunr.de.min.js",
        ];
        for (var waited = 0; expected.Except(s.Paths).Any() && waited < 15_000; waited += 50) await Task.Delay(50);
        Assert.Empty(expected.Except(s.Paths));
        Assert.DoesNotContain(s.Paths, p => p.StartsWith("/search/en/", StringComparison.Ordinal)); // no index before a query

        await s.Page.Locator(HeaderBox).PressSequentiallyAsync("canaries");
        await WaitForAsync(s.Page, "canaries");
        Assert.Equal("checkout-canary-rollback-2025", (await ResultIdsAsync(s.Page)).First());
        s.AssertClean();
    }

    [Fact]
    public async Task Slash_focuses_the_box_and_arrow_down_enter_opens_the_incident()
    {
        await using var s = await site.OpenAsync("/incidents/");
        // Not while typing in another input: the incident table's filter keeps its "/".
        var filter = s.Page.Locator("[data-table-filter]");
        await filter.FocusAsync();
        await s.Page.Keyboard.TypeAsync("a/");
        await Expect(filter).ToHaveValueAsync("a/");
        await filter.FillAsync("");

        await s.Page.Locator("h1").ClickAsync();
        await s.Page.Keyboard.PressAsync("/");
        var box = s.Page.Locator(HeaderBox);
        await Expect(box).ToBeFocusedAsync();
        await s.Page.Keyboard.TypeAsync("stampeding");
        await WaitForAsync(s.Page, "stampeding");
        await s.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(s.Page.Locator(Results + " > li a").First).ToBeFocusedAsync();
        await PressAndWaitForUrlAsync(s.Page, "Enter", "**/incidents/black-friday-checkout-cache/");
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("Black Friday 2024");
        s.AssertClean();
    }

    [Fact]
    public async Task Arrow_keys_move_through_the_results_of_the_search_page()
    {
        await using var s = await site.OpenAsync("/search/?q=postgres");
        await WaitForAsync(s.Page, "postgres");
        var links = s.Page.Locator(Results + " > li a.search-result-title");
        Assert.True(await links.CountAsync() >= 3);
        await Expect(s.Page.Locator(PageBox)).ToBeFocusedAsync();
        await s.Page.Keyboard.PressAsync("ArrowDown");
        await s.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(links.Nth(1)).ToBeFocusedAsync();
        await s.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(links.Nth(0)).ToBeFocusedAsync();
        await s.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(s.Page.Locator(PageBox)).ToBeFocusedAsync();
        // "/" on a result (not an input) goes back to the box.
        await s.Page.Keyboard.PressAsync("ArrowDown");
        await s.Page.Keyboard.PressAsync("/");
        await Expect(s.Page.Locator(PageBox)).ToBeFocusedAsync();
        await Expect(s.Page.Locator(PageBox)).ToHaveValueAsync("postgres");
        var href = await links.Nth(0).GetAttributeAsync("href");
        await s.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(links.Nth(0)).ToBeFocusedAsync();
        await PressAndWaitForUrlAsync(s.Page, "Enter", s.Origin + href);
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("Остановка основной базы данных");
        s.AssertClean();
    }

    [Fact]
    public async Task The_q_parameter_runs_on_load_and_typing_updates_it()
    {
        await using var s = await site.OpenAsync("/search/?q=canaries");
        await WaitForAsync(s.Page, "canaries");
        await Expect(s.Page.Locator(PageBox)).ToHaveValueAsync("canaries");
        Assert.Equal(["checkout-canary-rollback-2025"], await ResultIdsAsync(s.Page));

        await s.Page.Locator(PageBox).FillAsync("");
        await s.Page.Locator(PageBox).PressSequentiallyAsync("Trefferquoten");
        await WaitForAsync(s.Page, "Trefferquoten");
        Assert.EndsWith("/search/?q=Trefferquoten", s.Page.Url);
        Assert.Equal("cdn-purge-storm", (await ResultIdsAsync(s.Page)).First());

        // The shared link reproduces the same results in a new page.
        await using var shared = await site.OpenAsync(new Uri(s.Page.Url).PathAndQuery);
        await WaitForAsync(shared.Page, "Trefferquoten");
        Assert.Equal(await ResultIdsAsync(s.Page), await ResultIdsAsync(shared.Page));
        s.AssertClean();
        shared.AssertClean();
    }

    [Fact]
    public async Task Results_update_as_you_type()
    {
        await using var s = await site.OpenAsync("/search/");
        await Expect(s.Page.Locator("[data-search-filters]")).ToBeHiddenAsync();
        var box = s.Page.Locator(PageBox);
        await box.PressSequentiallyAsync("canar");                  // an unfinished word matches as a prefix
        await WaitForAsync(s.Page, "canar");
        Assert.Equal("checkout-canary-rollback-2025", (await ResultIdsAsync(s.Page)).First());
        await box.PressSequentiallyAsync("ies stampeding");
        await WaitForAsync(s.Page, "canaries stampeding");
        var ids = await ResultIdsAsync(s.Page);
        Assert.Contains("checkout-canary-rollback-2025", ids);
        Assert.Contains("black-friday-checkout-cache", ids);
        s.AssertClean();
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_are_kept_in_the_url()
    {
        await using var s = await site.OpenAsync("/search/?q=postgres");
        await WaitForAsync(s.Page, "postgres");
        var all = await ResultIdsAsync(s.Page);
        Assert.True(all.Count >= 4, string.Join(",", all));
        await Expect(s.Page.Locator("[data-search-filters]")).ToBeVisibleAsync();

        async Task<List<string>> Attr(string name) =>
            (await s.Page.Locator(Results + " > li").EvaluateAllAsync<string[]>($"items => items.map(i => i.getAttribute('{name}'))")).ToList();

        await s.Page.SelectOptionAsync("[data-search-filter=severity]", "SEV1");
        await WaitForAsync(s.Page, "postgres");
        var sev1 = await Attr("data-severity");
        Assert.NotEmpty(sev1);
        Assert.True(sev1.Count < all.Count);
        Assert.All(sev1, v => Assert.Equal("SEV1", v));
        Assert.Contains("severity=SEV1", s.Page.Url);

        await s.Page.ClickAsync("[data-search-clear]");
        await WaitForAsync(s.Page, "postgres");
        Assert.Equal(all, await ResultIdsAsync(s.Page));

        await s.Page.SelectOptionAsync("[data-search-filter=year]", "2024");
        await WaitForAsync(s.Page, "postgres");
        var years = await Attr("data-year");
        Assert.NotEmpty(years);
        Assert.All(years, v => Assert.Equal("2024", v));
        await s.Page.SelectOptionAsync("[data-search-filter=year]", "");

        await s.Page.SelectOptionAsync("[data-search-filter=lang]", "de");
        await WaitForAsync(s.Page, "postgres");
        var langs = await Attr("data-lang");
        Assert.NotEmpty(langs);
        Assert.True(langs.Count < all.Count);
        Assert.All(langs, v => Assert.Equal("de", v));
        await s.Page.SelectOptionAsync("[data-search-filter=lang]", "");

        await s.Page.SelectOptionAsync("[data-search-filter=tags]", "postgres");
        await WaitForAsync(s.Page, "postgres");
        var tagged = await ResultIdsAsync(s.Page);
        Assert.NotEmpty(tagged);
        Assert.True(tagged.Count < all.Count);
        Assert.All(tagged, id => Assert.Contains(id, all));
        s.AssertClean();

        // A shared link with filters applies them before showing results.
        await using var shared = await site.OpenAsync("/search/?q=postgres&lang=ru&severity=SEV1");
        await WaitForAsync(shared.Page, "postgres");
        Assert.Equal(["postgres-wal-disk-full"], await ResultIdsAsync(shared.Page));
        await Expect(shared.Page.Locator("[data-search-filter=lang]")).ToHaveValueAsync("ru");
        shared.AssertClean();
    }

    [Fact]
    public async Task No_results_suggest_the_closest_terms()
    {
        // "журнолы" is one letter off "журналы" (text: "журналами", "журналы"), whose index term is "журнал".
        await using var s = await site.OpenAsync("/search/?q=" + Uri.EscapeDataString("журнолы"));
        await WaitForAsync(s.Page, "журнолы", "empty");
        await Expect(s.Page.Locator("[data-search-status]")).ToHaveTextAsync("No results.");
        var suggestion = s.Page.Locator("[data-search-suggest] button", new() { HasText = "журнал" });
        await Expect(suggestion).ToBeVisibleAsync();
        await suggestion.ClickAsync();
        await Expect(s.Page.Locator(Results)).ToHaveAttributeAsync("data-search-state", "done");
        Assert.Equal("postgres-wal-disk-full", (await ResultIdsAsync(s.Page)).First());

        await s.Page.Locator(PageBox).FillAsync("canaires");
        await WaitForAsync(s.Page, "canaires", "empty");
        await s.Page.Locator("[data-search-suggest] button", new() { HasText = "canary" }).ClickAsync();
        await Expect(s.Page.Locator(Results)).ToHaveAttributeAsync("data-search-state", "done");
        Assert.Equal("checkout-canary-rollback-2025", (await ResultIdsAsync(s.Page)).First());
        s.AssertClean();
    }

    [Theory]
    [InlineData("foo:bar")]
    [InlineData("title:")]
    [InlineData("+")]
    public async Task A_query_lunr_cannot_parse_shows_a_friendly_message(string query)
    {
        await using var s = await site.OpenAsync("/search/");
        await s.Page.Locator(PageBox).FillAsync(query);
        await WaitForAsync(s.Page, query, "invalid");
        await Expect(s.Page.Locator("[data-search-status]")).ToContainTextAsync("This search cannot be read");
        await Expect(s.Page.Locator(Results + " > li")).ToHaveCountAsync(0);

        await s.Page.Locator(PageBox).FillAsync("canaries");
        await WaitForAsync(s.Page, "canaries");
        s.AssertClean();
    }

    [Fact]
    public async Task Drafts_and_left_out_incidents_never_reach_the_index()
    {
        // invoice-pdf-lifecycle-deletion is a draft, k8s-node-pool-autoscaling is in review.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(site.SampleSite, "search"), "*.json", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("invoice-pdf-lifecycle-deletion", text);
            Assert.DoesNotContain("k8s-node-pool-autoscaling", text);
        }

        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.SampleSite, "search", "manifest.json"))))
            Assert.Equal(12, manifest.RootElement.GetProperty("documents").GetInt32());

        await using var s = await site.OpenAsync("/search/?q=" + Uri.EscapeDataString("invoice lifecycle vCPU"));
        await WaitForAsync(s.Page, "invoice lifecycle vCPU", "empty");
        s.AssertClean();
    }

    [Fact]
    public async Task Index_text_is_shown_as_text_never_as_markup()
    {
        await using var s = await site.OpenAsync(SiteFixture.MarkupPrefix + "/search/?q=database");
        await WaitForAsync(s.Page, "database");
        var first = s.Page.Locator(Results + " > li").First;
        await Expect(first.Locator(".search-result-title")).ToHaveTextAsync("Database <img src=x onerror=alert(1)> outage");
        await Expect(first.Locator(".search-result-snippet")).ToContainTextAsync("The <b>database</b> & its \"replica\" <script>alert(2)</script> stopped.");
        await Expect(s.Page.Locator(Results + " img, " + Results + " b, " + Results + " script")).ToHaveCountAsync(0);
        Assert.Contains("Database", await first.Locator(".search-result-title mark").AllTextContentsAsync());
        s.AssertClean();
    }

    [Fact]
    public async Task The_box_works_under_a_base_path()
    {
        var prefix = SiteFixture.BasePathPrefix;
        await using var s = await site.OpenAsync(prefix + "/incidents/");
        Assert.Equal(prefix + "/", await s.Page.Locator("html").GetAttributeAsync("data-base"));
        await s.Page.Locator(HeaderBox).FocusAsync();
        await s.Page.Locator(HeaderBox).PressSequentiallyAsync("canaries");
        await WaitForAsync(s.Page, "canaries");
        var link = s.Page.Locator(Results + " > li a.search-result-title").First;
        await Expect(link).ToHaveAttributeAsync("href", prefix + "/incidents/checkout-canary-rollback-2025/");
        Assert.All(s.Paths.Where(p => p.Contains("/search/", StringComparison.Ordinal) || p.Contains("/vendor/", StringComparison.Ordinal)),
            p => Assert.StartsWith(prefix + "/", p));

        // Enter without a chosen result opens the search page with the query.
        await Expect(s.Page.Locator(HeaderBox)).ToBeFocusedAsync();
        await PressAndWaitForUrlAsync(s.Page, "Enter", $"**{prefix}/search/?q=canaries");
        await WaitForAsync(s.Page, "canaries");
        await s.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(s.Page.Locator(Results + " > li a").First).ToBeFocusedAsync();
        await PressAndWaitForUrlAsync(s.Page, "Enter", $"**{prefix}/incidents/checkout-canary-rollback-2025/");
        s.AssertClean();
    }
}
