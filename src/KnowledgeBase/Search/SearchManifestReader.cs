using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;

namespace KnowledgeBase.Search;

/// <summary>
/// Sizes of a written search directory (raw and gzip, per file). What a query downloads is measured by running
/// kb-search.js itself (the test driver's <c>cost</c> command), so the measurement cannot drift from the runtime.
/// Thread-safe.
/// </summary>
public sealed class SearchManifestReader
{
    private readonly string dir;
    private readonly JsonElement manifest;
    private readonly ConcurrentDictionary<string, (long Raw, long Gzip)> sizes = new(StringComparer.Ordinal);

    private SearchManifestReader(string dir)
    {
        this.dir = dir;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, SearchIndexWriter.ManifestFile)));
        manifest = doc.RootElement.Clone();
    }

    public static SearchManifestReader Open(string searchDir) => new(searchDir);

    public IReadOnlyList<string> Languages =>
        manifest.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("lang").GetString()!).ToList();

    /// <summary>Every file of the search directory with its raw and gzip size.</summary>
    public IReadOnlyDictionary<string, (long Raw, long Gzip)> AllFiles()
    {
        var result = new SortedDictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var p in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(dir, p).Replace('\\', '/');
            result[rel] = Size(rel);
        }

        return result;
    }

    public (long Raw, long Gzip) Size(string relativePath) => sizes.GetOrAdd(relativePath, p =>
    {
        var bytes = File.ReadAllBytes(Path.Combine(dir, p));
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
        return (bytes.Length, ms.Length);
    });

    /// <summary>Optimal-string-alignment distance ≤ 1 (what lunr's <c>~1</c> accepts).</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (a == b) return true;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length)
        {
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))) return true;
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }

        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
