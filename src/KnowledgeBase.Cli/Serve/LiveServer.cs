using System.Net;
using System.Threading.Channels;
using KnowledgeBase.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Cli.Serve;

/// <summary>
/// <c>kb serve</c>'s running server: the live site, Kestrel on 127.0.0.1, the file watcher, the background search
/// index and the live-reload sockets. Each batch of changes updates the site, then tells the open tabs to reload
/// (or to show the errors); nothing in an update can stop the server.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly ServeOptions _options;
    private readonly ServeReporter _reporter;
    private readonly LiveSite _site;
    private readonly BackgroundSearchIndex _search = new();
    private readonly LiveReloadHub _hub = new();
    private readonly CancellationTokenSource _stopping = new();
    // Tells one server's pages from another's, so a tab reconnecting to a restarted server reloads.
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];
    private static readonly TimeSpan BackgroundGrace = TimeSpan.FromMilliseconds(250);
    private WebApplication? _app;
    private ChangeWatcher? _watcher;
    private Task _loop = Task.CompletedTask;
    private bool _disposed;

    private LiveServer(ServeOptions options, ServeReporter reporter)
    {
        _options = options;
        _reporter = reporter;
        _site = new LiveSite(new LiveSiteOptions
        {
            InputDir = options.InputDir,
            ThemeDirs = options.ThemeDirs,
            AsOf = options.AsOf,
            IncludeDrafts = options.IncludeDrafts,
            Public = options.Public,
            DeferBackgroundWork = true,
            PageFilter = (html, snapshot) => LiveScript.Inject(html, BuildOf(snapshot)),
        });
        _search.Rebuilt += (_, error) => { if (error is not null) _reporter.SearchFailed(error); };
    }

    /// <summary>Where the site is served, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public LiveSite Site => _site;

    /// <summary>After each update, once the tabs were told (for tests and measurements).</summary>
    public event Action<LiveUpdate>? Updated;

    /// <summary>Builds the site, starts listening and watching.</summary>
    /// <exception cref="ServeException">The port cannot be bound.</exception>
    public static async Task<LiveServer> StartAsync(ServeOptions options, ServeReporter reporter)
    {
        var server = new LiveServer(options, reporter);
        try
        {
            await server.StartCoreAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync()
    {
        // The background stages (search index, similar incidents, metrics) fill every pool thread with Parallel.For;
        // without spare threads the watcher's timer and the reload message would queue behind them for the pool's
        // thread injection (~0.5-1 s each time on two cores). Idle pool threads cost nothing.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), io);
        // Watch before the first build, so an edit made while it runs is not missed.
        _watcher = new ChangeWatcher(_options.InputDir, _options.ThemeDirs, _options.Debounce);
        var first = _site.Update(ChangeSet.Everything());
        if (first.Snapshot is { } snapshot) _search.Request(snapshot.Site);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // kb serve handles Ctrl+C and SIGTERM itself (ServeCommand); the host must not take the process's signals.
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _options.Port));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        var requests = new SiteRequests(_site, _search, BuildOf, _reporter);
        app.Run(async context =>
        {
            if (context.Request.Path == LiveScript.SocketPath)
            {
                if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = StatusCodes.Status400BadRequest; return; }
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                await _hub.RunAsync(socket, Hello(), _stopping.Token);
                return;
            }
            await requests.HandleAsync(context);
        });
        _app = app;
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            var inUse = e.InnerException?.GetType().Name == "AddressInUseException" || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
            throw new ServeException(inUse
                ? $"port {_options.Port} on 127.0.0.1 is already in use (another kb serve?); pick another with --port"
                : $"cannot listen on 127.0.0.1:{_options.Port}: {e.Message}", e);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        _reporter.Started(Address, first, first.Snapshot?.Site.Incidents.Count ?? 0, _options);
        _loop = Task.Run(() => WatchLoopAsync(_watcher.Batches));
    }

    private string Hello()
    {
        var current = _site.Current;
        return LiveMessages.Hello(BuildOf(current), current is not null, _site.Errors);
    }

    private string BuildOf(LiveSnapshot? snapshot) => $"{_instance}-{snapshot?.Version ?? 0}";

    private async Task WatchLoopAsync(ChannelReader<ChangeSet> batches)
    {
        try
        {
            while (await batches.WaitToReadAsync(_stopping.Token))
            {
                var changes = new ChangeSet();
                while (batches.TryRead(out var more)) changes.MergeFrom(more);
                if (changes.IsEmpty) continue;
                await ApplyAsync(changes);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ApplyAsync(ChangeSet changes)
    {
        LiveUpdate update;
        try
        {
            update = _site.Update(changes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in an update must not end the preview: report it, keep the last good site.
            _reporter.UpdateCrashed(changes, e);
            await _hub.BroadcastAsync(LiveMessages.Error(BuildOf(_site.Current), ServeReporter.Internal(e)));
            return;
        }
        // The terminal first: whatever a tab is told has already been printed (a test, or a person watching both,
        // never sees the browser ahead of the terminal).
        _reporter.Updated(changes, update, _hub.Count);
        if (update.Snapshot is { } snapshot)
        {
            await _hub.BroadcastAsync(LiveMessages.Reload(BuildOf(snapshot)));
            // The reloading tabs ask for their pages now; on a two-core machine the background stages (metrics,
            // similar incidents, search index) would take both cores from them, so they start a moment later.
            _ = Task.Delay(BackgroundGrace).ContinueWith(_ =>
            {
                _site.StartBackgroundWork();
                _search.Request(snapshot.Site);
            }, TaskScheduler.Default);
        }
        else
        {
            await _hub.BroadcastAsync(LiveMessages.Error(BuildOf(_site.Current), update.Errors));
        }
        Updated?.Invoke(update);
    }

    /// <summary>Stops listening and watching, closes the tabs' sockets and removes the temporary search files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _watcher?.Dispose();
        await _stopping.CancelAsync();
        await _loop;
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _app.StopAsync(timeout.Token); }
            catch (OperationCanceledException) { }
            await _app.DisposeAsync();
        }
        _search.Dispose();
        _stopping.Dispose();
    }

    private sealed class NoSignalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
