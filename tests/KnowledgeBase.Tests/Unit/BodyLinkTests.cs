using AngleSharp.Html.Parser;
using KnowledgeBase.Markdown;
using KnowledgeBase.Model;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

public sealed class BodyLinkTests
{
    private const string From = "postmortems/2024/cache.md";

    private static readonly Dictionary<string, string> IdByPath = new()
    {
        [From] = "cache",
        ["postmortems/2023/db-disk-full.md"] = "db-disk-full",
        ["postmortems/2024/draft.md"] = "draft-outage",
        ["postmortems/2024/sub/dns.md"] = "dns",
    };

    private static readonly HashSet<string> Included = ["cache", "db-disk-full", "dns"];

    private static BodyLinkResolver Resolver(string basePath = "/kb/") => new(IdByPath, Included, basePath);

    private static (RenderedBody Body, List<Diagnostic> Diagnostics) Render(string body, int bodyLine = 10)
    {
        var markdown = new PostmortemMarkdown(MarkdownPipelineFactory.Create(), Resolver());
        var diagnostics = new List<Diagnostic>();
        var incident = Pm.Incident("cache", From) with { Body = body, BodyLine = bodyLine };
        return (markdown.Render(incident, diagnostics), diagnostics);
    }

    private static AngleSharp.Dom.IElement[] Anchors(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("a").ToArray();

    [Theory]
    [InlineData("../2023/db-disk-full.md", "/kb/incidents/db-disk-full/")]
    [InlineData("../2023/db-disk-full.md#timeline", "/kb/incidents/db-disk-full/#timeline")]
    [InlineData("./sub/dns.md", "/kb/incidents/dns/")]
    [InlineData("sub/dns.md", "/kb/incidents/dns/")]
    [InlineData("../../postmortems/2024/sub/../cache.md", "/kb/incidents/cache/")]
    [InlineData("../2023/DB-DISK-FULL.MD", null)]
    public void Resolves_relative_links_between_post_mortem_files(string url, string? expected)
    {
        var result = Resolver().Resolve(From, url, out var resolved);

        Assert.Equal(expected is null ? LinkTarget.Missing : LinkTarget.Included, result);
        Assert.Equal(expected, resolved);
    }

    [Theory]
    [InlineData("https://example.com/readme.md")]
    [InlineData("/docs/guide.md")]
    [InlineData("../2023/db-disk-full.html")]
    [InlineData("#timeline")]
    [InlineData("mailto:sre@example.com")]
    public void Other_links_are_not_post_mortem_links(string url)
    {
        Assert.Equal(LinkTarget.NotAPostmortem, Resolver().Resolve(From, url, out var resolved));
        Assert.Null(resolved);
    }

    [Fact]
    public void Links_climbing_out_of_the_input_are_missing()
    {
        Assert.Equal(LinkTarget.Missing, Resolver().Resolve(From, "../../../../../etc/passwd.md", out _));
    }

    [Fact]
    public void A_link_to_an_excluded_post_mortem_is_reported_as_excluded()
    {
        Assert.Equal(LinkTarget.Excluded, Resolver().Resolve(From, "draft.md", out var resolved));
        Assert.Null(resolved);
    }

    [Fact]
    public void Rendered_links_to_included_post_mortems_point_at_their_pages()
    {
        var (body, diagnostics) = Render("See [the disk incident](../2023/db-disk-full.md#root-causes) first.\n");

        Assert.Empty(diagnostics);
        var a = Assert.Single(Anchors(body.Html.ToString()));
        Assert.Equal("/kb/incidents/db-disk-full/#root-causes", a.GetAttribute("href"));
        Assert.Equal("the disk incident", a.TextContent);
    }

    [Fact]
    public void A_link_to_a_missing_file_is_an_error_located_in_the_whole_file()
    {
        // The link is on the body's third line (index 2), 8 characters in; the body starts on file line 10.
        var (_, diagnostics) = Render("# Title\n\nBroken [gone](../2022/gone.md) link.\n", bodyLine: 10);

        var d = Assert.Single(diagnostics);
        DiagnosticAssert.At(d, DiagnosticLevel.Error, From, 12, 8, "body");
        Assert.Contains("'../2022/gone.md'", d.Message);
        Assert.Contains("postmortems/", d.Message);
    }

    [Fact]
    public void Body_link_errors_count_lines_from_the_top_of_the_file()
    {
        // Lines 1-6 front matter, body from line 7; the link is on the body's third line, so file line 9.
        var incident = Pm.ReadValid(Pm.Doc("", "## Timeline\n\n- 09:12 see [old](../2019/old.md)\n"), relativePath: From);
        var markdown = new PostmortemMarkdown(MarkdownPipelineFactory.Create(), Resolver());
        var diagnostics = new List<Diagnostic>();

        markdown.Render(incident, diagnostics);

        Assert.Equal(7, incident.BodyLine);
        DiagnosticAssert.At(Assert.Single(diagnostics), DiagnosticLevel.Error, From, 9, 13, "body");
    }

    [Fact]
    public void A_link_to_an_excluded_post_mortem_keeps_its_text_and_loses_the_link()
    {
        var (body, diagnostics) = Render("Compare with [the *draft* one](draft.md) please.\n");

        Assert.Empty(diagnostics);
        Assert.Empty(Anchors(body.Html.ToString()));
        Assert.Contains("Compare with the <em>draft</em> one please.", body.Html.ToString());
        Assert.DoesNotContain("draft.md", body.Html.ToString());
    }

    [Fact]
    public void Every_link_is_checked_even_after_an_excluded_one_is_unwrapped()
    {
        var (body, diagnostics) = Render(
            "See [a](draft.md), [b](../2022/gone.md) and [c](../2023/db-disk-full.md).\n\n[d](draft.md) [e](javascript:alert(1))\n",
            bodyLine: 5);

        Assert.Equal([(5, 20, "body"), (7, 15, "body")], diagnostics.Select(d => (d.Line, d.Column, d.Field)).ToList());
        Assert.Contains("gone.md", diagnostics[0].Message);
        Assert.Contains("javascript:", diagnostics[1].Message);
        Assert.Contains("/kb/incidents/db-disk-full/", Anchors(body.Html.ToString()).Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JAVASCRIPT:alert(1))")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<vbscript:msgbox(1)>")]
    public void Script_links_are_errors_and_never_reach_the_html(string markdown)
    {
        var (body, diagnostics) = Render(markdown + "\n", bodyLine: 3);

        var d = Assert.Single(diagnostics);
        DiagnosticAssert.At(d, DiagnosticLevel.Error, From, 3, 1, "body");
        Assert.Contains("not allowed", d.Message);
        var doc = new HtmlParser().ParseDocument(body.Html.ToString());
        var targets = doc.QuerySelectorAll("a").Select(a => a.GetAttribute("href"))
            .Concat(doc.QuerySelectorAll("img").Select(i => i.GetAttribute("src")))
            .OfType<string>().ToList();
        Assert.All(targets, t => Assert.Equal("#", t));
        Assert.DoesNotContain("=\"javascript:", body.Html.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("=\"vbscript:", body.Html.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("=\"data:", body.Html.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_script_autolink_is_kept_as_plain_text()
    {
        var (body, diagnostics) = Render("Never <javascript:alert(1)> here.\n", bodyLine: 8);

        DiagnosticAssert.At(Assert.Single(diagnostics), DiagnosticLevel.Error, From, 8, 7, "body");
        Assert.Empty(Anchors(body.Html.ToString()));
        Assert.Contains("Never javascript:alert(1) here.", body.Html.ToString());
    }

    [Theory]
    [InlineData("<sre@example.com>", "mailto:sre@example.com")]
    [InlineData("www.example.com", "http://www.example.com")]
    [InlineData("[x](https://example.com)", "https://example.com")]
    [InlineData("[x](mailto:sre@example.com)", "mailto:sre@example.com")]
    [InlineData("<https://example.com/a>", "https://example.com/a")]
    [InlineData("[x](#timeline)", "#timeline")]
    public void Safe_links_are_kept(string markdown, string href)
    {
        var (body, diagnostics) = Render(markdown + "\n");

        Assert.Empty(diagnostics);
        Assert.Equal(href, Assert.Single(Anchors(body.Html.ToString())).GetAttribute("href"));
    }

    [Fact]
    public void Raw_html_is_sanitized_with_a_located_warning_per_removal()
    {
        // Raw HTML is sanitized by default (issue 5); Trust/SafeHtmlTests covers the policy in depth.
        var (body, diagnostics) = Render("Before <script>alert(1)</script> after.\n\n<div onclick=\"x()\">block</div>\n\n<img src=x onerror=alert(1)>\n");

        Assert.All(diagnostics, d => Assert.False(d.IsError));
        Assert.Equal(3, diagnostics.Count);
        var doc = new HtmlParser().ParseDocument(body.Html.ToString());
        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Empty(doc.QuerySelectorAll("[onclick], [onerror]"));
        Assert.DoesNotContain("alert(1)", body.Html.ToString());
        Assert.Contains("block", doc.Body!.TextContent);
        Assert.Contains("after.", doc.Body!.TextContent);
    }

    [Fact]
    public void Headings_get_stable_unicode_anchors()
    {
        var (body, _) = Render("## Хронология\n\n## Root causes\n");

        Assert.Equal([("Хронология", "хронология"), ("Root causes", "root-causes")], body.Headings.Select(h => (h.Text, h.Anchor)).ToList());
        Assert.Contains("id=\"root-causes\"", body.Html.ToString());
    }
}
