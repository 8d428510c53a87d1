using KnowledgeBase.Aggregation;
using KnowledgeBase.Pipeline;
using KnowledgeBase.Search;

namespace KnowledgeBase.Serving;

/// <summary>
/// Keeps the live site's search files current without holding up a reload: the index (the slowest stage) is
/// rebuilt on a background thread into a fresh folder per generation, which replaces the previous one when
/// complete. Requests while it runs get the previous generation; edits arriving meanwhile are coalesced into
/// one more run with the latest site.
/// </summary>
public sealed class BackgroundSearchIndex : IDisposable
{
    public const string FolderPrefix = "kb-serve-search-";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _worker;
    private SiteModel? _pending;
    private string? _folder;
    private int _generation;

    public BackgroundSearchIndex()
    {
        RemoveLeftovers();
        Directory.CreateDirectory(_root);
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Raised (on the worker thread) after each generation, with how long it took, or with the exception of a failed run.</summary>
    public event Action<TimeSpan, Exception?>? Rebuilt;

    /// <summary>Asks for an index of this site; returns at once.</summary>
    public void Request(SiteModel site)
    {
        Interlocked.Exchange(ref _pending, site);
        _wake.Release();
    }

    /// <summary>The folder holding the newest complete index; waits for the first one.</summary>
    public async Task<string> FolderAsync(CancellationToken cancel)
    {
        await _firstReady.Task.WaitAsync(cancel);
        return Volatile.Read(ref _folder)!;
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try { await _wake.WaitAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            if (Interlocked.Exchange(ref _pending, null) is not { } site) continue;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var folder = Path.Combine(_root, (++_generation).ToString(System.Globalization.CultureInfo.InvariantCulture));
                // Low priority, so it never delays the next edit's reload (BackgroundLane).
                await BackgroundLane.Shared.Run(() => SearchIndexWriter.Write(SearchDocuments.From(site), folder));
                var old = Interlocked.Exchange(ref _folder, folder);
                _firstReady.TrySetResult();
                // A request may still be reading the old folder; on Linux its open files stay readable after deletion.
                if (old is not null) TryDelete(old);
                Rebuilt?.Invoke(clock.Elapsed, null);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Rebuilt?.Invoke(clock.Elapsed, e);
            }
        }
    }

    /// <summary>Folders of servers that were killed (SIGKILL, power loss) before they could clean up: their process is gone.</summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var name = Path.GetFileName(folder)[FolderPrefix.Length..];
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)) continue;
            if (IsRunning(pid) || new DirectoryInfo(folder).LinkTarget is not null) continue;
            TryDelete(folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _worker.Wait(TimeSpan.FromSeconds(30)); }
        catch (AggregateException) { }
        TryDelete(_root);
        _stop.Dispose();
        _wake.Dispose();
    }
}
