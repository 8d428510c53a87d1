using System.Text;

namespace KnowledgeBase.Output;

/// <summary>
/// Applies an incremental build to the live site folder. The build first stages only the files whose content
/// changed (in its <c>.building-</c> folder) and leaves the site alone, so a build that fails while rendering
/// changes nothing. Only when every file is staged does it write a journal (<see cref="JournalFile"/>: the stale
/// files to delete) and move the staged files over the old ones, each with one atomic rename. Every step is
/// idempotent, so when a build is killed during those moves the next build finds the journal in the dead
/// process's staging folder and finishes them (<see cref="StagingFolders.CleanUp"/>) before doing anything else.
/// </summary>
public static class InPlaceUpdate
{
    /// <summary>Written into the staging folder last; its presence means "every change is staged, apply them".</summary>
    public const string JournalFile = ".kb-commit";

    public static void WriteJournal(string staging, IEnumerable<string> staleFiles)
    {
        var path = Path.Combine(staging, JournalFile);
        var text = new StringBuilder();
        foreach (var f in staleFiles) text.Append(f).Append('\n');
        File.WriteAllText(path + ".tmp", text.ToString(), new UTF8Encoding(false));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static bool HasJournal(string staging) => File.Exists(Path.Combine(staging, JournalFile));

    /// <summary>Deletes the stale files and moves every staged file into <paramref name="target"/>; safe to repeat.
    /// Returns the number of files moved.</summary>
    public static int Apply(string staging, string target)
    {
        foreach (var stale in File.ReadAllLines(Path.Combine(staging, JournalFile)))
        {
            // The journal names files to delete: only plain paths inside the site, whatever it says.
            if (!BuildState.IsSafeRelativePath(stale)) continue;
            var full = Path.Combine(target, stale);
            if (File.Exists(full)) File.Delete(full);
            PruneEmptyParents(full, target);
        }

        var moved = 0;
        var createdDirectories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(staging, file);
            if (relative is JournalFile or AtomicSiteWriter.MarkerFile || relative.StartsWith(JournalFile, StringComparison.Ordinal)) continue;
            var destination = Path.Combine(target, relative);
            var dir = Path.GetDirectoryName(destination)!;
            if (createdDirectories.Add(dir)) Directory.CreateDirectory(dir);
            File.Move(file, destination, overwrite: true);
            moved++;
        }
        return moved;
    }

    private static void PruneEmptyParents(string file, string root)
    {
        for (var dir = Path.GetDirectoryName(file); dir is not null && dir.Length > root.Length && dir.StartsWith(root, StringComparison.Ordinal);
             dir = Path.GetDirectoryName(dir))
        {
            if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any()) return;
            Directory.Delete(dir);
        }
    }
}
