using Microsoft.Playwright;

namespace KnowledgeBase.BrowserTests.Theme;

/// <summary>
/// axe-core finds no violation on each page type in the light and the dark theme (colour contrast included),
/// with its default rules: WCAG 2.x A and AA plus best practices.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(SiteFixture site)
{
    public static TheoryData<string, string> PagesAndThemes
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var name in PageTypes.All.Keys)
                foreach (var theme in new[] { "light", "dark" }) data.Add(name, theme);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PagesAndThemes))]
    public Task Axe_reports_no_violation(string pageType, string theme) => CheckAsync(pageType, theme, 1280);

    /// <summary>On a phone the layout changes (stacked header, scrolling boxes): checked again at 360 px.</summary>
    [Theory]
    [InlineData("home", "light")]
    [InlineData("incident", "dark")]
    [InlineData("actions", "light")]
    public Task Axe_reports_no_violation_on_a_phone(string pageType, string theme) => CheckAsync(pageType, theme, 360);

    private async Task CheckAsync(string pageType, string theme, int width)
    {
        var context = await site.Browser.NewContextAsync(new()
        {
            BaseURL = site.Origin, Locale = "en-US", ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            ViewportSize = new() { Width = width, Height = 800 },
        });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(PageTypes.All[pageType], new() { WaitUntil = WaitUntilState.NetworkIdle });
            if (pageType == "search")
                await Assertions.Expect(page.Locator("[data-search-state]").First).ToHaveAttributeAsync("data-search-state", "done", new() { Timeout = 15_000 });
            var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            Assert.Equal(theme == "dark" ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)", background);

            var violations = await AxeCore.ViolationsAsync(page);
            Assert.True(violations.Count == 0, $"axe found {violations.Count} violation(s) on {PageTypes.All[pageType]} ({theme}, {width} px):\n" + string.Join("\n", violations));
            var tags = await AxeCore.RuleTagsAsync(page);
            Assert.Contains("wcag2a", tags);
            Assert.Contains("wcag2aa", tags);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_check_does_catch_a_violation()
    {
        // An image without a text alternative and low-contrast text must be reported, or the test above proves nothing.
        await using var s = await site.OpenAsync("/");
        await s.Page.EvaluateAsync("""
            () => { const img = document.createElement('img'); img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.querySelector('main').appendChild(img); }
            """);
        var violations = await AxeCore.ViolationsAsync(s.Page);
        Assert.Contains(violations, v => v.StartsWith("image-alt", StringComparison.Ordinal));
    }
}
