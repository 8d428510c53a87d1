using System.Text.Json;
using KnowledgeBase.Tests.Site;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>
/// Runs axe-core (pinned in this project's package.json, restored by its build) in a page. The script is evaluated
/// through the DevTools protocol, so the page's Content-Security-Policy (no inline script) does not stop it.
/// </summary>
public static class AxeCore
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "KnowledgeBase.BrowserTests", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: build the test project (it runs npm ci) or run npm ci in tests/KnowledgeBase.BrowserTests");
        return File.ReadAllText(path);
    });

    /// <summary>axe's default rule set (WCAG 2.0/2.1/2.2 A and AA and best practices); the violations, described.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' '))
              })));
            }
            """);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(v =>
            $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}\n    " +
            string.Join("\n    ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))).ToList();
    }

    /// <summary>The rules axe ran, to prove the run covered WCAG A and AA.</summary>
    public static Task<string[]> RuleTagsAsync(IPage page) =>
        page.EvaluateAsync<string[]>("() => [...new Set(axe.getRules().flatMap(r => r.tags))]");
}
