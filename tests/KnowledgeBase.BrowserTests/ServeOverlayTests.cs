using System.Collections.Concurrent;
using KnowledgeBase.Cli.Serve;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeBase.BrowserTests;

/// <summary>
/// kb serve in Chromium: a save reloads the open tab, a bad edit shows the located errors in an overlay over the
/// last good page (as text, never as markup), the fix clears it, and the tab reconnects to a restarted server.
/// </summary>
public sealed class ServeOverlayTests : IAsyncLifetime
{
    private const string File = "postmortems/2024/overlay-check.md";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "kb-serve-browser-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static string Postmortem(string title, string date = "2024-05-02") => $"""
        ---
        title: {title}
        date: {date}
        severity: SEV3
        summary: Checks the live-reload overlay.
        tags: [overlay]
        ---
        ## Summary

        Nothing happened.
        """;

    private string Input => Path.Combine(_work, "input");

    private void Save(string text) => System.IO.File.WriteAllText(Path.Combine(Input, File), text);

    public async Task InitializeAsync()
    {
        if (!System.IO.File.Exists(SiteFixture.ChromiumPath))
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {SiteFixture.ChromiumPath} (`apt-get install -y chromium`).");
        Directory.CreateDirectory(Path.Combine(Input, "postmortems", "2024"));
        System.IO.File.WriteAllText(Path.Combine(Input, "site.yml"), "title: Overlay KB\nbase_url: /\n");
        Save(Postmortem("First title"));
        _playwright = await Playwright.CreateAsync();
        _browser = await SiteFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
    }

    private Task<LiveServer> StartAsync(int port = 0) => LiveServer.StartAsync(
        new ServeOptions { InputDir = Input, Port = port, AsOf = new DateOnly(2026, 11, 23) },
        new ServeReporter(TextWriter.Null, TextWriter.Null));

    [Fact]
    public async Task Reloads_on_save_shows_errors_over_the_last_good_page_and_reconnects_after_a_restart()
    {
        var server = await StartAsync();
        var port = server.Address.Port;
        try
        {
            var context = await _browser!.NewContextAsync(new() { BaseURL = server.Address.ToString() });
            var page = await context.NewPageAsync();
            var problems = new ConcurrentQueue<string>();
            page.PageError += (_, e) => problems.Enqueue("page error: " + e);
            page.Dialog += (_, d) => problems.Enqueue("dialog: " + d.Message);
            var hello = new TaskCompletionSource();
            page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            {
                if (frame.Text?.Contains("\"hello\"", StringComparison.Ordinal) == true) hello.TrySetResult();
            };
            await page.GotoAsync("/incidents/overlay-check/");
            await hello.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var heading = page.Locator("main h1");
            await Expect(heading).ToHaveTextAsync("First title");

            // A save reloads the tab.
            Save(Postmortem("Second title"));
            await Expect(heading).ToHaveTextAsync("Second title", new() { Timeout = 30_000 });

            // A bad edit: the overlay lists the located error, as text; the page under it is the last good one.
            Save(Postmortem("Third title", date: "<img src=x onerror=alert(1)>"));
            var overlay = page.Locator("#kb-live-overlay");
            await Expect(overlay).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(overlay.Locator(".kb-live-error code")).ToHaveTextAsync($"{File}:3:7");
            await Expect(overlay).ToContainTextAsync("[date]");
            await Expect(overlay).ToContainTextAsync("<img src=x onerror=alert(1)>");
            Assert.Equal(0, await overlay.Locator("img").CountAsync());
            await Expect(heading).ToHaveTextAsync("Second title");

            // Reloading the tab by hand keeps the overlay (the server tells a new connection about the errors).
            await page.ReloadAsync();
            await Expect(overlay).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // The fix reloads the tab: new content, no overlay.
            Save(Postmortem("Fixed title"));
            await Expect(heading).ToHaveTextAsync("Fixed title", new() { Timeout = 30_000 });
            await Expect(overlay).ToHaveCountAsync(0);

            // The server stops; an edit is made meanwhile; a new server on the same port: the tab reconnects and reloads.
            await server.DisposeAsync();
            Save(Postmortem("Edited while stopped"));
            server = await StartAsync(port);
            await Expect(heading).ToHaveTextAsync("Edited while stopped", new() { Timeout = 30_000 });

            Assert.True(problems.IsEmpty, string.Join(" | ", problems));
            await context.CloseAsync();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
