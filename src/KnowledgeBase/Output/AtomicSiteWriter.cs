using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Microsoft.IO;

namespace KnowledgeBase.Output;

/// <summary>
/// Writes a site so that a failed or killed build never leaves a broken one, and an unchanged file is never
/// rewritten. Thread-safe: pages are written from parallel renderers.
/// <list type="bullet">
/// <item><b>Full build</b> (no output yet, or no trustworthy <see cref="BuildState"/>): every file goes to a
/// temporary sibling folder, swapped in on <see cref="Commit"/> with one atomic exchange.</item>
/// <item><b>Update</b> (the output has a valid state): each file is hashed and compared with the state; only
/// changed files are staged. <see cref="Commit"/> moves them in (see <see cref="InPlaceUpdate"/>) and deletes
/// files the build no longer produces, or, when at least half the site changes, links the unchanged files into the
/// staging folder and swaps it in whole. An identical file keeps its bytes, inode and modification time.</item>
/// </list>
/// </summary>
public sealed class AtomicSiteWriter : IDisposable
{
    /// <summary>Marks a folder as kb output, so kb never replaces a folder of someone else's files.</summary>
    public const string MarkerFile = ".kb-output";

    private static readonly UTF8Encoding Utf8 = new(false);

    // One pool for every page buffer; bounded so a 17 MB page does not pin its buffers for the rest of the build.
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 64 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 32 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 16 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 64 * 1024 * 1024,
    });

    private readonly string _target;
    private readonly string _staging;
    private readonly string _statePath;
    private readonly BuildState? _previous;
    private readonly ConcurrentDictionary<string, BuildState.Entry> _produced = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _createdDirectories = new(StringComparer.Ordinal);
    // Files of the previous build this build keeps as they are (not staged).
    private readonly ConcurrentQueue<string> _kept = new();
    private long _bytes;
    private int _changed;
    private bool _committed;

    public AtomicSiteWriter(string outputDir, string inputDir)
    {
        _target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDir));
        CheckSafe(_target, Path.GetFullPath(inputDir));
        var parent = Path.GetDirectoryName(_target) ?? throw new OutputSafetyException($"cannot write a site to the root folder '{_target}'");
        Directory.CreateDirectory(parent);
        // Builds killed earlier (SIGKILL, power loss) left their temporary folders; a killed swap may even have left
        // only the previous site's .old- folder, or an update half applied. Repair that and remove what dead
        // processes left behind.
        StagingFolders.CleanUp(_target);
        _statePath = BuildState.PathFor(_target);
        _previous = Directory.Exists(_target) && File.Exists(Path.Combine(_target, MarkerFile)) ? BuildState.TryLoad(_statePath) : null;
        _staging = Path.Combine(parent, StagingFolders.BuildingName(Path.GetFileName(_target), Environment.ProcessId));
        Directory.CreateDirectory(_staging);
        _createdDirectories[_staging] = 0;
        // Also in an update: the marker tells cleanup that a dead build's staging folder is kb's.
        File.WriteAllText(Path.Combine(_staging, MarkerFile), "This folder was written by kb and is replaced by every build.\n");
    }

    /// <summary>True when this build updates the existing site in place (its state was found and valid).</summary>
    public bool IsUpdate => _previous is not null;

    /// <summary>Bytes of every file of the site, changed or not.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytes);

    /// <summary>Every file of the site this build produced, changed or not.</summary>
    public int FilesWritten => _produced.Count;

    /// <summary>Files whose content was actually written (all of them in a full build).</summary>
    public int FilesChanged => Volatile.Read(ref _changed);

    public string StagingPath => _staging;

    /// <summary>The checksum of the state this build started from (null: none), and of the one it committed.</summary>
    public string? PreviousStateChecksum => _previous?.Checksum;

    public string? CommittedStateChecksum { get; private set; }

    private static void CheckSafe(string target, string input)
    {
        static bool IsUnder(string path, string root) =>
            path.Equals(root, StringComparison.Ordinal) || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        input = Path.TrimEndingDirectorySeparator(input);
        if (IsUnder(input, target) || IsUnder(target, input))
            throw new OutputSafetyException($"the output folder '{target}' must not contain or lie inside the input folder '{input}'");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()
            && !File.Exists(Path.Combine(target, MarkerFile)))
            throw new OutputSafetyException($"the output folder '{target}' is not empty and was not written by kb; choose another folder or empty it");
    }

    /// <summary>Resolves a site-relative path in the staging folder, refusing anything that would land outside the site.</summary>
    public string FullPathOf(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(_staging, relativePath));
        if (!full.StartsWith(_staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new OutputSafetyException($"refusing to write '{relativePath}' outside the output folder");
        return full;
    }

    private string KeyOf(string fullStagingPath) =>
        fullStagingPath[(_staging.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/');

    public void WriteText(string relativePath, string content) => WriteBytes(relativePath, Utf8.GetBytes(content));

    public void WriteBytes(string relativePath, ReadOnlySpan<byte> content) => WriteBytes(relativePath, content.ToArray());

    /// <summary>Thread-safe; the array is hashed and written as is, not copied, so the caller must not change it.</summary>
    public void WriteBytes(string relativePath, byte[] content) => Write(relativePath, new ReadOnlySequence<byte>(content));

    /// <summary>Renders a text file (UTF-8, no BOM) into a pooled buffer, then writes it if it changed.</summary>
    public void WriteText(string relativePath, Action<TextWriter> write) =>
        WriteBuffered(relativePath, buffer =>
        {
            using var writer = new Utf8BufferTextWriter(buffer);
            write(writer);
        });

    /// <summary>
    /// Fills a file into a pooled buffer (blocks of 64 KiB, reused), then writes it if it changed: no array the size
    /// of the file, so a large file (the data API's, 10–20 MB) adds nothing to the large-object heap.
    /// </summary>
    public void WriteBuffered(string relativePath, Action<IBufferWriter<byte>> fill)
    {
        using var buffer = Buffers.GetStream(relativePath);
        fill(buffer);
        Write(relativePath, buffer.GetReadOnlySequence());
    }

    private void Write(string relativePath, ReadOnlySequence<byte> content)
    {
        var full = FullPathOf(relativePath);
        var key = KeyOf(full);
        var hasher = new XxHash128();
        foreach (var segment in content) hasher.Append(segment.Span);
        var hash = hasher.GetCurrentHashAsUInt128();
        Interlocked.Add(ref _bytes, content.Length);

        if (_previous is not null && _previous.Files.TryGetValue(key, out var old) && old.Hash == hash && old.Length == content.Length
            && BuildState.OnDiskMatches(Path.Combine(_target, key), old))
        {
            Record(key, old);
            _kept.Enqueue(key);
            return;
        }
        EnsureDirectory(Path.GetDirectoryName(full)!);
        using (var stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            foreach (var segment in content) stream.Write(segment.Span);
        }
        Record(key, new BuildState.Entry(hash, content.Length, File.GetLastWriteTimeUtc(full).Ticks));
        Interlocked.Increment(ref _changed);
    }

    /// <summary>
    /// Keeps every file of the previous build whose path starts with <paramref name="prefix"/> ("" for all) as a file
    /// of this build, unchanged and unread: for output whose inputs the caller knows to be unchanged. Only when each
    /// of them is still on disk as recorded; otherwise records nothing and returns false (the caller then produces
    /// them itself).
    /// </summary>
    public bool KeepPrevious(string prefix)
    {
        if (_previous is null) return false;
        var kept = _previous.Files.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var (key, entry) in kept)
            if (!BuildState.OnDiskMatches(Path.Combine(_target, key), entry)) return false;
        foreach (var (key, entry) in kept)
        {
            Record(key, entry);
            _kept.Enqueue(key);
            Interlocked.Add(ref _bytes, entry.Length);
        }
        return true;
    }

    private void Record(string key, BuildState.Entry entry)
    {
        if (!_produced.TryAdd(key, entry)) throw new InvalidOperationException($"'{key}' was written twice in one build");
    }

    private void EnsureDirectory(string dir)
    {
        if (_createdDirectories.ContainsKey(dir)) return;
        Directory.CreateDirectory(dir);
        _createdDirectories[dir] = 0;
    }

    /// <summary>
    /// Publishes the build. Full build: one atomic exchange where the system has it (Linux), else two renames (a
    /// kill between them leaves the previous site in its .old- folder, which the next build puts back). Update that
    /// changes at least half the site: the unchanged files are hard-linked into the staging folder (same inode,
    /// same time), which then is a whole site, swapped in with one exchange like a full build. Smaller update: the
    /// journal, then the staged files moved in (a kill meanwhile is finished by the next build). The state is
    /// removed before the site changes and written only after, so it never vouches for files it does not describe.
    /// </summary>
    public void Commit()
    {
        var state = new BuildState(new Dictionary<string, BuildState.Entry>(_produced, StringComparer.Ordinal));
        BuildState.Delete(_statePath);
        Publish(state);
        CommittedStateChecksum = state.Checksum;
    }

    private void Publish(BuildState state)
    {
        if (_previous is not null)
        {
            var stale = _previous.Files.Keys.Where(k => !_produced.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            // Many changes: a swap costs one link per kept file but leaves no moment where the site is half old,
            // half new. Few changes: moving them in is cheaper than linking the whole site.
            if (FilesChanged + stale.Count >= _kept.Count && LinkKeptFiles() && StagingFolders.TryExchange(_staging, _target))
            {
                SwappedIn(state);
                return;
            }
            InPlaceUpdate.WriteJournal(_staging, stale);
            // From here the staging folder is the journal's data: kept even if a move fails, so the next build
            // finishes the update instead of leaving half of it.
            _committed = true;
            InPlaceUpdate.Apply(_staging, _target);
            state.Save(_statePath);
            TryDelete(_staging);
            return;
        }
        if (Directory.Exists(_target) && StagingFolders.TryExchange(_staging, _target))
        {
            SwappedIn(state);
            return;
        }
        var old = Path.Combine(Path.GetDirectoryName(_target)!, StagingFolders.OldName(Path.GetFileName(_target), Environment.ProcessId));
        var hadOld = Directory.Exists(_target);
        if (hadOld) Directory.Move(_target, old);
        Directory.Move(_staging, _target);
        _committed = true;
        state.Save(_statePath);
        if (hadOld) TryDelete(old);
    }

    private void SwappedIn(BuildState state)
    {
        // The staging path now holds the previous site.
        _committed = true;
        state.Save(_statePath);
        TryDelete(_staging);
    }

    /// <summary>Hard-links every kept file of the live site into the staging folder; false if the system or file
    /// system cannot (the update then moves its changes in instead; a linked file moved onto itself is a no-op).</summary>
    private bool LinkKeptFiles()
    {
        var failed = 0;
        Parallel.ForEach(_kept, (key, loop) =>
        {
            var destination = FullPathOf(key);
            EnsureDirectory(Path.GetDirectoryName(destination)!);
            if (StagingFolders.TryHardLink(Path.Combine(_target, key), destination)) return;
            Interlocked.Exchange(ref failed, 1);
            loop.Stop();
        });
        return failed == 0;
    }

    public void Dispose()
    {
        if (!_committed) TryDelete(_staging);
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { /* A leftover temporary folder is harmless; the next build ignores it. */ }
        catch (UnauthorizedAccessException) { }
    }
}
