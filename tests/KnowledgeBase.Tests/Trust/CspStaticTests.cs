using System.Text.RegularExpressions;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Trust;

/// <summary>
/// A static check of the Content-Security-Policy on every file of the built sample site (the browser check is
/// tests/KnowledgeBase.BrowserTests/Trust/CspTests.cs): no inline script or style, no event handler attributes, nothing
/// loaded from another origin, no eval in the site's scripts; and the policy netlify.toml declares is the strict one.
/// </summary>
public sealed partial class CspStaticTests
{
    private static readonly string[] RequiredDirectives =
    [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'self'", "frame-ancestors 'none'",
    ];

    [Fact]
    public void Netlify_declares_the_strict_policy_for_every_path()
    {
        var toml = File.ReadAllText(Path.Combine(RepoPaths.Root, "netlify.toml"));
        var policy = PolicyLine().Match(toml);
        Assert.True(policy.Success, "netlify.toml declares no Content-Security-Policy header");
        var directives = policy.Groups[1].Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var required in RequiredDirectives) Assert.Contains(required, directives);
        Assert.DoesNotContain(directives, d => d.Contains("unsafe-inline", StringComparison.Ordinal) || d.Contains("unsafe-eval", StringComparison.Ordinal));
        Assert.Contains("for = \"/*\"", toml);
    }

    [GeneratedRegex("Content-Security-Policy\\s*=\\s*\"([^\"]+)\"")]
    private static partial Regex PolicyLine();

    [GeneratedRegex(@"@import|url\(\s*['""]?\s*(https?:|//)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalCss();

    [GeneratedRegex(@"\beval\s*\(|\bnew\s+Function\s*\(|setTimeout\s*\(\s*['""`]|\.innerHTML\s*=(?!\s*['""]{2})")]
    private static partial Regex UnsafeScript();

    [Fact]
    public void The_sample_site_has_no_inline_script_or_style_and_loads_nothing_from_elsewhere()
    {
        using var dir = new TempDir();
        var site = BuiltSite.Build(RepoPaths.SampleInput, Path.Combine(dir.Path, "out"));
        Assert.True(site.ExitCode == 0, site.Stderr);

        var problems = new List<string>();
        var html = 0;
        foreach (var file in OutputFiles.Read(site.OutputDir))
        {
            var text = System.Text.Encoding.UTF8.GetString(file.Bytes);
            switch (Path.GetExtension(file.RelativePath))
            {
                case ".html":
                    html++;
                    problems.AddRange(HtmlSafety.Problems(HtmlSafety.Parse(text), file.RelativePath));
                    break;
                case ".css":
                    if (ExternalCss().Match(text) is { Success: true } css) problems.Add($"{file.RelativePath}: loads '{css.Value}'");
                    break;
                case ".js" when !file.RelativePath.Contains("/vendor/", StringComparison.Ordinal):
                    // The theme's own scripts: nothing CSP's script-src 'self' (no unsafe-eval) would block.
                    if (UnsafeScript().Match(text) is { Success: true } js) problems.Add($"{file.RelativePath}: uses '{js.Value}'");
                    break;
            }
        }
        Assert.True(html > 50, $"only {html} pages");
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n" + string.Join("\n", problems.Take(40)));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "inline script")]
    [InlineData("<p style=\"color:red\">x</p>", "style attribute")]
    [InlineData("<style>p{}</style>", "style element")]
    [InlineData("<a href=\"#\" onclick=\"x()\">x</a>", "event handler")]
    [InlineData("<a href=\" java\tscript:alert(1)\">x</a>", "script or data URL")]
    [InlineData("<img src=\"https://cdn.example.com/x.png\">", "another origin")]
    [InlineData("<script src=\"//cdn.example.com/x.js\"></script>", "another origin")]
    [InlineData("<link rel=stylesheet href=\"https://fonts.example.com/x.css\">", "another origin")]
    [InlineData("<script type=\"application/json\">{\"a\": </script>", "not valid JSON")]
    [InlineData("<iframe src=\"/x\"></iframe>", "<iframe> element")]
    public void The_checker_catches_what_the_policy_forbids(string html, string expected)
    {
        var problems = HtmlSafety.Problems(HtmlSafety.Parse("<!DOCTYPE html><html><body>" + html + "</body></html>"), "t");
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<script src=\"/assets/js/site.js\" defer></script>")]
    [InlineData("<script type=\"application/json\">{\"a\": \"<\\/script>\"}</script>")]
    [InlineData("<img src=\"data:image/png;base64,AAAA\" alt=\"\"><a href=\"https://example.com/\">out</a>")]
    public void The_checker_accepts_what_the_policy_allows(string html)
    {
        Assert.Empty(HtmlSafety.Problems(HtmlSafety.Parse("<!DOCTYPE html><html><body>" + html + "</body></html>"), "t"));
    }
}
