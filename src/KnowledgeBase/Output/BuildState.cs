using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace KnowledgeBase.Output;

/// <summary>
/// What the last successful build left in the output folder: every file's content hash, length and modification
/// time. The next build compares each file it produces with it and leaves an identical file alone. The state is
/// only a hint, never trusted blindly: a file whose length or modification time on disk differs from the record
/// (edited, replaced or deleted since) is written again, and a state file that is truncated, edited, of another
/// format version or fails its checksum is ignored as a whole (the build then writes a complete new site).
/// </summary>
public sealed class BuildState
{
    /// <summary>Where the state of a site folder lives: a hidden sibling (<c>.&lt;name&gt;.kb-build-state</c>), so it is
    /// never deployed with the site and every site file stays byte-for-byte reproducible.</summary>
    public static string PathFor(string siteDir) =>
        Path.Combine(Path.GetDirectoryName(siteDir)!, "." + Path.GetFileName(siteDir) + ".kb-build-state");

    private const string Header = "kb-build-state 1";
    private const string ChecksumPrefix = "checksum ";

    /// <summary>One output file: site-relative path ('/'-separated), hash of its bytes, length, last write time (UTC ticks).</summary>
    public readonly record struct Entry(UInt128 Hash, long Length, long WriteTicks);

    private readonly Dictionary<string, Entry> _files;

    public BuildState(Dictionary<string, Entry> files) => _files = files;

    public IReadOnlyDictionary<string, Entry> Files => _files;

    /// <summary>The checksum of this state as read or last written: identifies one build's output (see Caching/SiteRecord).</summary>
    public string? Checksum { get; private set; }

    public static UInt128 Hash(ReadOnlySpan<byte> content) => XxHash128.HashToUInt128(content);

    /// <summary>The state file at <paramref name="statePath"/>, or null when there is none or it cannot be trusted.</summary>
    public static BuildState? TryLoad(string statePath)
    {
        string text;
        try
        {
            text = File.ReadAllText(statePath, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(text);
    }

    /// <summary>Parses a state file's text; null if anything about it is off (it is then ignored, not repaired).</summary>
    public static BuildState? Parse(string text)
    {
        var checksumAt = text.LastIndexOf("\n" + ChecksumPrefix, StringComparison.Ordinal);
        if (!text.StartsWith(Header + "\n", StringComparison.Ordinal) || checksumAt < 0 || !text.EndsWith('\n')) return null;
        var body = text[..(checksumAt + 1)];
        var expected = text[(checksumAt + 1 + ChecksumPrefix.Length)..^1];
        if (!string.Equals(expected, ChecksumOf(body), StringComparison.Ordinal)) return null;

        var files = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var line in body[(Header.Length + 1)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length != 4
                || !UInt128.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || !IsSafeRelativePath(parts[3])
                || !files.TryAdd(parts[3], new Entry(hash, length, ticks)))
                return null;
        }
        return new BuildState(files) { Checksum = expected };
    }

    public string Serialize()
    {
        var sb = new StringBuilder(Header.Length + _files.Count * 96).Append(Header).Append('\n');
        foreach (var (path, e) in _files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"{e.Hash:x32}\t{e.Length}\t{e.WriteTicks}\t{path}\n");
        var body = sb.ToString();
        Checksum = ChecksumOf(body);
        return body + ChecksumPrefix + Checksum + "\n";
    }

    /// <summary>Writes the state (temporary file, then rename: never half a state).</summary>
    public void Save(string statePath)
    {
        var temp = statePath + ".tmp";
        File.WriteAllText(temp, Serialize(), new UTF8Encoding(false));
        File.Move(temp, statePath, overwrite: true);
    }

    /// <summary>Removes the state before the site changes, so an interrupted change leaves nothing that vouches for the files.</summary>
    public static void Delete(string statePath) => File.Delete(statePath);

    /// <summary>Whether the file on disk is still the one the state recorded (same length and write time).</summary>
    public static bool OnDiskMatches(string fullPath, Entry entry)
    {
        var info = new FileInfo(fullPath);
        return info.Exists && info.Length == entry.Length && info.LastWriteTimeUtc.Ticks == entry.WriteTicks;
    }

    private static string ChecksumOf(string body) =>
        XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(body)).ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>A state file names files to delete, so it may only name plain relative paths inside the site.</summary>
    internal static bool IsSafeRelativePath(string path) =>
        path.Length > 0 && path[0] != '/' && !path.Contains('\\') && !path.Contains('\0')
        && path.Split('/').All(s => s.Length > 0 && s != "." && s != "..");
}
