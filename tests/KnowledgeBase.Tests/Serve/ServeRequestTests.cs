using System.Net;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Serve;

/// <summary>What the preview server answers, path by path, like the built site would.</summary>
public sealed class ServeRequestTests
{
    [Fact]
    public async Task Serves_pages_assets_search_feeds_and_api_like_the_built_site()
    {
        await using var s = await RunningServer.StartAsync();
        async Task<HttpResponseMessage> Get(string path) => await s.Http.GetAsync(path);

        var home = await Get("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("text/html", home.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", home.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await Get("/incidents/tls-expired/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get("/tags/%D0%B1%D0%B0%D0%B7%D0%B0-%D0%B4%D0%B0%D0%BD%D0%BD%D1%8B%D1%85/")).StatusCode);
        Assert.Equal("text/css", (await Get("/assets/css/site.css")).Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await Get("/assets/vendor/lunr.min.js")).StatusCode);
        Assert.Contains("\"documents\":5", await s.Http.GetStringAsync("/search/manifest.json"));
        Assert.Equal(HttpStatusCode.OK, (await Get("/search/kb-search.js")).StatusCode);
        Assert.Contains("<feed", await s.Http.GetStringAsync("/feed.xml"));
        Assert.Contains("<urlset", await s.Http.GetStringAsync("/sitemap.xml"));
        Assert.Contains("\"tls-expired\"", await s.Http.GetStringAsync("/api/incidents.json"));
        Assert.Contains("incident_id", await s.Http.GetStringAsync("/api/actions.csv"));
        Assert.Contains("\"$schema\"", await s.Http.GetStringAsync("/schema/postmortem.schema.json"));
        Assert.Equal(HttpStatusCode.OK, (await Get("/metrics/")).StatusCode);

        var script = await Get("/_kb/live.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/_kb/live", await script.Content.ReadAsStringAsync());

        var missing = await Get("/incidents/no-such-incident/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("/_kb/live.js", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Get("/search/..%2F..%2F..%2Fetc%2Fpasswd")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Get("/assets/..%2F..%2Fsite.yml")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await s.Http.PostAsync("/", new StringContent(""))).StatusCode);

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = s.Server.Address };
        var redirect = await noRedirects.GetAsync("/incidents");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/incidents/", redirect.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Search_index_catches_up_with_an_edit_in_the_background()
    {
        await using var s = await RunningServer.StartAsync();
        var tab = await s.ConnectAsync();
        await tab.ReceiveAsync("hello");
        Assert.Contains("\"documents\":5", await s.Http.GetStringAsync("/search/manifest.json"));
        s.WriteInput("postmortems/2025/zebra.md", SmallKnowledgeBase.German.Replace("title: Rückstau in der Bestellwarteschlange", "title: Zebrastreifen"));
        await tab.ReceiveAsync("reload");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await s.Http.GetStringAsync("/search/manifest.json")).Contains("\"documents\":6"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the search index was not rebuilt");
            await Task.Delay(100);
        }
        // The result store is split into buckets (manifest: store.buckets); the new title is in one of them.
        var manifest = System.Text.Json.JsonDocument.Parse(await s.Http.GetStringAsync("/search/manifest.json"));
        var buckets = manifest.RootElement.GetProperty("store").GetProperty("buckets").GetInt32();
        var stores = await Task.WhenAll(Enumerable.Range(0, buckets).Select(n => s.Http.GetStringAsync($"/search/store/{n}.json")));
        Assert.Single(stores, store => store.Contains("Zebrastreifen"));
    }

    [Fact]
    public async Task Metrics_feeds_and_api_show_the_edit_not_the_stand_in()
    {
        await using var s = await RunningServer.StartAsync();
        var tab = await s.ConnectAsync();
        await tab.ReceiveAsync("hello");
        s.WriteInput("postmortems/2025/queue-backlog.md", SmallKnowledgeBase.German.Replace("severity: SEV4", "severity: SEV1"));
        await tab.ReceiveAsync("reload");
        // Asked at once: these wait for the background metrics/similar run of this update.
        Assert.Contains("\"severity\":\"SEV1\"", (await s.Http.GetStringAsync("/api/incidents.json")).Replace(" ", ""));
        var metrics = await s.PageAsync("/metrics/");
        Assert.NotNull(metrics.QuerySelector("main"));
    }

    [Fact]
    public async Task Before_the_input_first_builds_every_page_lists_the_errors_and_reloads_once_fixed()
    {
        await using var s = await RunningServer.StartAsync(dir =>
            dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English.Replace("date: 2024-03-14", "date: tomorrow")));
        var page = await s.Http.GetAsync("/incidents/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("postmortems/2024/tls-expired.md:3:7: error [date]", html);
        Assert.Contains("/_kb/live.js", html);
        Assert.Contains("postmortems/2024/tls-expired.md:3:7: error [date]", s.Stderr);

        var tab = await s.ConnectAsync();
        var hello = await tab.ReceiveAsync("hello");
        Assert.False(hello.GetProperty("good").GetBoolean());
        s.WriteInput("postmortems/2024/tls-expired.md", SmallKnowledgeBase.English);
        await tab.ReceiveAsync("reload");
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("/incidents/")).StatusCode);
    }

    [Fact]
    public async Task Html_in_error_messages_reaches_the_tab_as_text_only()
    {
        await using var s = await RunningServer.StartAsync(dir =>
            dir.Write("input/postmortems/2024/tls-expired.md", SmallKnowledgeBase.English.Replace("date: 2024-03-14", "date: <img src=x onerror=alert(1)>")));
        var page = await (await s.Http.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page);
        // The socket carries it as JSON data; live-reload.js only ever puts it into textContent.
        var tab = await s.ConnectAsync();
        var hello = await tab.ReceiveAsync("hello");
        Assert.Contains("<img src=x onerror=alert(1)>", hello.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public void Built_sites_never_contain_the_live_reload_script()
    {
        using var dir = new TempDir();
        var input = SmallKnowledgeBase.Create(dir);
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.Equal(0, site.ExitCode);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dir.Path, "out"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain("/_kb/", File.ReadAllText(file));
    }
}
