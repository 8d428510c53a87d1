using System.Net.WebSockets;
using System.Text.Json;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Serve;

/// <summary>The issue's serve test: start, edit, reload with new content, bad edit with a located error, fix, stop.</summary>
public sealed class ServeReloadTests
{
    private const string File = "postmortems/2024/tls-expired.md";
    private const string OldTitle = "Certificate expired on the API gateway";

    private static string Titled(string title) => SmallKnowledgeBase.English.Replace("title: " + OldTitle, "title: " + title);

    private static string BuildOf(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("script[src='/_kb/live.js']")?.GetAttribute("data-kb-build") ?? throw new Xunit.Sdk.XunitException("no live-reload script in the page");

    [Fact]
    public async Task Edit_reloads_with_new_content_and_a_bad_edit_shows_located_errors_over_the_last_good_site()
    {
        await using var s = await RunningServer.StartAsync();
        var tab = await s.ConnectAsync();
        var hello = await tab.ReceiveAsync("hello");
        Assert.True(hello.GetProperty("good").GetBoolean());
        Assert.Equal(0, hello.GetProperty("errors").GetArrayLength());
        var first = await s.PageAsync("/incidents/tls-expired/");
        Assert.Equal(OldTitle, first.QuerySelector("h1")!.TextContent);
        Assert.Equal(hello.GetProperty("build").GetString(), BuildOf(first));

        // An edit: the tab is told to reload, and the page, the lists and the term pages show the new title.
        s.WriteInput(File, Titled("Gateway certificate lapsed"));
        var reload = await tab.ReceiveAsync("reload");
        var build = reload.GetProperty("build").GetString();
        Assert.NotEqual(BuildOf(first), build);
        var edited = await s.PageAsync("/incidents/tls-expired/");
        Assert.Equal("Gateway certificate lapsed", edited.QuerySelector("h1")!.TextContent);
        Assert.Equal(build, BuildOf(edited));
        foreach (var list in new[] { "/incidents/", "/tags/tls/", "/severity/sev2/", "/" })
        {
            var text = (await s.PageAsync(list)).Body!.TextContent;
            Assert.Contains("Gateway certificate lapsed", text);
            Assert.DoesNotContain(OldTitle, text);
        }
        Assert.Matches(@"tls-expired\.md: updated in \d+ ms, reloading 1 tab", s.Stdout);

        // A bad edit: a located error on the socket and the terminal; the last good site stays up.
        s.WriteInput(File, Titled("Broken").Replace("date: 2024-03-14", "date: 2024-13-45"));
        var error = await tab.ReceiveAsync("error");
        var located = Assert.Single(error.GetProperty("errors").EnumerateArray());
        Assert.Equal("postmortems/2024/tls-expired.md:3:7", located.GetProperty("location").GetString());
        Assert.Equal("date", located.GetProperty("field").GetString());
        Assert.Contains("YYYY-MM-DD", located.GetProperty("message").GetString());
        Assert.Contains("postmortems/2024/tls-expired.md:3:7: error [date]: ", s.Stderr);
        Assert.Contains("still serving the last good site", s.Stderr);
        var kept = await s.PageAsync("/incidents/tls-expired/");
        Assert.Equal("Gateway certificate lapsed", kept.QuerySelector("h1")!.TextContent);
        Assert.Equal(build, BuildOf(kept));

        // A tab opened now is told about the errors as soon as it connects.
        var late = await s.ConnectAsync();
        var lateHello = await late.ReceiveAsync("hello");
        Assert.Equal("date", lateHello.GetProperty("errors")[0].GetProperty("field").GetString());

        // The fix reloads every tab with the fixed content.
        s.WriteInput(File, Titled("Gateway certificate renewed late"));
        var fixedBuild = (await tab.ReceiveAsync("reload")).GetProperty("build").GetString();
        Assert.Equal(fixedBuild, (await late.ReceiveAsync("reload")).GetProperty("build").GetString());
        Assert.Equal("Gateway certificate renewed late", (await s.PageAsync("/incidents/tls-expired/")).QuerySelector("h1")!.TextContent);
        Assert.Null(s.Server.Site.Errors);

        // Stop: the tabs' sockets are closed and nothing listens any more.
        var address = s.Server.Address;
        await s.Server.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => tab.ReceiveAsync(TimeSpan.FromSeconds(10)));
        Assert.NotEqual(WebSocketState.Open, tab.Socket.State);
        using var probe = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => probe.GetAsync(address));
    }

    [Fact]
    public async Task A_save_burst_is_one_update_and_one_reload()
    {
        // A longer quiet period than the default, so the test holds on a loaded machine too.
        await using var s = await RunningServer.StartAsync(configure: o => o with { Debounce = TimeSpan.FromMilliseconds(300) });
        var tab = await s.ConnectAsync();
        await tab.ReceiveAsync("hello");
        var updates = 0;
        s.Server.Updated += _ => Interlocked.Increment(ref updates);
        // What editors do: write a temporary file, rename it over the original, touch it again.
        var target = s.PathOf(File);
        var temp = target + ".kb-tmp~";
        System.IO.File.WriteAllText(temp, Titled("Saved atomically"));
        System.IO.File.Move(temp, target, overwrite: true);
        System.IO.File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
        await tab.ReceiveAsync("reload");
        await Task.Delay(500);
        Assert.Equal(1, updates);
        Assert.Equal("Saved atomically", (await s.PageAsync("/incidents/tls-expired/")).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Creating_deleting_and_renaming_files_updates_the_site()
    {
        await using var s = await RunningServer.StartAsync();
        var tab = await s.ConnectAsync();
        await tab.ReceiveAsync("hello");

        s.WriteInput("postmortems/2025/new-one.md", SmallKnowledgeBase.German.Replace("title: Rückstau in der Bestellwarteschlange", "title: Neu angelegt"));
        await tab.ReceiveAsync("reload");
        Assert.Equal("Neu angelegt", (await s.PageAsync("/incidents/new-one/")).QuerySelector("h1")!.TextContent);

        System.IO.File.Move(s.PathOf("postmortems/2025/new-one.md"), s.PathOf("postmortems/2025/renamed-one.md"));
        await tab.ReceiveAsync("reload");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await s.Http.GetAsync("/incidents/new-one/")).StatusCode);
        Assert.Equal("Neu angelegt", (await s.PageAsync("/incidents/renamed-one/")).QuerySelector("h1")!.TextContent);

        // Deleting a post-mortem others point at is an error in those (as kb build says), shown to the tab.
        System.IO.File.Delete(s.PathOf("postmortems/2023/db-disk-full.md"));
        var error = await tab.ReceiveAsync("error");
        var files = error.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("file").GetString()).ToList();
        Assert.Contains("postmortems/2024/tls-expired.md", files);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await s.Http.GetAsync("/incidents/db-disk-full/")).StatusCode);

        // Moving a whole folder is seen as well.
        s.WriteInput("postmortems/2023/db-disk-full.md", SmallKnowledgeBase.Russian);
        await tab.ReceiveAsync("reload");
        Directory.Move(s.PathOf("postmortems/2025"), s.PathOf("postmortems/archive-2025"));
        await tab.ReceiveAsync("reload");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await s.Http.GetAsync("/incidents/renamed-one/")).StatusCode);
        Assert.Contains(s.Server.Site.Current!.Site.Incidents, i => i.Incident.SourcePath == "postmortems/archive-2025/renamed-one.md");
    }

    [Fact]
    public async Task Theme_and_site_settings_edits_reload_too()
    {
        await using var s = await RunningServer.StartAsync(
            dir => dir.Write("theme/templates/not-found.liquid", "<h1 data-custom>Lost</h1>"),
            o => o with { ThemeDirs = [Path.Combine(Path.GetDirectoryName(o.InputDir)!, "theme")] });
        var tab = await s.ConnectAsync();
        await tab.ReceiveAsync("hello");
        async Task<string> NotFound() => await (await s.Http.GetAsync("/no-such-page/")).Content.ReadAsStringAsync();
        Assert.Contains("data-custom>Lost<", await NotFound());

        System.IO.File.WriteAllText(Path.Combine(s.Dir.Path, "theme/templates/not-found.liquid"), "<h1 data-custom>Still lost</h1>");
        await tab.ReceiveAsync("reload");
        Assert.Contains("data-custom>Still lost<", await NotFound());

        System.IO.File.WriteAllText(Path.Combine(s.Dir.Path, "theme/templates/not-found.liquid"), "<h1>{% for %}</h1>");
        var error = await tab.ReceiveAsync("error");
        Assert.Equal("theme", error.GetProperty("errors")[0].GetProperty("file").GetString());
        Assert.Contains("data-custom>Still lost<", await NotFound());
        System.IO.File.WriteAllText(Path.Combine(s.Dir.Path, "theme/templates/not-found.liquid"), "<h1 data-custom>Found</h1>");
        await tab.ReceiveAsync("reload");

        s.WriteInput("site.yml", SmallKnowledgeBase.SiteYml.Replace("title: Test KB", "title: Renamed KB"));
        await tab.ReceiveAsync("reload");
        Assert.Contains("Renamed KB", (await s.PageAsync("/")).Title);
    }
}
