using System.Text.Json;
using KnowledgeBase.Authoring;
using KnowledgeBase.Tests.Site;
using KnowledgeBase.Validation.Lints;
using KnowledgeBase.Markdown;

namespace KnowledgeBase.Tests.Authoring;

public sealed class NewCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _input;

    public NewCommandTests() => _input = Path.Combine(_dir.Path, "input");

    public void Dispose() => _dir.Dispose();

    private (int Code, string Stdout, string Stderr) New(params string[] args) => BuiltSite.Run(["new", .. args, "--input", _input]);

    private string Read(string relative) => File.ReadAllText(Path.Combine(_input, relative));

    [Theory]
    [InlineData("en", "SEV1")]
    [InlineData("ru", "SEV1")]
    [InlineData("fr", "SEV2")]
    [InlineData("de", "SEV2")]
    [InlineData("en", "SEV4")]
    public void A_new_post_mortem_passes_check_except_for_its_placeholders(string lang, string severity)
    {
        var (code, stdout, stderr) = New("Checkout down after a certificate expired", "--lang", lang, "--severity", severity, "--date", "2024-03-14");
        Assert.True(code == 0, stderr);
        Assert.Contains("postmortems/2024/checkout-down-after-a-certificate-expired.md", stdout);

        var check = BuiltSite.Run(["check", "--input", _input, "--format", "json", "--as-of", "2024-03-20"]);
        Assert.Equal(0, check.Code);
        using var report = JsonDocument.Parse(check.Stdout);
        Assert.Equal(0, report.RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("placeholder", f.GetProperty("rule").GetString()));
        // Placeholders sit in the front matter and in every body section.
        Assert.Contains(findings, f => f.GetProperty("field").GetString() == "summary");
        Assert.Contains(findings, f => f.GetProperty("field").GetString() == "actions[0].title");
        Assert.True(findings.Count(f => f.GetProperty("field").GetString() == "body") >= 7);

        // --strict fails it until the placeholders are filled in.
        Assert.Equal(1, BuiltSite.Run(["check", "--input", _input, "--strict", "--as-of", "2024-03-20"]).Code);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("fr")]
    [InlineData("de")]
    public void The_template_has_every_contract_field_and_the_conventional_sections_in_order(string lang)
    {
        Assert.Equal(0, New("Disk full", "--lang", lang, "--date", "2024-03-14").Code);
        var text = Read("postmortems/2024/disk-full.md");
        var frontMatter = text.Split("\n---\n")[0];
        foreach (var field in new[] { "title", "date", "severity", "summary", "id", "lang", "status", "visibility", "services", "tags",
                     "cause_categories", "authors", "facilitator", "detected_by", "started", "detected", "mitigated", "resolved",
                     "impact", "related", "onboarding", "lessons", "actions" })
            Assert.Matches($"(?m)^#? ?{field}:", frontMatter);
        foreach (var field in new[] { "title", "owner", "due", "status", "priority", "success", "link" })
            Assert.Matches($"(?m)^ +(- |# )?{field}:", frontMatter);

        var titles = SectionHeadings.TitlesFor(lang);
        var headings = text.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..]).ToList();
        Assert.Equal([titles.Summary, titles.Timeline, titles.Impact, titles.RootCauses, titles.WentWell, titles.Lessons, titles.Actions], headings);
        Assert.Contains($"lang: {lang}", text);
    }

    [Fact]
    public void Title_severity_id_date_and_language_are_filled_in()
    {
        var (code, stdout, _) = New("API: \"v2\" # outage", "--severity", "SEV2", "--date", "2023-12-30", "--id", "api-v2-outage");
        Assert.Equal(0, code);
        Assert.Equal($"Created {_input}/postmortems/2023/api-v2-outage.md (SEV2, en, id api-v2-outage).", stdout.Split('\n')[0].TrimEnd());
        var incident = LintHarness.Target(Read("postmortems/2023/api-v2-outage.md"), asOf: new DateOnly(2024, 1, 1)).Incident;
        Assert.Equal("API: \"v2\" # outage", incident.Title);
        Assert.Equal("api-v2-outage", incident.Id);
        Assert.Equal("SEV2", incident.Severity);
        Assert.Equal(new DateOnly(2023, 12, 30), incident.Date);
        Assert.Equal(new DateOnly(2024, 1, 27), Assert.Single(incident.Actions).Due);
        Assert.Equal(Model.IncidentStatus.Draft, incident.Status);
    }

    [Fact]
    public void The_sites_default_language_and_severity_list_apply()
    {
        _dir.Write("input/site.yml", "default_lang: ru\nseverities: [P1, P2, P3]\n");
        Assert.Equal(0, New("Сбой оплаты", "--date", "2024-03-14").Code);
        var text = Read("postmortems/2024/sboy-oplaty.md");
        Assert.Contains("lang: ru", text);
        Assert.Contains("severity: P2", text);
        Assert.Contains("## Хронология", text);
    }

    [Fact]
    public void It_never_overwrites_an_existing_file()
    {
        Assert.Equal(0, New("Disk full", "--date", "2024-03-14").Code);
        var path = Path.Combine(_input, "postmortems", "2024", "disk-full.md");
        File.WriteAllText(path, "edited by the author");
        var (code, stdout, stderr) = New("Disk full", "--date", "2024-03-14");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("kb: postmortems/2024/disk-full.md already exists; kb new never overwrites a post-mortem (edit that file, or choose another --id)", stderr.Trim());
        Assert.Equal("edited by the author", File.ReadAllText(path));
    }

    [Fact]
    public void It_never_reuses_an_id_from_another_year()
    {
        _dir.Write("input/postmortems/2023/old.md", "---\ntitle: Old\ndate: 2023-01-01\nseverity: SEV3\nsummary: S.\nid: disk-full\n---\n");
        var (code, _, stderr) = New("Disk full", "--date", "2024-03-14");
        Assert.Equal(1, code);
        Assert.Contains("the id 'disk-full' is already used by postmortems/2023/old.md", stderr);
        Assert.False(Directory.Exists(Path.Combine(_input, "postmortems", "2024")) && File.Exists(Path.Combine(_input, "postmortems", "2024", "disk-full.md")));
    }

    [Theory]
    [InlineData("Title", "--id", "Bad_Id")]
    [InlineData("Title", "--lang", "es")]
    [InlineData("Title", "--lang", "../../etc/passwd")]
    [InlineData("Title", "--severity", "SEV9")]
    [InlineData("Title", "--date", "2024-02-30")]
    [InlineData("   ")]
    [InlineData("日本語のタイトル")]
    public void Bad_values_are_usage_errors_and_write_nothing(params string[] args)
    {
        var (code, _, stderr) = New(args);
        Assert.Equal(2, code);
        Assert.StartsWith("kb: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(Path.Combine(_input, "postmortems")));
    }

    [Fact]
    public void An_unknown_language_names_the_templates_there_are()
    {
        var (_, _, stderr) = New("Title", "--lang", "es");
        Assert.Contains("there is no template for language 'es'; use one of de, en, fr, ru", stderr);
    }

    [Fact]
    public void A_site_may_add_a_template_next_to_its_input_folder()
    {
        _dir.Write("themes/default/archetypes/es.md", "---\ntitle: {{title}}\ndate: {{date}}\nseverity: {{severity}}\nsummary: \"TODO: resumen\"\nlang: {{lang}}\n---\n## Resumen\n");
        Assert.Equal(0, New("Caída del pago", "--lang", "es", "--date", "2024-03-14").Code);
        Assert.Contains("lang: es", Read("postmortems/2024/caida-del-pago.md"));
    }

    [Theory]
    [InlineData("Сбой оплаты: истёк ключ API", "en", "sboy-oplaty-istek-klyuch-api")]
    [InlineData("Щука и ёж съели чай", "ru", "shchuka-i-ezh-seli-chay")]
    [InlineData("Clé d'API expirée à l'échéance", "fr", "cle-d-api-expiree-a-l-echeance")]
    [InlineData("Größe der Warteschlange überschritten", "de", "groesse-der-warteschlange-ueberschritten")]
    [InlineData("Größe der Warteschlange", "en", "grosse-der-warteschlange")]
    [InlineData("Žluťoučký kůň & Łódź", "en", "zlutoucky-kun-lodz")]
    [InlineData("  --Black Friday__2024!!  ", "en", "black-friday-2024")]
    [InlineData("DNS TTL: 3600 → 60", "en", "dns-ttl-3600-60")]
    public void Ids_are_derived_from_titles(string title, string lang, string expected) =>
        Assert.Equal(expected, PostmortemId.FromTitle(title, lang));

    [Fact]
    public void Long_titles_are_cut_at_a_word_and_unusable_ones_give_no_id()
    {
        var id = PostmortemId.FromTitle("The primary database stopped accepting writes when the write-ahead log filled the data disk");
        Assert.Equal("the-primary-database-stopped-accepting-writes-when-the-write", id);
        Assert.True(id!.Length <= PostmortemId.MaxLength);
        Assert.Null(PostmortemId.FromTitle("日本語"));
        Assert.Null(PostmortemId.FromTitle("!!!"));
    }
}
