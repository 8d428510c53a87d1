using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KnowledgeBase.Caching;

/// <summary>
/// The build cache's file <c>.&lt;name&gt;.kb-build-site</c>, a hidden sibling of the output folder (never deployed), like
/// the build state: the fingerprint and report of the build that made the site in the folder (<see cref="SiteRecord"/>),
/// small so an unchanged rebuild reads nothing else; removed before the site changes.
/// Layout: a format line naming the kind, the <see cref="EngineIdentity"/> line, the JSON payload, and a
/// checksum line over all of it. A hint, never trusted: a missing, truncated, edited, other-kind, other-format or
/// other-engine file is ignored as a whole (<see cref="TryLoad{T}"/> returns null and the build does the work itself).
/// </summary>
public static class CacheFile
{
    public const string FormatVersion = "1";
    public const string SiteKind = "kb-build-site";
    private const string ChecksumPrefix = "\nchecksum ";
    private const int HexLength = 32;

    public static string PathFor(string siteDir, string kind)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(siteDir));
        return Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + kind);
    }

    public static SiteRecord? LoadSite(string path) =>
        TryLoad(path, SiteKind, EngineIdentity.Value, CacheJsonContext.Compact.SiteRecord,
            s => s.Fingerprint is not null && s.StateChecksum is not null && s.Outcome?.Diagnostics is not null);

    public static void SaveSite(string path, SiteRecord data) => Save(path, SiteKind, EngineIdentity.Value, data, CacheJsonContext.Compact.SiteRecord);

    /// <summary>The payload at <paramref name="path"/> if the file is whole, of this kind and format, and written by this very engine; else null.</summary>
    public static T? TryLoad<T>(string path, string kind, string identity, JsonTypeInfo<T> type, Func<T, bool> wellFormed) where T : class
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(bytes, kind, identity, type, wellFormed);
    }

    public static T? Parse<T>(ReadOnlySpan<byte> bytes, string kind, string identity, JsonTypeInfo<T> type, Func<T, bool> wellFormed) where T : class
    {
        var prefix = Prefix(kind, identity);
        var trailer = Encoding.ASCII.GetBytes(ChecksumPrefix);
        if (bytes.Length < prefix.Length + trailer.Length + HexLength + 1 || !bytes.StartsWith(prefix) || bytes[^1] != (byte)'\n') return null;
        var checksumAt = bytes.Length - 1 - HexLength - trailer.Length;
        if (!bytes[checksumAt..].StartsWith(trailer)) return null;
        var expected = Encoding.ASCII.GetString(bytes.Slice(checksumAt + trailer.Length, HexLength));
        if (!string.Equals(expected, Checksum(bytes[..checksumAt]), StringComparison.Ordinal)) return null;
        try
        {
            var data = JsonSerializer.Deserialize(bytes[prefix.Length..checksumAt], type);
            return data is not null && wellFormed(data) ? data : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Writes a cache file (temporary file, then rename: never half a file); any failure leaves no file.</summary>
    public static void Save<T>(string path, string kind, string identity, T data, JsonTypeInfo<T> type)
    {
        var temp = path + ".tmp";
        try
        {
            var hasher = new XxHash128();
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var hashing = new HashingWriteStream(file, hasher))
            {
                hashing.Write(Prefix(kind, identity));
                JsonSerializer.Serialize(hashing, data, type);
                var checksum = hasher.GetCurrentHashAsUInt128().ToString("x32", CultureInfo.InvariantCulture);
                file.Write(Encoding.ASCII.GetBytes(ChecksumPrefix + checksum + "\n"));
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or JsonException)
        {
            // A build never fails for its cache: without one the next build simply does all the work.
            TryDelete(temp);
            TryDelete(path);
        }
    }

    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* its checksum or fingerprint still rejects it */ }
    }

    private static byte[] Prefix(string kind, string identity) => Encoding.UTF8.GetBytes($"{kind} {FormatVersion}\n{identity}\n");

    private static string Checksum(ReadOnlySpan<byte> covered) =>
        XxHash128.HashToUInt128(covered).ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Hashes what passes through to the file, so the checksum needs no second read of the payload.</summary>
    private sealed class HashingWriteStream(Stream inner, XxHash128 hasher) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hasher.Append(buffer);
            inner.Write(buffer);
        }
    }
}
