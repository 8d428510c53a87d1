namespace KnowledgeBase.Output;

/// <summary>
/// One build at a time per output folder: two builds updating the same site would each apply changes worked out
/// from the same previous state, and leave files that neither build's state records. The lock is an advisory
/// lock (flock on Unix, which .NET takes for <see cref="FileShare.None"/>) on a hidden file beside the output; the
/// system drops it when the process ends, however it ends, so a killed build never blocks the next one. The file
/// stays: deleting a lock file while another process opens it would let two builds each hold "the" lock. Taken
/// before the build reuses, stages or commits anything, so everything it reads from the output folder (build
/// state, site record) is read under it.
/// </summary>
public sealed class OutputLock : IDisposable
{
    // What .NET reports when another open file holds the lock: flock's EWOULDBLOCK (Linux 11, macOS 35) on Unix,
    // ERROR_SHARING_VIOLATION on Windows.
    private static bool IsHeld(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);

    private readonly string _outputDir;
    private FileStream? _file;
    private bool _taken;

    /// <summary>The lock of an output folder, not yet taken: a build takes it only once it is about to touch the
    /// output, so one that stops at an input error writes nothing at all, not even the lock file.</summary>
    public OutputLock(string outputDir) => _outputDir = outputDir;

    public static string PathFor(string outputDir)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDir));
        return Path.Combine(Path.GetDirectoryName(target) ?? target, "." + Path.GetFileName(target) + ".kb-lock");
    }

    /// <summary>Takes the output's lock (again: nothing), or throws <see cref="OutputSafetyException"/> naming the build that holds it.</summary>
    public void Take()
    {
        if (_taken) return;
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(_outputDir));
        // The root folder has no place beside it; the site writer refuses it anyway.
        if (Path.GetDirectoryName(target) is { } parent)
        {
            Directory.CreateDirectory(parent);
            try
            {
                _file = new FileStream(PathFor(target), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (IsHeld(e))
            {
                var holder = StagingFolders.Find(target).Where(l => !l.IsOldSite && l.ProcessId != Environment.ProcessId && StagingFolders.IsRunning(l.ProcessId))
                    .Select(l => $" (process {l.ProcessId})").FirstOrDefault() ?? "";
                throw new OutputSafetyException($"another kb build{holder} is writing to '{target}' right now; wait for it to finish, then build again");
            }
        }
        _taken = true;
    }

    /// <summary>A lock taken at once.</summary>
    public static OutputLock Acquire(string outputDir)
    {
        var taken = new OutputLock(outputDir);
        taken.Take();
        return taken;
    }

    public void Dispose() => _file?.Dispose();
}
