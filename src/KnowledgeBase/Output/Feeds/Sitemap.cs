using System.Globalization;
using System.Xml;
using KnowledgeBase.Aggregation;
using KnowledgeBase.Model;

namespace KnowledgeBase.Output.Feeds;

/// <summary>
/// <c>/sitemap.xml</c> (sitemaps.org 0.9): every HTML page of the site but the 404 page, in page-plan order, with
/// <c>lastmod</c> for incident pages (the date of their latest recorded moment). The protocol wants absolute URLs;
/// with a path-only <c>base_url</c> the locations are root-relative, which crawlers do not accept — set an absolute
/// <c>base_url</c> to publish the sitemap. Past 50,000 URLs the file becomes a sitemap index of
/// <c>sitemap-1.xml</c>, <c>sitemap-2.xml</c>…
/// </summary>
public static class Sitemap
{
    public const string Path = "sitemap.xml";
    public const int MaxUrlsPerFile = 50_000;
    private const string Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <param name="sitePaths">Site paths of the pages (<c>""</c>, <c>incidents/x/</c>…).</param>
    /// <returns>The files to write: (site path, bytes).</returns>
    public static IReadOnlyList<(string Path, byte[] Bytes)> Write(SiteModel site, IEnumerable<string> sitePaths)
    {
        var urls = new PublicUrls(site.Settings);
        var lastmod = site.Incidents.ToDictionary(i => i.Path,
            i => FeedDates.Latest(i.Incident)?.ToString(IsoDate.Pattern, CultureInfo.InvariantCulture) ?? IsoDate.Format(i.Incident.Date),
            StringComparer.Ordinal);
        var pages = sitePaths.Where(p => !p.EndsWith("404.html", StringComparison.Ordinal)).ToList();
        if (pages.Count <= MaxUrlsPerFile) return [(Path, UrlSet(pages, urls, lastmod))];

        var files = new List<(string, byte[])>();
        for (var k = 0; k * MaxUrlsPerFile < pages.Count; k++)
            files.Add(($"sitemap-{(k + 1).ToString(CultureInfo.InvariantCulture)}.xml",
                UrlSet(pages.Skip(k * MaxUrlsPerFile).Take(MaxUrlsPerFile).ToList(), urls, lastmod)));
        files.Insert(0, (Path, Index(files.Select(f => f.Item1), urls)));
        return files;
    }

    private static byte[] UrlSet(IReadOnlyList<string> pages, PublicUrls urls, IReadOnlyDictionary<string, string> lastmod)
    {
        using var memory = new MemoryStream();
        using (var xml = XmlWriter.Create(memory, Xml.Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("urlset", Ns);
            foreach (var page in pages)
            {
                xml.WriteStartElement("url", Ns);
                xml.WriteElementString("loc", Ns, urls.Of(page));
                if (lastmod.TryGetValue(page, out var date)) xml.WriteElementString("lastmod", Ns, date);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        memory.WriteByte((byte)'\n');
        return memory.ToArray();
    }

    private static byte[] Index(IEnumerable<string> files, PublicUrls urls)
    {
        using var memory = new MemoryStream();
        using (var xml = XmlWriter.Create(memory, Xml.Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("sitemapindex", Ns);
            foreach (var file in files)
            {
                xml.WriteStartElement("sitemap", Ns);
                xml.WriteElementString("loc", Ns, urls.Of(file));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        memory.WriteByte((byte)'\n');
        return memory.ToArray();
    }
}
