using System.Collections.Concurrent;
using System.Text;

namespace KnowledgeBase.Output;

/// <summary>
/// Writes a site into a temporary sibling folder and swaps it in only on <see cref="Commit"/>, so a failed or
/// killed build leaves the previous site complete. Thread-safe: pages are written from parallel renderers.
/// </summary>
public sealed class AtomicSiteWriter : IDisposable
{
    /// <summary>Marks a folder as kb output, so kb never replaces a folder of someone else's files.</summary>
    public const string MarkerFile = ".kb-output";

    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly string _target;
    private readonly string _staging;
    private readonly ConcurrentDictionary<string, byte> _createdDirectories = new(StringComparer.Ordinal);
    private long _bytes;
    private int _files;
    private bool _committed;

    public AtomicSiteWriter(string outputDir, string inputDir)
    {
        _target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDir));
        CheckSafe(_target, Path.GetFullPath(inputDir));
        var parent = Path.GetDirectoryName(_target) ?? throw new OutputSafetyException($"cannot write a site to the root folder '{_target}'");
        Directory.CreateDirectory(parent);
        // Builds killed earlier (SIGKILL, power loss) left their temporary folders; a killed swap may even have left
        // only the previous site's .old- folder. Put that back and remove what dead processes left behind.
        StagingFolders.CleanUp(_target);
        _staging = Path.Combine(parent, StagingFolders.BuildingName(Path.GetFileName(_target), Environment.ProcessId));
        Directory.CreateDirectory(_staging);
        _createdDirectories[_staging] = 0;
        File.WriteAllText(Path.Combine(_staging, MarkerFile), "This folder was written by kb and is replaced by every build.\n");
    }

    public long BytesWritten => Interlocked.Read(ref _bytes);
    public int FilesWritten => _files;
    public string StagingPath => _staging;

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

    /// <summary>Resolves a site-relative path, refusing anything that would land outside the site.</summary>
    public string FullPathOf(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(_staging, relativePath));
        if (!full.StartsWith(_staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new OutputSafetyException($"refusing to write '{relativePath}' outside the output folder");
        return full;
    }

    public void WriteText(string relativePath, string content) => WriteBytes(relativePath, Utf8.GetBytes(content));

    public void WriteBytes(string relativePath, ReadOnlySpan<byte> content)
    {
        var full = FullPathOf(relativePath);
        EnsureDirectory(Path.GetDirectoryName(full)!);
        using (var stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            stream.Write(content);
        Interlocked.Add(ref _bytes, content.Length);
        Interlocked.Increment(ref _files);
    }

    /// <summary>Streams a text file (UTF-8, no BOM) through a buffered writer.</summary>
    public void WriteText(string relativePath, Action<TextWriter> write)
    {
        var full = FullPathOf(relativePath);
        EnsureDirectory(Path.GetDirectoryName(full)!);
        long length;
        using (var stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            using (var writer = new StreamWriter(stream, Utf8, 64 * 1024, leaveOpen: true))
                write(writer);
            length = stream.Length;
        }
        Interlocked.Add(ref _bytes, length);
        Interlocked.Increment(ref _files);
    }

    private void EnsureDirectory(string dir)
    {
        if (_createdDirectories.ContainsKey(dir)) return;
        Directory.CreateDirectory(dir);
        _createdDirectories[dir] = 0;
    }

    /// <summary>
    /// Swaps the finished site in: one atomic exchange where the system has it (Linux), else two renames (a kill
    /// between them leaves the previous site in its .old- folder, which the next build puts back).
    /// </summary>
    public void Commit()
    {
        if (Directory.Exists(_target) && StagingFolders.TryExchange(_staging, _target))
        {
            // The staging path now holds the previous site.
            _committed = true;
            TryDelete(_staging);
            return;
        }
        var old = Path.Combine(Path.GetDirectoryName(_target)!, StagingFolders.OldName(Path.GetFileName(_target), Environment.ProcessId));
        var hadOld = Directory.Exists(_target);
        if (hadOld) Directory.Move(_target, old);
        Directory.Move(_staging, _target);
        _committed = true;
        if (hadOld) TryDelete(old);
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
