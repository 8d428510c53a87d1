using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests;

/// <summary>
/// Time from the last keystroke to rendered results once the query's index fragments are cached, in Chromium
/// (target: 100 ms). Runs on the sample site; set <c>KB_SEARCH_BENCH_SITE</c> to a site folder built by kb (for
/// example a 10,000-post-mortem site) and <c>KB_SEARCH_BENCH_QUERIES</c> (queries separated by <c>|</c>) to
/// measure that site too. Prints what each query downloaded the first time and the latencies.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchLatencyTests(SiteFixture site, ITestOutputHelper output)
{
    private const int Trials = 5;
    private const double TargetMs = 100;

    // Installed in the page: the time of the last key press, and of the results list becoming "done" (also after the
    // next animation frame, i.e. when the results are painted).
    private const string Probe = """
        () => {
          const list = document.querySelector('[data-search-results]');
          window.__kbProbe = { key: 0, done: 0, painted: 0 };
          // Characters outside the keyboard layout are inserted without a keydown, so "input" marks the keystroke too.
          const key = () => { window.__kbProbe.key = performance.now(); };
          document.addEventListener('keydown', key, true);
          document.addEventListener('input', key, true);
          new MutationObserver(() => {
            if (list.getAttribute('data-search-state') !== 'done') return;
            const t = performance.now();
            window.__kbProbe.done = t;
            requestAnimationFrame(() => { if (window.__kbProbe.done === t) window.__kbProbe.painted = performance.now(); });
          }).observe(list, { attributes: true, attributeFilter: ['data-search-state', 'data-search-query'] });
        }
        """;

    [Fact]
    public async Task Results_render_within_100_ms_of_the_last_keystroke_once_fragments_are_cached()
    {
        var best = await MeasureAsync(site.Browser, site.Origin, ["stampeding caches", "базу данных", "acquéreurs expirés", "doppeltes Cronjobs"]);
        Assert.True(best <= TargetMs, $"best cached latency {best:F1} ms exceeds {TargetMs} ms");

        var benchSite = Environment.GetEnvironmentVariable("KB_SEARCH_BENCH_SITE");
        if (string.IsNullOrEmpty(benchSite)) return;
        var queries = (Environment.GetEnvironmentVariable("KB_SEARCH_BENCH_QUERIES") ?? "database outage|replication lag")
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await using var server = await StaticSiteServer.StartAsync([("", benchSite)]);
        output.WriteLine($"-- {benchSite}");
        await MeasureAsync(site.Browser, server.Origin, queries);
    }

    private async Task<double> MeasureAsync(IBrowser browser, string origin, IReadOnlyList<string> queries)
    {
        await using var s = await BrowserSession.OpenAsync(browser, origin, "/search/");
        var page = s.Page;
        var box = page.Locator("[data-search-page] [data-search-input]");
        var list = page.Locator("[data-search-results]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        page.Response += (_, r) =>
        {
            var length = r.Headers.TryGetValue("content-length", out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : 0;
            lock (sizes) sizes[new Uri(r.Url).AbsolutePath] = length;
        };
        await page.EvaluateAsync(Probe);
        var bestOverall = double.MaxValue;
        foreach (var q in queries)
        {
            lock (sizes) sizes.Clear();
            var cold = await TypeAsync(page, box, list, q);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            long files, bytes;
            lock (sizes)
            {
                files = sizes.Count(kv => kv.Key.Contains("/search/", StringComparison.Ordinal));
                bytes = sizes.Where(kv => kv.Key.Contains("/search/", StringComparison.Ordinal)).Sum(kv => kv.Value);
            }

            var warm = new List<(double Done, double Painted)>();
            for (var i = 0; i < Trials; i++) warm.Add(await TypeAsync(page, box, list, q));
            var results = await list.Locator("> li").CountAsync();
            var sorted = warm.Select(w => w.Done).Order().ToList();
            bestOverall = Math.Min(bestOverall, sorted[0]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"'{q}': {results} shown; first time {cold.Done:F0} ms, {files} search files, {bytes / 1024.0:F1} KiB raw; " +
                $"cached: median {sorted[sorted.Count / 2]:F1} ms, best {sorted[0]:F1} ms, painted median {warm.Select(w => w.Painted).Order().ElementAt(warm.Count / 2):F1} ms"));
        }

        s.AssertClean();
        return bestOverall;
    }

    // Clears the box, types the query key by key and returns the time from the last key press to the results.
    private static async Task<(double Done, double Painted)> TypeAsync(IPage page, ILocator box, ILocator list, string q)
    {
        await box.FillAsync("");
        await Expect(list).ToHaveAttributeAsync("data-search-state", "idle");
        await page.EvaluateAsync("() => { window.__kbProbe.key = 0; window.__kbProbe.done = 0; window.__kbProbe.painted = 0; }");
        await box.PressSequentiallyAsync(q);
        await Expect(list).ToHaveAttributeAsync("data-search-query", q, new() { Timeout = 30_000 });
        await Expect(list).ToHaveAttributeAsync("data-search-state", "done", new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => window.__kbProbe.painted >= window.__kbProbe.done && window.__kbProbe.done > 0");
        var probe = await page.EvaluateAsync<double[]>("() => [window.__kbProbe.key, window.__kbProbe.done, window.__kbProbe.painted]");
        return (probe[1] - probe[0], probe[2] - probe[0]);
    }
}
