using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KnowledgeBase.Aggregation;
using KnowledgeBase.Model;

namespace KnowledgeBase.Output.Feeds;

/// <summary>
/// The URLs written into the feed, the sitemap and the data API. When <c>base_url</c> is absolute
/// (<c>https://kb.example.com/kb/</c>) every URL is absolute. When it is only a path (<c>/</c>, <c>/kb/</c>), the
/// host is unknown at build time, so URLs are root-relative (<c>/kb/incidents/x/</c>): a feed reader resolves them
/// against the address it fetched the feed from, and the Atom ids become name-based UUIDs instead of URLs.
/// </summary>
public sealed class PublicUrls(SiteSettings settings)
{
    public bool IsAbsolute { get; } = Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";

    /// <summary>The URL of a site path such as <c>tags/база-данных/</c>; each segment is percent-encoded.</summary>
    public string Of(string sitePath)
    {
        return (IsAbsolute ? settings.BaseUrl : settings.BasePath) + Slug.EscapePath(sitePath);
    }

    public string Incident(string id) => Of($"incidents/{id}/");

    /// <summary>A stable Atom id: the absolute URL when there is one, else <c>urn:uuid:</c> of a version-5 UUID of the site title and path.</summary>
    public string AtomId(string sitePath) => IsAbsolute ? Of(sitePath) : "urn:uuid:" + NameBasedUuid(settings.Title + "\n" + settings.BasePath + sitePath);

    /// <summary>RFC 4122 version-5 UUID (SHA-1) in the URL namespace.</summary>
    public static string NameBasedUuid(string name)
    {
        ReadOnlySpan<byte> ns = [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];
        var data = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        ns.CopyTo(data);
        Encoding.UTF8.GetBytes(name, data.AsSpan(16));
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 prescribes for version-5 UUIDs; no security depends on it.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return string.Create(CultureInfo.InvariantCulture, $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}");
    }
}
