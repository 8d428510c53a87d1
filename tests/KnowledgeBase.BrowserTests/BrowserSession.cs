using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests;

/// <summary>One page in a fresh browser context, recording every request and every console error or page error.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private BrowserSession(IBrowserContext context, IPage page, string origin)
    {
        _context = context;
        Page = page;
        Origin = origin;
        page.Request += (_, r) => _requests.Enqueue(r.Url);
        page.Console += (_, m) => { if (m.Type is "error" or "warning") _errors.Enqueue($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => _errors.Enqueue("page error: " + e);
        page.RequestFailed += (_, r) => _errors.Enqueue($"request failed: {r.Url} {r.Failure}");
        page.Response += (_, r) => { if (r.Status >= 400) _errors.Enqueue($"HTTP {r.Status}: {r.Url}"); };
        page.Dialog += (_, d) => _errors.Enqueue("dialog opened: " + d.Message);
    }

    public IPage Page { get; }
    public string Origin { get; }
    public IReadOnlyList<string> Requests => _requests.ToList();
    public IReadOnlyList<string> Errors => _errors.ToList();

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, string origin, string path)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = origin, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, origin);
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        return session;
    }

    /// <summary>The site-relative paths requested so far (query strings dropped), in order.</summary>
    public IReadOnlyList<string> Paths => Requests.Select(u => new Uri(u)).Select(u => u.AbsolutePath).ToList();

    /// <summary>No console errors or warnings, no failed request, and nothing requested from another origin.</summary>
    public void AssertClean()
    {
        Assert.True(Errors.Count == 0, "browser reported: " + string.Join(" | ", Errors));
        var foreign = Requests.Where(u => !u.StartsWith(Origin + "/", StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, "requests to other origins: " + string.Join(", ", foreign));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
