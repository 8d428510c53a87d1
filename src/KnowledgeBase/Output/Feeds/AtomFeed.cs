using System.Text;
using System.Xml;
using KnowledgeBase.Aggregation;

namespace KnowledgeBase.Output.Feeds;

/// <summary>
/// <c>/feed.xml</c>: an Atom 1.0 feed (RFC 4287) of the newest post-mortems. Entries are the incidents with the
/// latest <c>date</c> (ties by id), each with its summary, language, authors, tags and the moment it began
/// (<c>published</c>) and its latest recorded moment (<c>updated</c>). Bytes depend only on the input.
/// </summary>
public static class AtomFeed
{
    public const int MaxEntries = 50;
    public const string Path = "feed.xml";
    private const string Ns = "http://www.w3.org/2005/Atom";

    public static byte[] Write(SiteModel site)
    {
        var urls = new PublicUrls(site.Settings);
        var entries = site.Incidents.Take(MaxEntries).ToList();
        using var memory = new MemoryStream();
        using (var xml = XmlWriter.Create(memory, Xml.Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Ns);
            xml.WriteAttributeString("xml", "lang", null, site.Settings.DefaultLanguage);
            if (!urls.IsAbsolute)
                xml.WriteComment(" base_url is a path, not an absolute URL: links are relative to the server this feed is fetched from. ");
            xml.WriteElementString("title", Ns, Xml.Clean(site.Settings.Title));
            if (site.Settings.Description.Length > 0) xml.WriteElementString("subtitle", Ns, Xml.Clean(site.Settings.Description));
            xml.WriteElementString("id", Ns, urls.AtomId(""));
            Link(xml, "self", "application/atom+xml", urls.Of(Path));
            Link(xml, "alternate", "text/html", urls.Of(""));
            var updated = entries.Count == 0
                ? FeedDates.Rfc3339(site.AsOf)
                : FeedDates.Rfc3339(entries.Select(e => FeedDates.Latest(e.Incident) ?? new DateTimeOffset(e.Incident.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
                    .OrderByDescending(t => t.UtcDateTime).ThenBy(t => t.Offset).First());
            xml.WriteElementString("updated", Ns, updated);
            xml.WriteStartElement("author", Ns);
            xml.WriteElementString("name", Ns, Xml.Clean(site.Settings.Title));
            xml.WriteEndElement();
            xml.WriteStartElement("generator", Ns);
            xml.WriteString("kb");
            xml.WriteEndElement();

            foreach (var entry in entries)
            {
                var i = entry.Incident;
                xml.WriteStartElement("entry", Ns);
                xml.WriteAttributeString("xml", "lang", null, i.Language);
                xml.WriteElementString("title", Ns, Xml.Clean($"{i.Severity} · {i.Title}"));
                Link(xml, "alternate", "text/html", urls.Incident(i.Id));
                xml.WriteElementString("id", Ns, urls.AtomId(entry.Path));
                xml.WriteElementString("published", Ns, FeedDates.Published(i));
                xml.WriteElementString("updated", Ns, FeedDates.Updated(i));
                foreach (var author in i.Authors)
                {
                    xml.WriteStartElement("author", Ns);
                    xml.WriteElementString("name", Ns, Xml.Clean(author));
                    xml.WriteEndElement();
                }
                foreach (var tag in i.Tags)
                {
                    xml.WriteStartElement("category", Ns);
                    xml.WriteAttributeString("term", Xml.Clean(tag));
                    xml.WriteAttributeString("scheme", urls.Of("tags/"));
                    xml.WriteEndElement();
                }
                xml.WriteStartElement("summary", Ns);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Xml.Clean(i.Summary));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        memory.WriteByte((byte)'\n');
        return memory.ToArray();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", Ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}

/// <summary>XML writing settings shared by the feed and the sitemap.</summary>
internal static class Xml
{
    public static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    /// <summary>Drops characters XML 1.0 cannot carry (control characters, lone surrogates).</summary>
    public static string Clean(string text)
    {
        var ok = true;
        for (var i = 0; i < text.Length && ok; i++)
            if (!IsXmlChar(text, i, out var width)) ok = false;
            else i += width - 1;
        if (ok) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsXmlChar(text, i, out var width)) sb.Append(text, i, width);
            i += width - 1;
        }
        return sb.ToString();
    }

    private static bool IsXmlChar(string s, int i, out int width)
    {
        var c = s[i];
        width = 1;
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { width = 2; return true; }
            return false;
        }
        if (char.IsLowSurrogate(c)) return false;
        return c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
    }
}
