using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using KnowledgeBase.Aggregation;
using KnowledgeBase.Output;
using KnowledgeBase.Output.Feeds;
using KnowledgeBase.Rendering;

namespace KnowledgeBase.Serving;

/// <summary>
/// One good state of the live site: the aggregated model plus the theme it is shown with. Pages are rendered on
/// request and cached here, so a change only costs the pages someone asks for; a new snapshot starts with an
/// empty cache. The page plan (and its view rows) is built on the first request, not by the update.
/// </summary>
public sealed class LiveSnapshot
{
    private readonly Lazy<Plan> _plan;
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _pages = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyDictionary<string, byte[]>> _feeds;
    private readonly Func<string, LiveSnapshot, string>? _filter;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public LiveSnapshot(int version, SiteModel site, ThemeBundle theme, Func<string, LiveSnapshot, string>? filter,
        Task<LiveSnapshot>? completion)
    {
        Version = version;
        Site = site;
        Theme = theme;
        _filter = filter;
        Completion = completion;
        _plan = new Lazy<Plan>(BuildPlan);
        _feeds = new Lazy<IReadOnlyDictionary<string, byte[]>>(BuildFeeds);
    }

    /// <summary>Counts successful updates; every page of the snapshot carries it, so a tab can tell it is out of date.</summary>
    public int Version { get; }
    public SiteModel Site { get; }
    public ThemeBundle Theme { get; }

    /// <summary>
    /// Null when metrics and similar incidents are current. Otherwise they are the previous snapshot's (mapped to
    /// this one's incidents) and this task yields the snapshot with fresh ones: the reload does not wait for the
    /// two slowest cross-file stages, the pages made of them (metrics, feeds, data API) do.
    /// </summary>
    public Task<LiveSnapshot>? Completion { get; }

    public LiveSnapshot WithCompleteSite(SiteModel site) => new(Version, site, Theme, _filter, null);

    /// <summary>Site paths of every page (<c>""</c>, <c>incidents/x/</c>, <c>404.html</c>…).</summary>
    public IReadOnlyList<string> PagePaths => _plan.Value.Order;

    public bool HasPage(string sitePath) => _plan.Value.Pages.ContainsKey(sitePath);

    /// <summary>The page's HTML (UTF-8), rendered once per snapshot; null when the site has no such page.</summary>
    /// <exception cref="ThemeException">The theme cannot render it (reported to the author as an error).</exception>
    public byte[]? Page(string sitePath)
    {
        var plan = _plan.Value;
        if (!plan.Pages.TryGetValue(sitePath, out var page)) return null;
        var lazy = _pages.GetOrAdd(sitePath, _ => new Lazy<byte[]>(() =>
        {
            // Through the writer kb build uses, so both encode a page to the same bytes.
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            using (var writer = new Utf8BufferTextWriter(buffer))
                plan.Renderer.Render(page, writer);
            if (_filter is null) return buffer.WrittenSpan.ToArray();
            var html = Utf8.GetString(buffer.WrittenSpan);
            return Utf8.GetBytes(_filter(html, this));
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Lazy caches exceptions; a later request (after a theme fix) gets a new snapshot anyway, but don't pin it here.
            _pages.TryRemove(sitePath, out _);
            throw;
        }
    }

    /// <summary>Feed, sitemap and data API files by site path, built together on first request.</summary>
    public byte[]? File(string sitePath) => _feeds.Value.GetValueOrDefault(sitePath);

    private sealed record Plan(IReadOnlyDictionary<string, PagePlan> Pages, IReadOnlyList<string> Order, PageRenderer Renderer);

    private Plan BuildPlan()
    {
        var urls = new SiteUrls(Site.Settings.BasePath);
        var views = new ViewFactory(Site, urls, Theme.Strings);
        var plans = new PagePlanner(Site, views, Theme.Strings).Plan().ToList();
        var pages = plans.ToDictionary(p => p.SitePath, StringComparer.Ordinal);
        return new Plan(pages, plans.Select(p => p.SitePath).ToList(), new PageRenderer(Theme.Engine, Theme.Strings, Site.Settings, urls, Site.AsOf));
    }

    private IReadOnlyDictionary<string, byte[]> BuildFeeds()
    {
        var files = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        // The plan's order, as kb build passes it, so the sitemap matches the built one.
        SiteFeeds.Write(Site, _plan.Value.Order, (path, fill) =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            fill(buffer);
            files[path] = buffer.WrittenSpan.ToArray();
        });
        return files;
    }
}
