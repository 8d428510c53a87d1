using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// Every file a build wrote, discovered generically (whatever other features add later: HTML, JSON, XML, CSV, JS,
/// search shards…), with compressed files also given decompressed.
/// </summary>
public static class OutputFiles
{
    public sealed record Content(string RelativePath, byte[] Bytes);

    /// <summary>All files under <paramref name="dir"/> (hidden ones included), in ordinal path order.</summary>
    public static IReadOnlyList<string> List(string dir) =>
        Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Each file's bytes; gzip (by its magic bytes) and Brotli (.br) files are decompressed as well.</summary>
    public static IEnumerable<Content> Read(string dir)
    {
        foreach (var relative in List(dir))
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir, relative));
            yield return new Content(relative, bytes);
            if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
                yield return new Content(relative + " (gunzipped)", Decompress(bytes, s => new GZipStream(s, CompressionMode.Decompress)));
            else if (relative.EndsWith(".br", StringComparison.Ordinal))
                yield return new Content(relative + " (unbrotlied)", Decompress(bytes, s => new BrotliStream(s, CompressionMode.Decompress)));
        }
    }

    private static byte[] Decompress(byte[] bytes, Func<Stream, Stream> open)
    {
        using var input = new MemoryStream(bytes);
        using var stream = open(input);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Path and SHA-256 of every file: equal fingerprints mean an identical site.</summary>
    public static string Fingerprint(string dir) => string.Join("\n",
        List(dir).Select(f => f + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, f))))));

    /// <summary>Where two bytes arrays first differ, or -1.</summary>
    public static long FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
            if (a[i] != b[i]) return i;
        return a.Length == b.Length ? -1 : n;
    }

    /// <summary>A readable excerpt around an offset (for failure messages).</summary>
    public static string Around(byte[] bytes, long offset, int radius = 80)
    {
        var start = (int)Math.Max(0, offset - radius);
        var end = (int)Math.Min(bytes.Length, offset + radius);
        return Encoding.UTF8.GetString(bytes, start, end - start);
    }
}
