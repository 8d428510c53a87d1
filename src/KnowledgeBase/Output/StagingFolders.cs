using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Output;

/// <summary>
/// The temporary sibling folders of a site: <c>.&lt;name&gt;.building-&lt;pid&gt;-&lt;guid&gt;</c> (the new site being
/// written) and <c>.&lt;name&gt;.old-&lt;pid&gt;-&lt;guid&gt;</c> (the previous site during the swap). A build killed
/// with SIGKILL cannot clean up after itself, so the next build does: it removes the folders of processes that
/// are no longer running (never a running build's), and if a kill hit the instant between the two renames of the
/// swap, it puts the previous site back first.
/// </summary>
public static partial class StagingFolders
{
    public static string BuildingName(string siteName, int pid) =>
        string.Create(CultureInfo.InvariantCulture, $".{siteName}.building-{pid}-{Guid.NewGuid():N}");

    public static string OldName(string siteName, int pid) =>
        string.Create(CultureInfo.InvariantCulture, $".{siteName}.old-{pid}-{Guid.NewGuid():N}");

    [GeneratedRegex(@"^\.(?<site>.+)\.(?<kind>building|old)-(?<pid>[0-9]{1,10})-(?<guid>[0-9a-f]{32})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>A leftover folder of a site: which kind, and the id of the process that made it.</summary>
    public sealed record Leftover(string Path, bool IsOldSite, int ProcessId);

    /// <summary>Folders next to <paramref name="target"/> that match the exact staging pattern for that site name.</summary>
    public static IReadOnlyList<Leftover> Find(string target)
    {
        var parent = System.IO.Path.GetDirectoryName(target);
        var name = System.IO.Path.GetFileName(target);
        if (parent is null || !Directory.Exists(parent)) return [];
        var found = new List<Leftover>();
        foreach (var dir in Directory.EnumerateDirectories(parent, "." + name + ".*"))
        {
            var match = Pattern().Match(System.IO.Path.GetFileName(dir));
            if (!match.Success || match.Groups["site"].Value != name) continue;
            if (!int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            found.Add(new Leftover(dir, match.Groups["kind"].Value == "old", pid));
        }
        found.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return found;
    }

    /// <summary>
    /// Restores the previous site if a killed swap left only its <c>.old-</c> folder, then deletes the leftovers of
    /// processes that are not running. Only real folders (not links) that kb marked (or that are still empty) are
    /// touched; anything that cannot be deleted is left for next time.
    /// </summary>
    public static void CleanUp(string target)
    {
        var leftovers = Find(target).Where(l => l.ProcessId != Environment.ProcessId && IsOurs(l.Path) && !IsRunning(l.ProcessId)).ToList();
        if (!Directory.Exists(target) && !File.Exists(target))
        {
            var previous = leftovers.Where(l => l.IsOldSite)
                .OrderByDescending(l => Directory.GetLastWriteTimeUtc(l.Path)).ThenBy(l => l.Path, StringComparer.Ordinal)
                .FirstOrDefault();
            if (previous is not null)
            {
                try
                {
                    Directory.Move(previous.Path, target);
                    leftovers.Remove(previous);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
        // An update killed while moving its staged files in: finish it, so the site is the new one throughout.
        foreach (var leftover in leftovers.Where(l => !l.IsOldSite && InPlaceUpdate.HasJournal(l.Path) && Directory.Exists(target)))
        {
            try
            {
                BuildState.Delete(BuildState.PathFor(target));
                InPlaceUpdate.Apply(leftover.Path, target);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        foreach (var leftover in leftovers) TryDelete(leftover.Path);
    }

    private static bool IsOurs(string dir)
    {
        var info = new DirectoryInfo(dir);
        if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint)) return false;
        return File.Exists(System.IO.Path.Combine(dir, AtomicSiteWriter.MarkerFile)) || !Directory.EnumerateFileSystemEntries(dir).Any();
    }

    /// <summary>Whether a process with this id runs on this machine (a zombie counts as ended).</summary>
    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux())
        {
            var stat = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
            try
            {
                var text = File.ReadAllText(stat);
                var close = text.LastIndexOf(')');
                return !(close > 0 && close + 2 < text.Length && text[close + 2] is 'Z' or 'X');
            }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return true; }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
        catch (System.ComponentModel.Win32Exception) { return true; }
        catch (NotSupportedException) { return true; }
    }

    public static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { /* Left for the next build. */ }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Swaps two folders in one atomic step where the system can (Linux <c>renameat2(RENAME_EXCHANGE)</c>): readers,
    /// and a kill at any instant, see either the old or the new site, never none. False when not available.
    /// </summary>
    public static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException) { return false; }
        catch (DllNotFoundException) { return false; }
    }

    /// <summary>Makes <paramref name="link"/> a second name of the file <paramref name="existing"/> (Linux
    /// <c>link</c>); false where the system or file system cannot.</summary>
    public static bool TryHardLink(string existing, string link)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Link(existing, link) == 0;
        }
        catch (EntryPointNotFoundException) { return false; }
        catch (DllNotFoundException) { return false; }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole engine.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Link(string existingPath, string newPath);
#pragma warning restore SYSLIB1054
}
