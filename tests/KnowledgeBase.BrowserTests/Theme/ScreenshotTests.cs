using KnowledgeBase.Tests.Site;
using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>
/// Screenshots of the main pages in both themes, the README's pictures. Every run takes them (so a page that fails
/// to render fails here); with <c>KB_UPDATE_SCREENSHOTS=1</c> they are written to <c>docs/</c>, else to a temporary folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(SiteFixture site)
{
    public static TheoryData<string, string, string> Shots => new()
    {
        { "home", "/", "light" },
        { "incident", PageTypes.Incident, "light" },
        { "incident", PageTypes.Incident, "dark" },
        { "metrics", "/metrics/", "dark" },
        { "incident-phone", "/incidents/checkout-canary-rollback-2025/", "light" },
        { "timeline", PageTypes.Incident, "light" },
        { "timeline", PageTypes.Incident, "dark" },
    };

    [Theory]
    [MemberData(nameof(Shots))]
    public async Task Screenshot(string name, string path, string theme)
    {
        var phone = name.EndsWith("-phone", StringComparison.Ordinal);
        var context = await site.Browser.NewContextAsync(new()
        {
            BaseURL = site.Origin, Locale = "en-US", ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            ViewportSize = phone ? new() { Width = 360, Height = 780 } : new() { Width = 1100, Height = 820 },
        });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await page.EvaluateAsync("() => document.fonts.ready");
            var folder = Environment.GetEnvironmentVariable("KB_UPDATE_SCREENSHOTS") == "1"
                ? Path.Combine(RepoPaths.Root, "docs")
                : Path.Combine(Path.GetTempPath(), "kb-screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"screenshot-{name}-{theme}.png");
            // The timeline alone: its section of the incident page.
            var png = name == "timeline"
                ? await page.Locator("section.moments").ScreenshotAsync(new() { Path = file, Animations = ScreenshotAnimations.Disabled })
                : await page.ScreenshotAsync(new() { Path = file, Animations = ScreenshotAnimations.Disabled });
            // A blank page compresses to almost nothing; a real one is tens of kilobytes.
            Assert.InRange(png.Length, name == "timeline" ? 8_000 : 15_000, 600_000);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
