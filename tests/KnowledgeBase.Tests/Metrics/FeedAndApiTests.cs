using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using KnowledgeBase.Output.Feeds;
using KnowledgeBase.Tests.Site;
using NJsonSchema;

namespace KnowledgeBase.Tests.Metrics;

/// <summary>/feed.xml, /sitemap.xml and the data API of the metrics knowledge base (absolute base_url https://kb.example.com/kb/).</summary>
public sealed class FeedAndApiTests(MetricsSiteFixture fixture) : IClassFixture<MetricsSiteFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string Base = "https://kb.example.com/kb/";
    private static readonly string[] NewestFirst = ["f-api", "e-db", "d-dns", "g-cache", "c-api", "b-db", "a-db"];

    private readonly BuiltSite _site = fixture.Site;

    private string Text(string path) => File.ReadAllText(Path.Combine(_site.OutputDir, path), Encoding.UTF8);

    private static XDocument Xml(string text) =>
        XDocument.Load(XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }));

    [Fact]
    public void Feed_is_atom_with_the_newest_incidents_and_absolute_links()
    {
        var feed = Xml(Text("feed.xml")).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("Metrics KB", feed.Element(Atom + "title")!.Value);
        Assert.Equal(Base, feed.Element(Atom + "id")!.Value);
        Assert.Equal(Base + "feed.xml", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        Assert.Equal("2025-11-23T00:00:00Z", feed.Element(Atom + "updated")!.Value); // f-api has no moments: its date, the latest of all

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(NewestFirst.Select(id => Base + $"incidents/{id}/"), entries.Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value));
        Assert.All(entries, e => Assert.Equal(e.Element(Atom + "link")!.Attribute("href")!.Value, e.Element(Atom + "id")!.Value));
        var a = entries.Last();
        Assert.Equal("SEV1 · Primary database ran out of disk", a.Element(Atom + "title")!.Value);
        Assert.Equal("2024-01-10T10:00:00Z", a.Element(Atom + "published")!.Value);
        Assert.Equal("2024-01-10T12:00:00Z", a.Element(Atom + "updated")!.Value);
        Assert.Equal("Ana Lima", a.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal(["database", "disk"], a.Elements(Atom + "category").Select(c => c.Attribute("term")!.Value));
        Assert.Equal("Write-ahead log segments filled the disk of the primary database.", a.Element(Atom + "summary")!.Value);
        Assert.Equal("en", a.Attribute(XNamespace.Xml + "lang")!.Value);
        // No moment recorded: published and updated fall back to the date.
        var f = entries.First();
        Assert.Equal(("2025-11-23T00:00:00Z", "2025-11-23T00:00:00Z"), (f.Element(Atom + "published")!.Value, f.Element(Atom + "updated")!.Value));
    }

    [Fact]
    public void Layout_announces_the_feed()
    {
        var link = _site.Page("/").QuerySelector("link[rel=alternate][type='application/atom+xml']")!;
        Assert.Equal("/kb/feed.xml", link.GetAttribute("href"));
    }

    [Fact]
    public void Sitemap_lists_every_page_but_the_404_with_absolute_urls()
    {
        var urls = Xml(Text("sitemap.xml")).Root!.Elements(Sm + "url").ToList();
        var locs = urls.Select(u => u.Element(Sm + "loc")!.Value).ToList();
        var expected = _site.HtmlFiles()
            .Where(f => !f.EndsWith("404.html", StringComparison.Ordinal))
            .Select(f => Base + _site.SitePathOf(f).TrimStart('/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, locs.Select(Uri.UnescapeDataString).Order(StringComparer.Ordinal));
        Assert.Equal(locs.Count, locs.Distinct().Count());
        Assert.Contains(Base + "metrics/", locs);
        Assert.Contains(Base + "metrics/services/db/", locs);
        Assert.Equal("2024-01-10", urls.Single(u => u.Element(Sm + "loc")!.Value == Base + "incidents/a-db/").Element(Sm + "lastmod")!.Value);
        Assert.Null(urls.Single(u => u.Element(Sm + "loc")!.Value == Base + "metrics/").Element(Sm + "lastmod"));
    }

    /// <summary>
    /// Loads a committed schema with NJsonSchema (the validator this test project uses), which resolves 2020-12's
    /// <c>$defs</c> only when spelt the draft-07 way, <c>definitions</c>; nothing else changes.
    /// </summary>
    private static Task<JsonSchema> Schema(string file) => JsonSchema.FromJsonAsync(
        File.ReadAllText(Path.Combine(RepoPaths.Root, "schema", "api", file)).Replace("\"$defs\"", "\"definitions\"").Replace("#/$defs/", "#/definitions/"));

    [Theory]
    [InlineData("api/incidents.json", "incidents.schema.json")]
    [InlineData("api/actions.json", "actions.schema.json")]
    public async Task Json_validates_against_the_committed_schema(string file, string schemaFile)
    {
        var schema = await Schema(schemaFile);
        var errors = schema.Validate(Text(file));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task Schema_rejects_a_file_that_breaks_it()
    {
        var schema = await Schema("incidents.schema.json");
        var broken = Text("api/incidents.json").Replace("\"status\":\"published\"", "\"status\":\"finished\"", StringComparison.Ordinal);
        Assert.NotEmpty(schema.Validate(broken));
        Assert.NotEmpty(schema.Validate("{\"version\":1}"));
    }

    [Fact]
    public void Incidents_json_has_metadata_durations_in_minutes_and_action_counts()
    {
        using var json = JsonDocument.Parse(Text("api/incidents.json"));
        var root = json.RootElement;
        Assert.Equal("2026-11-23", root.GetProperty("as_of").GetString());
        Assert.Equal(7, root.GetProperty("count").GetInt32());
        var incidents = root.GetProperty("incidents").EnumerateArray().ToList();
        Assert.Equal(NewestFirst, incidents.Select(i => i.GetProperty("id").GetString()));

        var a = incidents.Single(i => i.GetProperty("id").GetString() == "a-db");
        Assert.Equal(Base + "incidents/a-db/", a.GetProperty("url").GetString());
        var d = a.GetProperty("durations_minutes");
        Assert.Equal((10, 40, 120), (d.GetProperty("detect").GetInt32(), d.GetProperty("mitigate").GetInt32(), d.GetProperty("resolve").GetInt32()));
        var actions = a.GetProperty("actions");
        Assert.Equal((3, 2, 1, 0), (actions.GetProperty("total").GetInt32(), actions.GetProperty("done").GetInt32(),
            actions.GetProperty("wont_do").GetInt32(), actions.GetProperty("overdue").GetInt32()));
        Assert.Equal("2024-01-10T10:00:00Z", a.GetProperty("started").GetString());
        Assert.Equal(1, a.GetProperty("onboarding").GetInt32());

        var c = incidents.Single(i => i.GetProperty("id").GetString() == "c-api");
        Assert.True(c.GetProperty("start_is_detection").GetBoolean());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("started").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("durations_minutes").GetProperty("detect").ValueKind);
        Assert.Equal(60, c.GetProperty("durations_minutes").GetProperty("resolve").GetInt32());
        Assert.Equal(["d-dns"], c.GetProperty("referenced_by").EnumerateArray().Select(x => x.GetString()));

        var b = incidents.Single(i => i.GetProperty("id").GetString() == "b-db");
        Assert.Equal(("a-db", "same_service_and_cause"), (b.GetProperty("repeat_of").GetProperty("id").GetString(), b.GetProperty("repeat_of").GetProperty("reason").GetString()));
        Assert.Equal((1, 1, 1), (b.GetProperty("actions").GetProperty("open").GetInt32(), b.GetProperty("actions").GetProperty("in_progress").GetInt32(),
            b.GetProperty("actions").GetProperty("overdue").GetInt32()));
        Assert.Equal(JsonValueKind.Null, a.GetProperty("repeat_of").ValueKind);
    }

    [Fact]
    public void Actions_csv_round_trips_and_matches_actions_json()
    {
        var bytes = File.ReadAllBytes(Path.Combine(_site.OutputDir, "api", "actions.csv"));
        Assert.False(bytes.AsSpan().StartsWith("\uFEFF"u8), "no byte-order mark");
        var records = Rfc4180.Parse(new UTF8Encoding(false, true).GetString(bytes));
        Assert.Equal(ActionsCsv.Columns, records[0]);
        var rows = records.Skip(1).ToList();
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal(ActionsCsv.Columns.Count, r.Count));

        using var json = JsonDocument.Parse(Text("api/actions.json"));
        var actions = json.RootElement.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(10, json.RootElement.GetProperty("count").GetInt32());
        for (var k = 0; k < rows.Count; k++)
            for (var c = 0; c < ActionsCsv.Columns.Count; c++)
            {
                var value = actions[k].GetProperty(ActionsCsv.Columns[c]);
                var expected = value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number => value.GetRawText(),
                    _ => value.GetString(),
                };
                Assert.Equal(expected, rows[k][c]);
            }

        var tricky = rows.Single(r => r[6].StartsWith("Shorten", StringComparison.Ordinal));
        Assert.Equal("Shorten failover timeouts, \"carefully\", in two steps", tricky[6]);
        Assert.Contains("\"Shorten failover timeouts, \"\"carefully\"\", in two steps\"", Text("api/actions.csv"));
        var overdue = rows.Single(r => r[0] == "b-db" && r[5] == "1");
        Assert.Equal(("open", "true", "overdue"), (overdue[9], overdue[10], overdue[11]));
    }

    [Fact]
    public void Feeds_and_api_are_byte_for_byte_reproducible()
    {
        var again = BuiltSite.Build(fixture.Input, Path.Combine(fixture.Dir.Path, "again"));
        Assert.Equal(0, again.ExitCode);
        foreach (var file in new[] { "feed.xml", "sitemap.xml", "api/incidents.json", "api/actions.json", "api/actions.csv", "metrics/index.html" })
            Assert.True(File.ReadAllBytes(Path.Combine(_site.OutputDir, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again.OutputDir, file))), file);
    }

    [Fact]
    public void With_a_path_base_url_links_are_root_relative_and_feed_ids_are_uuids()
    {
        using var dir = new TempDir();
        var input = MetricsKnowledgeBase.Create(dir, "title: Metrics KB\nbase_url: /kb/\n");
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.Equal(0, site.ExitCode);
        var feed = Xml(File.ReadAllText(Path.Combine(site.OutputDir, "feed.xml"))).Root!;
        var entry = feed.Elements(Atom + "entry").First();
        Assert.Equal("/kb/incidents/f-api/", entry.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", entry.Element(Atom + "id")!.Value);
        Assert.Contains("/kb/metrics/", Xml(File.ReadAllText(Path.Combine(site.OutputDir, "sitemap.xml"))).Root!.Elements(Sm + "url").Select(u => u.Element(Sm + "loc")!.Value));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.OutputDir, "api", "incidents.json")));
        Assert.Equal("/kb/incidents/f-api/", json.RootElement.GetProperty("incidents")[0].GetProperty("url").GetString());
    }

    [Fact]
    public void Name_based_uuid_follows_rfc_4122_version_5()
    {
        // uuid5(NAMESPACE_URL, "http://python.org/") from Python's standard library.
        Assert.Equal("4c565f0d-3f5a-5890-b41b-20cf47701c5e", PublicUrls.NameBasedUuid("http://python.org/"));
    }
}
