using KnowledgeBase.Model;
using KnowledgeBase.Reading;

namespace KnowledgeBase.Serving;

/// <summary>
/// The parsed state of every post-mortem file, kept between updates: a change re-reads and re-parses only the
/// files it names (or, after a rescan, those whose size or write time moved). Same reading and field checks as
/// <c>kb build</c> (<see cref="InputScanner"/>, <see cref="IncidentReader"/>).
/// </summary>
public sealed class PostmortemFiles(string inputDir)
{
    /// <param name="Read">Null when the file could not be read at all (not UTF-8, I/O error).</param>
    /// <param name="Diagnostics">Everything reading and parsing found in this file.</param>
    public sealed record Entry(IncidentReader.ReadResult? Read, IReadOnlyList<Diagnostic> Diagnostics, DateTime WriteTime, long Length);

    private readonly string _root = Path.Combine(inputDir, InputScanner.PostmortemsFolder);
    // Ordinal full-path order, as kb build reads them, so diagnostics and duplicate-id messages agree with it.
    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public IEnumerable<Entry> Entries => _entries.Values;
    public int Count => _entries.Count;

    /// <summary>How many files the last <see cref="Refresh"/> dropped (deleted, renamed away, no longer a post-mortem).</summary>
    public int LastRemoved { get; private set; }

    /// <summary>The entry of an input-relative path such as <c>postmortems/2024/x.md</c>.</summary>
    public Entry? Find(string relativePath) => _entries.GetValueOrDefault(Path.Combine(inputDir, relativePath));

    public void Clear() => _entries.Clear();

    /// <summary>Applies a change; returns the input-relative paths that were re-parsed.</summary>
    /// <param name="folderDiagnostics">Where a problem with the postmortems folder itself goes (e.g. it is a link).</param>
    public IReadOnlyList<string> Refresh(ChangeSet changes, SiteSettings settings, ICollection<Diagnostic> folderDiagnostics)
    {
        var toRead = new List<string>();
        var before = _entries.Count;
        var rescan = changes.Rescan || changes.Paths.Any(IsFolderEvent);
        if (rescan)
        {
            var present = InputScanner.FindPostmortems(inputDir, folderDiagnostics);
            var seen = present.ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _entries.Keys.Where(k => !seen.Contains(k)).ToList()) _entries.Remove(gone);
            foreach (var path in present)
                if (changes.Paths.Contains(path) || !_entries.TryGetValue(path, out var entry) || Stamp(path) != (entry.WriteTime, entry.Length))
                    toRead.Add(path);
        }
        else
        {
            foreach (var path in changes.Paths.Where(IsPostmortemPath))
            {
                if (File.Exists(path) && !InputScanner.IsLink(path)) toRead.Add(path);
                else _entries.Remove(path);
            }
        }

        var reread = toRead.Count > 8
            ? Pipeline.Parallelism.Map(toRead, p => ReadOne(p, settings))
            : toRead.Select(p => ReadOne(p, settings)).ToArray();
        var kept = _entries.Count;
        for (var i = 0; i < toRead.Count; i++) _entries[toRead[i]] = reread[i];
        LastRemoved = before - kept;
        return toRead.Select(p => InputScanner.RelativePath(inputDir, p)).ToList();
    }

    private Entry ReadOne(string path, SiteSettings settings)
    {
        var diagnostics = new List<Diagnostic>();
        var (writeTime, length) = Stamp(path);
        var source = InputScanner.Read(inputDir, path, diagnostics);
        var read = source is null ? null : IncidentReader.ReadPartial(source, settings, diagnostics);
        return new Entry(read, diagnostics, writeTime, length);
    }

    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    /// <summary>A Markdown file under postmortems/ that kb build would read: no hidden segment (editor swap and backup files are hidden or not .md).</summary>
    private bool IsPostmortemPath(string path)
    {
        if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) return false;
        var relative = Path.GetRelativePath(_root, path);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return false;
        return !relative.Split(Path.DirectorySeparatorChar).Any(segment => segment.StartsWith('.'));
    }

    /// <summary>A folder appeared, moved or went away (or the postmortems folder itself): only a rescan can tell what it held.</summary>
    private bool IsFolderEvent(string path)
    {
        if (string.Equals(path.TrimEnd(Path.DirectorySeparatorChar), _root, StringComparison.Ordinal)) return true;
        if (Directory.Exists(path)) return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var prefix = path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return _entries.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
    }
}
