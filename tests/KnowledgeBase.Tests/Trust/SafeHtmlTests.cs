using System.Text.Json;
using System.Xml.Linq;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using KnowledgeBase.Reading;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>Raw HTML is sanitized unless trusted, and no front-matter value becomes markup or script anywhere in the site.</summary>
public sealed class SafeHtmlTests
{
    private const string File = "postmortems/2024/html.md";

    private static (RenderedBody Body, List<Diagnostic> Diagnostics) Render(string body, bool trust = false)
    {
        var resolver = new BodyLinkResolver(new Dictionary<string, string> { [File] = "html" }, new HashSet<string> { "html" }, "/");
        var markdown = new PostmortemMarkdown(MarkdownPipelineFactory.Create(), resolver) { TrustHtml = trust };
        var incident = new Incident
        {
            Id = "html", SourcePath = File, Title = "t", Date = new DateOnly(2024, 1, 1), Severity = "SEV1", Summary = "s",
            Language = "en", Body = body, BodyLine = 10,
        };
        var diagnostics = new List<Diagnostic>();
        return (markdown.Render(incident, diagnostics), diagnostics);
    }

    public static TheoryData<string> Hostile => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"https://evil.example/track.png\">",
        "<img src=\"//evil.example/track.png\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<style>body{background:url(https://evil.example/x)}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"color:red\">red</p>",
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<form action=\"https://evil.example\"><input name=q><button>go</button></form>",
        "<details open ontoggle=alert(1)>x</details>",
        "<body onload=alert(1)>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"https://evil.example/x.css\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><img src=x onerror=alert(1)></template>",
        "<div data-search-box data-i18n-loading=\"x\">clobber</div>",
        "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "Inline <span onmouseover=\"alert(1)\">span</span> text",
        "<textarea><script>alert(1)</script></textarea>",
        "<!--><img src=x onerror=alert(1)>-->",
        "<x onclick=alert(1)>custom</x>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<input type=\"text\" value=\"x\" autofocus onfocus=alert(1)>",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Raw_html_is_sanitized_and_each_removal_is_a_located_warning(string html)
    {
        var (body, diagnostics) = Render("## Section\n\nBefore.\n\n" + html + "\n\nAfter.\n");

        var problems = HtmlSafety.Problems(HtmlSafety.Parse(body.Html.ToString()), "body");
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + body.Html.ToString());
        Assert.DoesNotContain("alert(1)", body.Html.ToString());
        Assert.Empty(HtmlSafety.Parse(body.Html.ToString()).QuerySelectorAll("[data-search-box], input:not([type=checkbox])"));
        // An unclosed raw-text element (<style>) swallows the rest of the body, which is then removed with it.
        if (!html.Contains("<style>", StringComparison.Ordinal)) Assert.Contains("After.", body.Html.ToString());
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(DiagnosticLevel.Warning, d.Level);
            Assert.Equal(File, d.File);
            Assert.Equal("body", d.Field);
            Assert.True(d.Line >= 10, d.ToString());
        });
        // Search text holds words, never tags (text between tags may remain, as text).
        Assert.DoesNotContain("<script", body.PlainText.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body.PlainText.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_removal_is_reported_at_the_line_of_the_raw_html()
    {
        var (_, diagnostics) = Render("Line one.\n\nLine three.\n\n<span onclick=\"x()\">five</span>\n");
        var d = Assert.Single(diagnostics);
        Assert.Equal(14, d.Line);
        Assert.Contains("'onclick' on <span>", d.Message);
        Assert.Contains("trust_html", d.Message);
    }

    [Fact]
    public void Harmless_raw_html_and_markdig_output_survive()
    {
        var (body, diagnostics) = Render("""
            <details><summary>More</summary>Hidden <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <mark>hot</mark>.</details>

            <a href="https://example.com/x" title="t">ext</a> <a href="../2023/y/">rel</a> <a href="mailto:sre@example.com">mail</a> <img src="../img/diagram.png" alt="diagram">

            | left | centre | right |
            |:-----|:------:|------:|
            | a    | b      | c     |

            - [x] done
            - [ ] open

            Text with a note[^1].

            [^1]: The note.
            """);

        Assert.Empty(diagnostics);
        var doc = HtmlSafety.Parse(body.Html.ToString());
        Assert.Empty(HtmlSafety.Problems(doc, "body"));
        Assert.NotNull(doc.QuerySelector("details > summary"));
        Assert.Equal(2, doc.QuerySelectorAll("kbd").Length);
        Assert.Equal("https://example.com/x", doc.QuerySelector("a[title=t]")!.GetAttribute("href"));
        Assert.Equal("mailto:sre@example.com", doc.QuerySelectorAll("a").Single(a => a.TextContent == "mail").GetAttribute("href"));
        Assert.Equal("../img/diagram.png", doc.QuerySelector("img")!.GetAttribute("src"));
        // Column alignment is a class, not a style attribute (the CSP blocks inline styles).
        Assert.Equal(["align-left", "align-center", "align-right"], doc.QuerySelectorAll("tbody td").Select(td => td.ClassName));
        Assert.Equal(2, doc.QuerySelectorAll("input[type=checkbox][disabled]").Length);
        Assert.NotNull(doc.QuerySelector("a.footnote-ref[href='#fn:1']"));
    }

    [Fact]
    public void Markdown_tables_and_images_fit_the_csp_without_raw_html()
    {
        var (body, diagnostics) = Render("""
            | a | b |
            |--:|:-:|
            | 1 | 2 |

            +-----+-----+
            | g   | h   |
            +=====+=====+
            | 1   | 2   |
            +-----+-----+

            ![remote](https://images.example.com/x.png) ![local](diagram.png)
            """);
        var doc = HtmlSafety.Parse(body.Html.ToString());
        Assert.Empty(HtmlSafety.Problems(doc, "body"));
        Assert.DoesNotContain("style=", body.Html.ToString());
        Assert.Equal("https://images.example.com/x.png", doc.QuerySelectorAll("a").Single(a => a.TextContent == "remote").GetAttribute("href"));
        Assert.Equal("diagram.png", doc.QuerySelector("img")!.GetAttribute("src"));
        var warning = Assert.Single(diagnostics);
        Assert.Equal(20, warning.Line);
        Assert.Contains("Content-Security-Policy", warning.Message);
    }

    [Fact]
    public void Trusted_html_passes_through_unchanged()
    {
        var (body, diagnostics) = Render("<div class=\"callout\" style=\"color:red\" data-x=\"1\">kept</div>\n", trust: true);
        Assert.Empty(diagnostics);
        Assert.Contains("<div class=\"callout\" style=\"color:red\" data-x=\"1\">kept</div>", body.Html.ToString());
    }

    [Theory]
    [InlineData("trust_html: true\n", true, 0)]
    [InlineData("trust_html: false\n", false, 0)]
    [InlineData("title: x\n", false, 0)]
    [InlineData("trust_html: yes please\n", false, 1)]
    public void Trust_html_is_a_site_setting(string yaml, bool trusted, int errors)
    {
        using var dir = new TempDir();
        dir.Write("input/site.yml", yaml);
        var diagnostics = new List<Diagnostic>();
        var settings = SiteSettingsReader.Read(Path.Combine(dir.Path, "input"), diagnostics);
        Assert.Equal(trusted, settings.TrustHtml);
        Assert.Equal(errors, diagnostics.Count(d => d.IsError));
        if (errors > 0) Assert.Equal("site.yml:1:13: error [trust_html]: expected true or false, found 'yes please'", diagnostics[0].ToString());
    }

    private const string ScriptBreak = "</script><script>alert(1)</script>";
    private const string AttrBreak = "\"'><img src=x onerror=alert(1)>";
    private const string Both = ScriptBreak + " " + AttrBreak;

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>Every text field of a post-mortem (and the site's title) carries both break-out payloads.</summary>
    private static string CreateHostileSite(TempDir dir)
    {
        dir.Write("input/site.yml", $"title: {Q("KB " + Both)}\ndescription: {Q(Both)}\nbase_url: /\n");
        dir.Write("input/postmortems/2024/xss.md", $"""
            ---
            title: {Q("Title " + Both)}
            date: 2024-05-01
            severity: SEV2
            summary: {Q("Summary " + Both)}
            visibility: public
            services: [{Q("svc " + Both)}]
            tags: [{Q("tag " + ScriptBreak)}, {Q("tag " + AttrBreak)}]
            cause_categories: [process]
            authors: [{Q("Author " + Both)}]
            facilitator: {Q("Facilitator " + Both)}
            detected_by: {Q("Detector " + Both)}
            started: 2024-05-01T10:00:00+02:00
            detected: 2024-05-01T10:05:00+02:00
            resolved: 2024-05-01T11:00:00+02:00
            impact:
              {Q("key " + Both)}: {Q("value " + Both)}
            onboarding: 1
            lessons:
              - {Q("Lesson " + Both)}
            actions:
              - title: {Q("Action " + Both)}
                owner: {Q("Owner " + Both)}
                due: 2024-06-01
                success: {Q("Success " + Both)}
                link: {Q("https://tracker.example.com/a?q=" + AttrBreak)}
            ---
            ## Heading {ScriptBreak.Replace("<", "\\<")}

            Body text \</script\>. A [link](https://example.com/"onmouseover="alert(1)) and `{Both}`.

            ## Lessons learned

            - Body lesson {AttrBreak.Replace("<", "\\<")}
            """);
        dir.Write("input/postmortems/2024/plain.md", "---\ntitle: Plain\ndate: 2024-01-02\nseverity: SEV4\nsummary: Plain.\nrelated: [xss]\n---\nPlain body.\n");
        return Path.Combine(dir.Path, "input");
    }

    [Fact]
    public void Front_matter_values_never_become_markup_or_script_in_any_output_file()
    {
        using var dir = new TempDir();
        var input = CreateHostileSite(dir);
        var site = BuiltSite.Build(input, Path.Combine(dir.Path, "out"));
        Assert.True(site.ExitCode == 0, site.Stderr);

        var problems = new List<string>();
        var checkedHtml = 0;
        foreach (var file in OutputFiles.Read(site.OutputDir))
        {
            var text = System.Text.Encoding.UTF8.GetString(file.Bytes);
            var extension = Path.GetExtension(file.RelativePath);
            switch (extension)
            {
                case ".html":
                    checkedHtml++;
                    var doc = HtmlSafety.Parse(text);
                    problems.AddRange(HtmlSafety.Problems(doc, file.RelativePath));
                    // Nothing the payloads spell may exist as an element or attribute.
                    foreach (var img in doc.QuerySelectorAll("img[src=x]")) problems.Add($"{file.RelativePath}: injected {img.OuterHtml}");
                    foreach (var e in doc.All.Where(e => e.Attributes.Any(a => a.Name is "'" or "\"" || a.Name.StartsWith("onerror", StringComparison.Ordinal))))
                        problems.Add($"{file.RelativePath}: attribute injected into {e.LocalName}");
                    break;
                case ".json":
                    try { using var _ = JsonDocument.Parse(file.Bytes); }
                    catch (JsonException e) { problems.Add($"{file.RelativePath}: not valid JSON: {e.Message}"); }
                    break;
                case ".xml":
                    try
                    {
                        var xml = XDocument.Parse(text);
                        // Atom text constructs of type html are HTML a feed reader renders: they must be safe too.
                        foreach (var element in xml.Descendants().Where(e => (string?)e.Attribute("type") is "html" or "xhtml"))
                            problems.AddRange(HtmlSafety.Problems(HtmlSafety.Parse(element.Value), $"{file.RelativePath} <{element.Name.LocalName}>"));
                    }
                    catch (System.Xml.XmlException e) { problems.Add($"{file.RelativePath}: not well-formed XML: {e.Message}"); }
                    break;
                case ".js" or ".css":
                    if (text.Contains("alert(1)", StringComparison.Ordinal)) problems.Add($"{file.RelativePath}: carries a payload");
                    break;
            }
        }
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n" + string.Join("\n", problems.Take(40)));
        Assert.True(checkedHtml > 20);

        // The payloads are there, as text (so the test is not vacuous).
        var page = site.Page("/incidents/xss/");
        Assert.Contains("Title " + Both, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Owner " + Both, page.Body!.TextContent);
        Assert.Contains("value " + Both, page.Body!.TextContent);
        Assert.Contains("Heading </script>", page.Body!.TextContent);
        Assert.Contains("KB " + Both, page.Title);
        var tracker = page.QuerySelectorAll("a[href^='https://tracker.example.com/']").Single();
        Assert.StartsWith("https://tracker.example.com/a?q=", tracker.GetAttribute("href"));
    }
}
