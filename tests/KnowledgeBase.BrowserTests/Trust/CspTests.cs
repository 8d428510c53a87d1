using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Trust;

/// <summary>
/// Every page type of the default theme runs in Chromium under the production Content-Security-Policy
/// (<see cref="StaticSiteServer.ContentSecurityPolicy"/>, the same as netlify.toml) without a single violation:
/// the page's own <c>securitypolicyviolation</c> events and Chromium's console are both watched. Page types are
/// discovered from the built sites (one page per <c>data-template</c>), so templates added later are covered too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CspTests(SiteFixture site)
{
    // Registered before any page script runs (through the DevTools protocol, so the policy does not apply to it).
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => {
          window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber);
        });
        """;

    [GeneratedRegex("""<body[^>]*\sdata-template="([^"]+)""")]
    private static partial Regex TemplateAttribute();

    /// <summary>One page per template of a built site, as site paths (e.g. <c>/incidents/x/</c>).</summary>
    private static IEnumerable<string> OnePagePerTemplate(string siteDir, string prefix)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(siteDir, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var match = TemplateAttribute().Match(File.ReadAllText(file));
            var template = match.Success ? match.Groups[1].Value : "(none)";
            if (!seen.Add(template)) continue;
            var relative = Path.GetRelativePath(siteDir, file).Replace('\\', '/');
            yield return prefix + "/" + (relative.EndsWith("index.html", StringComparison.Ordinal) ? relative[..^"index.html".Length] : relative);
        }
    }

    public static TheoryData<string> Sites => new() { "sample", "markup" };

    [Theory]
    [MemberData(nameof(Sites))]
    public async Task Every_page_type_runs_without_a_csp_violation(string which)
    {
        var (dir, prefix) = which == "sample"
            ? (site.SampleSite, "")
            : (Path.Combine(Path.GetDirectoryName(site.SampleSite)!, "markup"), SiteFixture.MarkupPrefix);
        var pages = OnePagePerTemplate(dir, prefix).ToList();
        // The search page with a query, so the search scripts load the index and render results.
        pages.Add(prefix + "/search/?q=database");
        Assert.True(pages.Count >= 8, "too few page types found: " + string.Join(", ", pages));

        var problems = new List<string>();
        foreach (var path in pages)
        {
            var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin, Locale = "en-US" });
            try
            {
                await context.AddInitScriptAsync(RecordViolations);
                var page = await context.NewPageAsync();
                var console = new ConcurrentQueue<string>();
                page.Console += (_, m) => { if (m.Type is "error" or "warning") console.Enqueue($"console {m.Type}: {m.Text}"); };
                page.PageError += (_, e) => console.Enqueue("page error: " + e);
                page.Dialog += (_, d) => console.Enqueue("dialog (script ran): " + d.Message);
                var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
                if (response is null || !response.Ok) problems.Add($"{path}: HTTP {response?.Status}");
                // Let deferred scripts and the search finish their work.
                await page.WaitForTimeoutAsync(300);
                var header = response is null ? null : await response.HeaderValueAsync("content-security-policy");
                if (header != StaticSiteServer.ContentSecurityPolicy) problems.Add($"{path}: served without the policy");
                var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
                problems.AddRange(violations.Select(v => $"{path}: {v}"));
                problems.AddRange(console.Select(c => $"{path}: {c}"));
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) on {pages.Count} pages:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_violation_listener_does_report_a_violation()
    {
        // A page that breaks the policy on purpose (an inline script) must be caught, or the test above proves nothing.
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.Origin });
        try
        {
            await context.AddInitScriptAsync(RecordViolations);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
            await page.EvaluateAsync("""
                () => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.appendChild(s);
                        const d = document.createElement('div'); d.setAttribute('style', 'color: red'); document.body.appendChild(d); }
                """);
            await page.WaitForTimeoutAsync(200);
            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            Assert.Contains(violations, v => v.StartsWith("script-src", StringComparison.Ordinal));
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__ran"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
