using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>
/// Internal deployments often have no network beyond the site: every request a page makes — fonts, scripts, the
/// search index after typing — goes to the site's own origin. The pages are loaded with the CSP bypassed, so a
/// reference to another origin is caught even where production's policy would only block it silently.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExternalRequestTests(SiteFixture site)
{
    private async Task<(IBrowserContext Context, ConcurrentQueue<string> Requests)> RecordingContextAsync()
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, Locale = "en-US", BypassCSP = true });
        var requests = new ConcurrentQueue<string>();
        context.Request += (_, r) => requests.Enqueue(r.Url);
        // Nothing leaves the machine: requests to other origins are recorded, then refused.
        await context.RouteAsync(url => !url.StartsWith(site.Origin + "/", StringComparison.Ordinal), route => route.AbortAsync());
        return (context, requests);
    }

    [Fact]
    public async Task Every_page_type_requests_only_its_own_origin_and_loads_the_local_fonts()
    {
        var (context, requests) = await RecordingContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            foreach (var path in PageTypes.All.Values)
            {
                await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
                await page.EvaluateAsync("() => document.fonts.ready");
            }
            // The header search loads its scripts and index on focus: type a query as a reader would.
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
            await page.Locator("[data-search-input]").First.PressSequentiallyAsync("disk");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.WaitForTimeoutAsync(300);
        }
        finally
        {
            await context.CloseAsync();
        }

        var all = requests.ToList();
        var foreign = all.Where(u => !u.StartsWith(site.Origin + "/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(foreign.Count == 0, "requests to other origins: " + string.Join(", ", foreign));
        Assert.Contains(all, u => u.EndsWith("/assets/fonts/inter-latin-wght-normal.woff2", StringComparison.Ordinal));
        // The incident of the sample is Russian: its Cyrillic letters need the Cyrillic file.
        Assert.Contains(all, u => u.EndsWith("/assets/fonts/inter-cyrillic-wght-normal.woff2", StringComparison.Ordinal));
        Assert.Contains(all, u => u.Contains("/search/", StringComparison.Ordinal) && u.EndsWith(".json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_text_is_set_in_the_shipped_font()
    {
        await using var s = await site.OpenAsync(PageTypes.Incident);
        await s.Page.EvaluateAsync("() => document.fonts.ready");
        Assert.True(await s.Page.EvaluateAsync<bool>("() => document.fonts.check('16px \"Inter kb\"', 'Отказ базы данных')"));
        var loaded = await s.Page.EvaluateAsync<int>("() => [...document.fonts].filter(f => f.family.includes('Inter kb') && f.status === 'loaded').length");
        Assert.Equal(2, loaded);
        s.AssertClean();
    }

    [Fact]
    public async Task The_recorder_does_catch_a_request_to_another_origin()
    {
        var (context, requests) = await RecordingContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
            await page.EvaluateAsync("() => { const i = new Image(); i.src = 'http://192.0.2.1/pixel.png'; document.body.appendChild(i); }");
            await page.WaitForTimeoutAsync(300);
        }
        finally
        {
            await context.CloseAsync();
        }
        Assert.Contains("http://192.0.2.1/pixel.png", requests);
    }
}
