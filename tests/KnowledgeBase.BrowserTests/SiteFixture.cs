using KnowledgeBase.Tests.Site;
using KnowledgeBase.Cli.Commands;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests;

/// <summary>
/// Builds the sample knowledge base (at the root and under the base path <c>/kb/docs/</c>) and a small site whose
/// titles carry markup, serves them on 127.0.0.1 and starts Debian's Chromium through Playwright. Never downloads a
/// browser: without <c>/usr/bin/chromium</c> every test fails with the command that installs it.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string BasePathPrefix = "/kb/docs";
    public const string MarkupPrefix = "/markup";

    private readonly string _work = Path.Combine(Path.GetTempPath(), "kb-browser-" + Guid.NewGuid().ToString("N"));
    private StaticSiteServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string Origin => _server?.Origin ?? throw new InvalidOperationException("the server is not running");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not running");
    public string SampleSite => Path.Combine(_work, "sample");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}, which is missing. Install it with " +
                "`apt-get install -y chromium` (CI's .ci/run does this). Playwright's own browser download is never used.");

        Directory.CreateDirectory(_work);
        Build(RepoPaths.SampleInput, SampleSite);
        Build(RepoPaths.SampleInput, Path.Combine(_work, "sample-kb"), "--base-url", BasePathPrefix + "/");
        Build(WriteMarkupInput(), Path.Combine(_work, "markup"), "--base-url", MarkupPrefix + "/");

        _server = await StaticSiteServer.StartAsync(
        [
            ("", SampleSite),
            (BasePathPrefix, Path.Combine(_work, "sample-kb")),
            (MarkupPrefix, Path.Combine(_work, "markup")),
        ]);
        _playwright = await Playwright.CreateAsync();
        _browser = await LaunchChromiumAsync(_playwright);
    }

    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public Task<BrowserSession> OpenAsync(string path) => BrowserSession.OpenAsync(Browser, Origin, path);

    private static void Build(string input, string output, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = KbCommandLine.Run(["build", "--input", input, "--output", output, "--as-of", "2026-11-23", .. extra], stdout, stderr);
        if (code != 0) throw new InvalidOperationException($"kb build {input} failed ({code}): {stderr}");
    }

    // A post-mortem whose title and summary contain markup: search results must show it as text.
    private string WriteMarkupInput()
    {
        var input = Path.Combine(_work, "markup-input");
        Directory.CreateDirectory(Path.Combine(input, "postmortems"));
        File.WriteAllText(Path.Combine(input, "site.yml"), "title: Markup test\n");
        File.WriteAllText(Path.Combine(input, "postmortems", "markup.md"), """
            ---
            title: "Database <img src=x onerror=alert(1)> outage"
            date: 2025-01-02
            severity: SEV2
            summary: "The <b>database</b> & its \"replica\" <script>alert(2)</script> stopped."
            tags: [database]
            ---
            ## Summary

            The database stopped.
            """);
        File.WriteAllText(Path.Combine(input, "postmortems", "other.md"), """
            ---
            title: "Queue backlog"
            date: 2024-05-06
            severity: SEV3
            summary: "Consumers fell behind."
            ---
            ## Summary

            Consumers fell behind the producers.
            """);
        return input;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "browser";
}
