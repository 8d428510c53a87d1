using System.Threading.Channels;
using KnowledgeBase.Reading;

namespace KnowledgeBase.Serving;

/// <summary>
/// Watches the input folder (post-mortems and site.yml) and the theme folders, and turns bursts of file-system
/// events into one <see cref="ChangeSet"/>: editors save in several steps (temporary file, rename, touch), so a
/// batch is released only after <c>quiet</c> without events (and at most <c>quiet × 10</c> after the first).
/// </summary>
public sealed class ChangeWatcher : IDisposable
{
    private readonly string _inputDir;
    private readonly IReadOnlyList<string> _themeDirs;
    private readonly TimeSpan _quiet;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Channel<ChangeSet> _batches = Channel.CreateUnbounded<ChangeSet>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private ChangeSet _pending = new();
    private DateTime _firstEvent;

    public ChangeWatcher(string inputDir, IReadOnlyList<string> themeDirs, TimeSpan quiet)
    {
        _inputDir = Path.GetFullPath(inputDir);
        _themeDirs = themeDirs.Where(Directory.Exists).Select(Path.GetFullPath).ToList();
        _quiet = quiet;
        _timer = new Timer(_ => Release());
        Watch(_inputDir);
        foreach (var dir in _themeDirs) Watch(dir);
    }

    /// <summary>Batches of changes, in order; completes when the watcher is disposed.</summary>
    public ChannelReader<ChangeSet> Batches => _batches.Reader;

    private void Watch(string dir)
    {
        var watcher = new FileSystemWatcher(dir)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            // inotify's queue can overflow on big checkouts; an overflow means "rescan", see OnError.
            InternalBufferSize = 64 * 1024,
        };
        watcher.Changed += (_, e) => Note(e.FullPath);
        watcher.Created += (_, e) => Note(e.FullPath);
        watcher.Deleted += (_, e) => Note(e.FullPath);
        watcher.Renamed += (_, e) => { Note(e.OldFullPath); Note(e.FullPath); };
        watcher.Error += (_, _) => Add(c => { c.Rescan = true; c.Settings = true; c.Theme = true; });
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void Note(string path)
    {
        var full = Path.GetFullPath(path);
        if (_themeDirs.Any(t => IsUnder(full, t)))
        {
            Add(c => c.Theme = true);
            return;
        }
        if (string.Equals(full, Path.Combine(_inputDir, SiteSettingsReader.FileName), StringComparison.Ordinal))
            Add(c => c.Settings = true);
        else if (IsUnder(full, Path.Combine(_inputDir, InputScanner.PostmortemsFolder)))
            Add(c => c.Paths.Add(full));
    }

    private static bool IsUnder(string path, string dir) =>
        path == dir || path.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private void Add(Action<ChangeSet> change)
    {
        lock (_lock)
        {
            if (_pending.IsEmpty) _firstEvent = DateTime.UtcNow;
            change(_pending);
            var waited = DateTime.UtcNow - _firstEvent;
            var cap = _quiet * 10;
            _timer.Change(waited + _quiet > cap ? TimeSpan.FromTicks(Math.Max(0, (cap - waited).Ticks)) : _quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Release()
    {
        ChangeSet batch;
        lock (_lock)
        {
            if (_pending.IsEmpty) return;
            batch = _pending;
            _pending = new ChangeSet();
        }
        _batches.Writer.TryWrite(batch);
    }

    public void Dispose()
    {
        foreach (var w in _watchers) w.Dispose();
        _timer.Dispose();
        _batches.Writer.TryComplete();
    }
}
